"""Plugins: what installed packages add through entry points (`readout_diff.formats`,
`readout_diff.readers`). One loader for every registry, beside the layers (as errors.py is), so
that inputs/ and report/ share it."""

from __future__ import annotations

import functools
import os
import sys
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
    if not _may_declare(group):
        return
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


def _may_declare(group: str) -> bool:
    """Whether an installed distribution may declare entry points of `group`. importlib.metadata
    costs ~10 ms to import (email, zipfile, csv…) at every start, most often to find no plugin:
    so it is imported only when some entry_points.txt where it looks names the group, or when
    it could look where this does not (see `_entry_point_files`)."""
    texts = _entry_point_files()
    return texts is None or any(group in text for text in texts)


@functools.cache
def _entry_point_files() -> tuple[str, ...] | None:
    """The text of every entry_points.txt importlib.metadata's path finder reads: in each
    folder of sys.path, its *.dist-info and *.egg-info folders (and an .egg folder's
    EGG-INFO). None when distributions may come from elsewhere: a zip file on the path, or a
    finder other than the standard one that supplies distributions."""
    from importlib.machinery import PathFinder

    if any(f is not PathFinder and getattr(f, "find_distributions", None) for f in sys.meta_path):
        return None
    texts = []
    for root in sys.path:
        folder = root or "."
        if os.path.isfile(folder):
            return None  # a zip file on the path
        try:
            children = os.listdir(folder)
        except OSError:
            continue  # importlib.metadata skips it too
        egg = os.path.basename(root).lower().endswith(".egg")
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")) or (egg and low == "egg-info"):
                try:
                    with open(os.path.join(folder, child, "entry_points.txt"), "rb") as f:
                        texts.append(f.read().decode("utf-8", "replace"))
                except OSError:
                    continue
    return tuple(texts)
