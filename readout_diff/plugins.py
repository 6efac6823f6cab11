"""Plugins: what installed packages add through entry points (`readout_diff.formats`,
`readout_diff.readers`). One loader for every registry, beside the layers (as errors.py is), so
that inputs/ and report/ share it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from readout_diff.errors import UsageError


def load_entry_points(group: str, register: Callable[[Any], Any]) -> None:
    """Register what each entry point of `group` names: an object, a list of them, or a
    function returning either. A plugin that fails to load is an error naming it."""
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        try:
            value = ep.load()
            value = value() if callable(value) and not isinstance(value, type) else value
        except Exception as e:  # a broken plugin: say which, never a traceback
            raise UsageError(f"plugin {ep.name!r} ({ep.value}) failed to load: {e}") from None
        for item in value if isinstance(value, (list, tuple)) else [value]:
            register(item)
