"""Immutable records written without the methods `@dataclass(frozen=True)`
generates, and without importing `dataclasses`: dataclass writes and
compiles each class's `__init__`, `__repr__`, `__eq__`, `__hash__`,
`__setattr__` and `__delattr__` at import (about 4 ms for the scenario
model and 1 ms for Diagnostic, a quarter of `validate`'s start-up beyond its
floor), and importing `dataclasses` is about 0.5 ms more (its `inspect`
comes with `transitions` anyway).

A class under `@frozen` writes its own `__init__` (compiled once, into the
bytecode cache) and inherits the rest from `Frozen`, which behave as a
frozen dataclass's do: equal when of the same class with equal fields, the
hash of the fields' tuple, `Name(field=value, ...)` as repr, and assigning
or deleting a field raises `dataclasses.FrozenInstanceError`. The fields are
the class's annotations, in order. `changed(obj, **changes)` is
`dataclasses.replace`; and the first time anything asks for the class's
`__dataclass_fields__` (`dataclasses.replace`, `fields`, `asdict`,
`is_dataclass`), the class is made a dataclass then (no methods generated),
so those work on it as before."""
from __future__ import annotations

NEW = object()  # the default of a field whose default is a new empty dict (a dataclass default_factory)
set_field = object.__setattr__  # what each __init__ sets a field with (as dataclass's frozen __init__ does)


class _DataclassFields:
    """`Frozen.__dataclass_fields__`: makes the asking class a dataclass (no methods generated) on first use."""

    def __get__(self, obj, cls):
        if cls is Frozen or "_names" not in cls.__dict__:
            return None  # the base (dataclasses reads every base's fields) or a class not under @frozen
        from dataclasses import dataclass
        fields = dataclass(init=False, repr=False, eq=False)(cls).__dict__["__dataclass_fields__"]
        return fields


class Frozen:
    """The methods of a frozen dataclass, over `_names` (the fields, in order)."""
    __slots__ = ()
    __dataclass_fields__ = _DataclassFields()

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in self._names])

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self):
        return hash(self._values())

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self._names)})"

    def __setattr__(self, name, value):
        from dataclasses import FrozenInstanceError
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        from dataclasses import FrozenInstanceError
        raise FrozenInstanceError(f"cannot delete field {name!r}")


class DataclassFieldsOnUse:
    """`__dataclass_fields__` for a mutable record written out without `@dataclass` (its own `__init__`,
    `__eq__`, `__repr__`: game.storage.attempts.Attempt, game.delivery.config.LRSConfig): the first time
    anything asks (`dataclasses.replace`, `fields`, `asdict`, `is_dataclass`), the class it is set on is made a
    dataclass then (no methods generated), so those work on it and its subclasses as before."""

    def __set_name__(self, owner, name):
        self.owner = owner

    def __get__(self, obj, cls):
        from dataclasses import dataclass
        return dataclass(init=False, repr=False, eq=False)(self.owner).__dict__["__dataclass_fields__"]


def frozen(cls):
    """`cls` (a `Frozen` with its own `__init__`): its fields are its annotations, in order."""
    cls._names = tuple(cls.__dict__.get("__annotations__", {}))
    return cls


def changed(obj, **changes):
    """A copy of the record `obj` with `changes` (as `dataclasses.replace`)."""
    unknown = set(changes) - set(obj._names)
    if unknown:
        raise TypeError(f"{obj.__class__.__name__} has no field {sorted(unknown)[0]!r}")
    return obj.__class__(**{**{name: getattr(obj, name) for name in obj._names}, **changes})
