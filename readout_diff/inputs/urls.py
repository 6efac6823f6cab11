"""Whether a path is an http(s) URL: asked of every path, so it lives apart from
`inputs.fetch`, which a run on files never imports."""

from __future__ import annotations

import re

_URL = re.compile(r"\Ahttps?://", re.IGNORECASE)


def is_url(path: str) -> bool:
    return bool(_URL.match(path))
