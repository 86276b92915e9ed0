"""The scenario model's classes (and Diagnostic) are written without
dataclass-generated methods (game/core/frozen.py) and must behave as the
frozen dataclasses they replaced: the same repr, equality and hash, no
field assignable, `dataclasses.replace` / `fields` / `asdict` working, and
a default dict new for every instance."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from game.core import loader, model
from game.core.errors import Diagnostic

ROOT = Path(__file__).resolve().parents[2]
CLASSES = (model.Choice, model.Variant, model.Node, model.Ending, model.Customer, model.Persona, model.Scenario,
           Diagnostic)


def reference(cls):
    """A frozen dataclass with the same name and fields: how the class behaved before."""
    specs = [(f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory))
             for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True)


def same_values(obj, ref_cls):
    return ref_cls(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})


def objects(scenario):
    yield scenario
    yield scenario.customer
    for persona in scenario.personas.values():
        yield persona
    for node in scenario.nodes.values():
        yield node
        yield from node.variants
        for choice in node.choices:
            yield choice
            yield from choice.personas.values()
    for ending in scenario.endings.values():
        yield ending
        yield from ending.variants


def test_every_bundled_object_has_the_repr_equality_and_hash_of_its_frozen_dataclass():
    refs = {cls: reference(cls) for cls in CLASSES if cls is not Diagnostic}
    seen = set()
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        first, second = loader.load_file(path), loader.load_file(path)
        assert first == second and first is not second and not (first != second)
        for obj in objects(first):
            seen.add(type(obj))
            ref = same_values(obj, refs[type(obj)])
            assert repr(obj) == repr(ref)
            try:
                expected = hash(ref)
            except TypeError:  # a dict among the fields: neither can be hashed
                with pytest.raises(TypeError):
                    hash(obj)
            else:
                assert hash(obj) == expected
    assert seen == set(refs)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_no_field_can_be_assigned_or_deleted_and_replace_fields_asdict_work(cls):
    needed = {f.name: f"x-{f.name}" for f in dataclasses.fields(cls)
              if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    obj = cls(**needed)
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(obj, name, "changed")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(obj, name)
    changed = dataclasses.replace(obj, **{name: "other"})
    assert getattr(changed, name) == "other" and getattr(obj, name) == f"x-{name}"
    assert changed != obj and dataclasses.replace(obj) == obj
    assert [f.name for f in dataclasses.fields(obj)] == list(cls.__dataclass_fields__)
    assert dataclasses.asdict(obj) == dataclasses.asdict(same_values(obj, reference(cls)))
    assert obj != same_values(obj, reference(cls))  # another class is never equal, as before


def test_a_default_dict_is_new_for_each_instance_and_an_explicit_value_is_kept():
    a, b = model.Choice(0, "a", "n"), model.Choice(0, "a", "n")
    assert a.levers == {} and a.levers is not b.levers and a.personas is not b.personas
    assert model.Choice(0, "a", "n", levers=None).levers is None  # as the dataclass kept it
    assert model.Scenario("s", "t", "", model.Customer("c"), "n", {}, {}, "w").personas == {}


def test_a_diagnostic_still_escapes_control_characters_and_shortens_long_quotes():
    d = Diagnostic("E1", "error", "a\nb.yaml", 3, 4, "bad 'x" + "y" * 100 + "'\x1b")
    assert d.file == "a\\nb.yaml" and "\\x1b" in d.message and "(101 characters)" in d.message
    assert dataclasses.replace(d, line=5).message == d.message and d.format().startswith("a\\nb.yaml:3:4: error:")
