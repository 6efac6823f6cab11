"""Text that is safe to show: control characters, bidi controls and undecodable bytes escaped.

A file name may hold bytes that are not UTF-8 (Python keeps them as lone surrogates), and a
file name, a URL or a readout may hold ESC sequences that clear or retitle a terminal, CR/LF
that split an error line, or bidi controls (U+202E…) that reorder what a reader sees. What
goes to a terminal or a plain-text file shows them as escapes (`\\x1b`, `\\u202e`, `\\xff`);
JSON keeps the characters themselves, written as JSON escapes. Pure: no I/O.
"""

from __future__ import annotations

import re

from readout_diff.core.patterns import lazy

# C0 but tab and newline, DEL, C1; the bidi embeddings, overrides, isolates and marks.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
UNSAFE = lazy(f"[{_UNSAFE}\ud800-\udfff]")
_UNSAFE_IN_LINE = lazy(f"[{_UNSAFE}\t\n\ud800-\udfff]")  # one line: no break, no tab
# Placeholders that stand for an unsafe character while a report is laid out: one character
# each (offsets and widths hold), in a Private Use Area that no readout is expected to use.
_PLACEHOLDER_BASE = 0xF0000
_PLACEHOLDER = lazy("[\U000f0000-\U000fffff]")
_SURROGATE = lazy("[\ud800-\udfff]")


def escape(c: str) -> str:
    """`\\x1b`, `\\u202e`; a byte that was not UTF-8 (a surrogate-escaped one) as `\\xff`."""
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # os.fsdecode's stand-in for the byte n - 0xDC00
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def shown(text: str, *, one_line: bool = False) -> str:
    """`text` with every unsafe character escaped (with `one_line`, tabs and breaks too)."""
    pattern = _UNSAFE_IN_LINE if one_line else UNSAFE
    return pattern.sub(lambda m: escape(m.group()), text)


def shown_name(path: str) -> str:
    """A file name as the user typed it, its undecodable bytes as `\\xff` (valid UTF-8 always);
    controls are kept for JSON to escape and for `shown` to escape on a terminal."""
    return _SURROGATE.sub(lambda m: escape(m.group()), path)


def has_unsafe(text: str) -> bool:
    return UNSAFE.search(text) is not None


def hold(text: str) -> str:
    """Each unsafe character as one placeholder character, for layout; `release` after it."""
    return UNSAFE.sub(lambda m: chr(_PLACEHOLDER_BASE + ord(m.group())), text)


def release(text: str) -> str:
    """The laid-out text with each placeholder written as the escape of what it stands for."""
    return _PLACEHOLDER.sub(lambda m: escape(chr(ord(m.group()) - _PLACEHOLDER_BASE)), text)


def json_safe(text: str) -> str:
    """JSON text (`ensure_ascii=False`) with C1 and bidi controls as JSON escapes (json.dumps
    escapes C0 itself) and any lone surrogate of a file name as its `\\\\xff` text."""

    def one(m: re.Match[str]) -> str:
        n = ord(m.group())
        if 0xDC80 <= n <= 0xDCFF:
            return "\\" + escape(m.group())  # the two characters `\xff`, escaped for JSON
        return f"\\u{n:04x}"

    return UNSAFE.sub(one, text)
