"""core.frozen builds the classes `dataclass(frozen=True)` builds: every behaviour compared."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from dataclasses import FrozenInstanceError, dataclass, field
from typing import Any

import pytest

from readout_diff.core.frozen import frozen


def _kinds(decorate: Any) -> list[type]:
    """The same class bodies, decorated by `decorate` (both runs define new classes)."""

    class Plain:
        """Two fields."""

        a: int
        b: str

    class Defaults:
        a: int
        b: str = "x"
        c: tuple[int, ...] = ()
        d: list[int] = field(default_factory=list)

    class Hidden:
        """Fields left out of repr, equality, hash or __init__."""

        a: int
        raw: bytes | None = field(default=None, repr=False, compare=False)
        cache: dict[str, int] = field(init=False, default_factory=dict, compare=False)
        late: int = field(init=False, default=3)
        hashed: float = field(default=0.0, hash=False)

    class Posted:
        a: int
        doubled: int = field(init=False)

        def __post_init__(self) -> None:
            object.__setattr__(self, "doubled", self.a * 2)

    class One:
        value: float

    class Empty:
        pass

    class WithMethods:
        a: int

        @property
        def twice(self) -> int:
            return self.a * 2

    return [decorate(k) for k in (Plain, Defaults, Hidden, Posted, One, Empty, WithMethods)]


ARGS: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {
    "Plain": [((1, "a"), {}), ((), {"a": 2, "b": "b"}), ((1, "a"), {})],
    "Defaults": [((1,), {}), ((1, "y", (1, 2)), {"d": [3]}), ((1,), {"d": [3]})],
    "Hidden": [((1,), {}), ((1, b"z"), {}), ((2,), {"hashed": 1.5})],
    "Posted": [((4,), {}), ((5,), {})],
    "One": [((1.0,), {}), ((float("nan"),), {})],
    "Empty": [((), {})],
    "WithMethods": [((3,), {})],
}


def _outcome(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except Exception as e:  # noqa: BLE001 - the error is the outcome compared
        return type(e), str(e)


def _made(cls: type) -> list[Any]:
    return [cls(*a, **k) for a, k in ARGS[cls.__name__]]


@pytest.mark.parametrize("n", range(7))
def test_same_classes_as_dataclass(n: int) -> None:
    ours, theirs = _kinds(frozen)[n], _kinds(dataclass(frozen=True))[n]
    assert dataclasses.is_dataclass(ours)
    assert str(inspect.signature(ours)) == str(inspect.signature(theirs))
    assert ours.__doc__ == theirs.__doc__
    assert ours.__match_args__ == theirs.__match_args__  # type: ignore[attr-defined]
    assert [(f.name, f.init, f.repr, f.compare, f.hash) for f in dataclasses.fields(ours)] == [
        (f.name, f.init, f.repr, f.compare, f.hash) for f in dataclasses.fields(theirs)
    ]
    p, q = ours.__dataclass_params__, theirs.__dataclass_params__  # type: ignore[attr-defined]
    assert repr(p) == repr(q)
    mine, other = _made(ours), _made(theirs)
    for x, y in zip(mine, other, strict=True):
        assert repr(x) == repr(y).replace(theirs.__qualname__, ours.__qualname__)
        assert dataclasses.asdict(x) == dataclasses.asdict(y)
        assert _outcome(hash, x) == _outcome(hash, y)  # a list field: unhashable in both
        assert (x == x) == (y == y)  # NaN in a field: equal to itself, as in a tuple
        assert (x == 1) == (y == 1)
        assert (copy.deepcopy(x) == x) == (copy.deepcopy(y) == y)  # NaN: by the Python's rule
        for name in [f.name for f in dataclasses.fields(x)] + ["other"]:
            with pytest.raises(FrozenInstanceError) as mine_error:
                setattr(x, name, 1)
            with pytest.raises(FrozenInstanceError) as their_error:
                setattr(y, name, 1)
            assert str(mine_error.value) == str(their_error.value)
            with pytest.raises(FrozenInstanceError) as mine_error:
                delattr(x, name)
            with pytest.raises(FrozenInstanceError) as their_error:
                delattr(y, name)
            assert str(mine_error.value) == str(their_error.value)
    eq_ours = [[a == b for b in mine] for a in mine]
    eq_theirs = [[a == b for b in other] for a in other]
    assert eq_ours == eq_theirs
    if mine:
        changed = dataclasses.replace(mine[0])
        assert changed == mine[0] and changed is not mine[0]


@frozen
class Pickled:
    a: int
    b: tuple[str, ...] = ()
    c: dict[str, int] = field(default_factory=dict, compare=False)


def test_pickled_and_copied() -> None:
    x = Pickled(1, ("a",), {"k": 2})
    for y in (pickle.loads(pickle.dumps(x)), copy.copy(x), copy.deepcopy(x)):
        assert y == x and hash(y) == hash(x) and y.c == {"k": 2}


def test_repr_of_a_cycle_and_subclass() -> None:
    @frozen
    class Node:
        items: list[Any]

    node = Node([])
    node.items.append(node)
    assert repr(node).endswith("Node(items=[...])")

    class Sub(Node):  # a subclass of a frozen class may set attributes of its own
        pass

    sub = Sub([])
    with pytest.raises(FrozenInstanceError):
        sub.items = []  # type: ignore[misc]
    assert sub != Node([])  # another class: never equal, as dataclasses has it


def test_left_to_dataclasses() -> None:
    """A class with its own method, or on a dataclass base, is dataclasses' to build."""

    @frozen
    class Own:
        a: int

        def __repr__(self) -> str:
            return "own"

    assert repr(Own(1)) == "own" and Own(1) == Own(1)

    @frozen
    class Base:
        a: int

    @frozen
    class Child(Base):
        b: int = 0

    assert str(inspect.signature(Child)) == "(a: 'int', b: 'int' = 0) -> None"
    assert Child(1, 2) == Child(1, 2) != Child(1, 3)


def test_misordered_defaults_fail_as_in_dataclasses() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):

        @frozen
        class Wrong:
            a: int = 0
            b: int  # type: ignore[misc]
