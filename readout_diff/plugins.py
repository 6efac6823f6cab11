"""Plugins: what installed packages add through entry points (`readout_diff.formats`,
`readout_diff.readers`). One loader for every registry, beside the layers (as errors.py is), so
that inputs/ and report/ share it."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any


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
