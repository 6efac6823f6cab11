"""`@frozen`: the classes `@dataclass(frozen=True)` makes, for a fraction of the start-up cost.

Python 3.11's dataclasses writes each method of a frozen class (`__init__`, `__repr__`, `__eq__`,
`__hash__`, `__setattr__`, `__delattr__`) as source text and compiles it: ~3.8 M instructions for
a class of five fields, and a CLI run defines ~40 such classes before it reads a word (about a
seventh of the JSON run, callgrind). Here dataclasses still reads the fields (so `fields`,
`replace`, `asdict`, `is_dataclass` and `__match_args__` are its own), but only `__init__` is
compiled, from a shorter text; the other methods are shared functions over the class's field
names, which give the same results: equality and hash over the same tuples, the same repr, the
same `FrozenInstanceError`s. tests/test_frozen.py holds every behaviour equal to dataclasses'.

A class this does not cover (a base that is a dataclass, a method of its own that dataclasses
would keep, keyword-only or InitVar fields) is left to `dataclass(frozen=True)` itself.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
from collections.abc import Callable
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - Python 3.10
    from typing_extensions import dataclass_transform

T = TypeVar("T")

# Methods dataclasses keeps when a class defines them itself: such a class is its to build.
_OWN = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__slots__")
_MISSING = dataclasses.MISSING


class _Factory:
    """An argument left to its default factory (the role of dataclasses' own sentinel, shown in
    signatures as it is)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: type[T]) -> type[T]:
    """`@dataclass(frozen=True)`, built cheaply when the class is a plain one (see above)."""
    if not _plain(cls):
        return dataclasses.dataclass(frozen=True)(cls)
    had_doc = bool(cls.__doc__)
    if not had_doc:  # dataclasses would work one out from a signature not made yet
        cls.__doc__ = cls.__name__
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)  # the fields alone
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    _check_order(fields)
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    params.init = params.repr = params.eq = params.frozen = True
    names = tuple(f.name for f in fields)
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    methods: dict[str, Callable[..., Any]] = {
        "__init__": _init(cls, fields),
        "__repr__": _repr(tuple(f.name for f in fields if f.repr)),
        "__eq__": _eq(compared),
        "__hash__": _hash(_key(hashed)),
        "__setattr__": _setattr(cls, names),
        "__delattr__": _delattr(cls, names),
    }
    for name, method in methods.items():
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    if not had_doc:  # dataclasses' doc: the class's name and signature
        cls.__doc__ = cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")
    return cls


def _plain(cls: type) -> bool:
    if any(name in cls.__dict__ for name in _OWN):
        return False
    if any(dataclasses.is_dataclass(base) for base in cls.__mro__[1:]):
        return False
    notes = cls.__dict__.get("__annotations__", {})
    if any(name.startswith("_frozen_") for name in notes):  # the names __init__'s text uses
        return False
    # InitVar, KW_ONLY and kw_only fields change the signature; ClassVar is no field. Written as
    # text (future annotations) or as objects.
    if any(w in str(t) for t in notes.values() for w in ("InitVar", "KW_ONLY", "ClassVar")):
        return False
    return not any(
        isinstance(v, dataclasses.Field) and getattr(v, "kw_only", False) is True
        for v in cls.__dict__.values()
    )


def _check_order(fields: tuple[dataclasses.Field[Any], ...]) -> None:
    """dataclasses' own check, with its message."""
    seen_default = False
    for f in fields:
        if not f.init:
            continue
        has_default = f.default is not _MISSING or f.default_factory is not _MISSING
        if seen_default and not has_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
        seen_default = seen_default or has_default


def _init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """The one compiled method: its signature is the class's, and a generic `__init__` would
    make every instance slower. Its text is what dataclasses writes, without the annotations
    (set on the function instead)."""
    scope: dict[str, Any] = {"_frozen_set": object.__setattr__, "_frozen_factory": _FACTORY}
    params, body = ["self"], []
    for n, f in enumerate(fields):
        value = f.name
        if f.init:
            if f.default_factory is not _MISSING:
                scope[f"_frozen_f{n}"] = f.default_factory
                params.append(f"{f.name}=_frozen_factory")
                value = f"_frozen_f{n}() if {f.name} is _frozen_factory else {f.name}"
            elif f.default is not _MISSING:
                scope[f"_frozen_d{n}"] = f.default
                params.append(f"{f.name}=_frozen_d{n}")
            else:
                params.append(f.name)
        elif f.default_factory is not _MISSING:
            scope[f"_frozen_f{n}"] = f.default_factory
            value = f"_frozen_f{n}()"
        else:  # init=False: the class attribute (its default, if any) stands
            continue
        body.append(f" _frozen_set(self,{f.name!r},{value})")
    if hasattr(cls, "__post_init__"):
        body.append(" self.__post_init__()")
    text = f"def __init__({','.join(params)}):\n" + ("\n".join(body) or " pass")
    exec(text, scope)  # noqa: S102 - our own text, made of the class's field names
    init: Callable[..., None] = scope["__init__"]
    init.__annotations__ = {f.name: f.type for f in fields if f.init} | {"return": None}
    return init


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values as a tuple, whatever their number (attrgetter of one name returns
    the value itself, and dataclasses compares tuples even then: NaN is equal to itself)."""
    if len(names) >= 2:
        return attrgetter(*names)
    if names:
        name = names[0]
        return lambda obj: (getattr(obj, name),)
    return lambda obj: ()


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    @recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _eq_as_tuples(names: tuple[str, ...]) -> Callable[[Any, Any], Any]:
    """dataclasses' `__eq__` up to Python 3.12: the fields compared as tuples (so a NaN field
    is equal to itself, the same object)."""
    key = _key(names)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _eq_by_field(names: tuple[str, ...]) -> Callable[[Any, Any], Any]:
    """dataclasses' `__eq__` from Python 3.13: an instance is equal to itself, else the fields
    are compared one by one, as `a == b and c == d` (the first false result, else the last)."""

    def __eq__(self: Any, other: Any) -> Any:
        if self is other:
            return True
        if other.__class__ is not self.__class__:
            return NotImplemented
        result: Any = True
        for name in names:
            result = getattr(self, name) == getattr(other, name)
            if not result:
                return result
        return result

    return __eq__


_eq = _eq_by_field if sys.version_info >= (3, 13) else _eq_as_tuples


def _hash(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


def _setattr(cls: type[Any], names: tuple[str, ...]) -> Callable[[Any, str, Any], None]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    return __setattr__


def _delattr(cls: type[Any], names: tuple[str, ...]) -> Callable[[Any, str], None]:
    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __delattr__
