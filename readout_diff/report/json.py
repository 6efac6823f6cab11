"""The canonical form: `Comparison.to_dict()` as JSON, keys and lists in a fixed order."""

from __future__ import annotations

import json

from readout_diff.core.model import Comparison


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False) + "\n"
