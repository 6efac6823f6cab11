"""Plugins: what installed packages add through entry points (`readout_diff.formats`,
`readout_diff.readers`). One loader for every registry, beside the layers (as errors.py is), so
that inputs/ and report/ share it."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from readout_diff.errors import UsageError

T = TypeVar("T")


def _warn(message: str) -> None:
    warnings.warn(message, RuntimeWarning, stacklevel=4)


# How a plugin that fails to load is told: a RuntimeWarning for a library user; the CLI puts a
# one-line warning on stderr instead. Either way the plugin is skipped, the tool still runs.
report_failure: Callable[[str], None] = _warn


def load_entry_points(group: str, register: Callable[[Any], Any]) -> None:
    """Register what each entry point of `group` names: an object, a list of them, or a
    function returning either, in the order of the entry points' names."""
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        try:
            value = ep.load()
            value = value() if callable(value) and not isinstance(value, type) else value
            for item in value if isinstance(value, (list, tuple)) else [value]:
                register(item)
        except Exception as e:  # a broken plugin: say which, never a traceback
            report_failure(f"plugin {ep.name!r} ({ep.value}) skipped: {e}")


class Registry(Generic[T]):
    """One extension point's entries by name: the built-in ones, registered at import through
    `register` as a plugin's are, then those of the entry point `group`, loaded on first use.
    A later entry of the same name replaces the earlier one: a plugin may override."""

    def __init__(
        self, group: str, kind: type[T], what: str, valid: Callable[[T], bool] | None = None
    ) -> None:
        self.group, self.kind, self.what, self.valid = group, kind, what, valid
        self._items: dict[str, T] = {}
        self._loaded = False

    def register(self, item: T) -> T:
        if not isinstance(item, self.kind) or (self.valid is not None and not self.valid(item)):
            raise UsageError(f"not {self.what}: {item!r}")
        self._items[getattr(item, "name")] = item  # noqa: B009 - every kind has a name
        return item

    def all(self) -> dict[str, T]:
        """Every entry by name, in registration order, plugins loaded."""
        if not self._loaded:
            self._loaded = True
            load_entry_points(self.group, self.register)
        return dict(self._items)
