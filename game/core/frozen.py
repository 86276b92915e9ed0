"""Immutable records written without the methods `@dataclass(frozen=True)`
generates: dataclass writes and compiles each class's `__init__`,
`__repr__`, `__eq__`, `__hash__`, `__setattr__` and `__delattr__` at import
(about 4 ms for the scenario model: most of `validate`'s start-up beyond its
floor). A class under `@frozen` writes its own `__init__` (compiled once,
into the bytecode cache) and inherits the rest from `Frozen`, which behave
as dataclass's do: equal when of the same class with equal fields, the hash
of the fields' tuple, `Name(field=value, ...)` as repr, and assigning or
deleting a field raises `dataclasses.FrozenInstanceError`. `@frozen` still
makes the class a dataclass (its fields are known), so `dataclasses.replace`,
`fields` and `asdict` work on it as before."""
from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass

NEW = object()  # the default of a field whose default is a new empty dict (a dataclass default_factory)
set_field = object.__setattr__  # what each __init__ sets a field with (as dataclass's frozen __init__ does)


class Frozen:
    """The methods of a frozen dataclass, over `_names` (the fields, in order)."""
    __slots__ = ()
    _names: tuple[str, ...] = ()

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
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field {name!r}")


def frozen(cls):
    """`cls` (a `Frozen` with its own `__init__`) made a dataclass without generated methods."""
    cls = dataclass(init=False, repr=False, eq=False)(cls)
    cls._names = tuple(cls.__dataclass_fields__)
    return cls
