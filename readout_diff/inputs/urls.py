"""Whether a path is an http(s) URL: asked of every path, so it lives apart from
`inputs.fetch`, which a run on files never imports."""

from __future__ import annotations

import re

from readout_diff.core.patterns import lazy

_URL = lazy(r"\Ahttps?://", re.IGNORECASE)


def is_url(path: str) -> bool:
    return bool(_URL.match(path))
