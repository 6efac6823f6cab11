"""core.patterns.lazy: a stand-in for re.compile that compiles on first use and then behaves
as the compiled pattern does."""

from __future__ import annotations

import ast
import copy
import pickle
import re
from pathlib import Path

import pytest

import readout_diff
from readout_diff.core.patterns import LazyPattern, lazy


def test_not_compiled_until_used() -> None:
    p = lazy(r"(?P<w>\w+)-(\d)", re.IGNORECASE)
    assert isinstance(p, LazyPattern) and not p.compiled
    assert p.pattern == r"(?P<w>\w+)-(\d)"  # the source needs no compiling
    assert not p.compiled
    assert p.search("  Abc-1") is not None
    assert p.compiled


@pytest.mark.parametrize(
    ("source", "flags", "text"),
    [
        (r"\bthat\b", re.IGNORECASE, "So THAT is that; thatch"),
        (r"^[ \t]*(\w+)  # a word\n", re.MULTILINE | re.VERBOSE, "one\n  two\nthree"),
        (r"(?P<y>\d{4})-(?P<m>\d\d)", 0, "2025-07 and 1999-12"),
        (r"[\s-]+", 0, "a - b\tc--d"),
    ],
)
def test_answers_as_re_compile_does(source: str, flags: int, text: str) -> None:
    real, stand_in = re.compile(source, flags), lazy(source, flags)
    assert stand_in.findall(text) == real.findall(text)  # the first use compiles it
    assert [m.span() for m in stand_in.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert stand_in.sub("#", text) == real.sub("#", text)
    assert stand_in.subn("#", text, count=1) == real.subn("#", text, count=1)
    assert stand_in.split(text) == real.split(text)
    for method in ("search", "match", "fullmatch"):
        got, want = getattr(stand_in, method)(text), getattr(real, method)(text)
        assert (got and got.group(0)) == (want and want.group(0))
    assert (stand_in.flags, stand_in.groups, dict(stand_in.groupindex)) == (
        real.flags,
        real.groups,
        dict(real.groupindex),
    )


def test_bytes_patterns() -> None:
    p = lazy(rb"<[^>]*>")
    assert p.sub(b"", b"<b>bold</b>") == b"bold"


def test_a_bad_pattern_fails_when_used() -> None:
    p = lazy(r"(unclosed")
    with pytest.raises(re.error):
        p.search("x")
    with pytest.raises(re.error):  # and every time, not a half-built stand-in
        p.search("x")


def test_unknown_attributes_and_copies() -> None:
    p = lazy(r"a+")
    with pytest.raises(AttributeError):
        p.no_such_method  # noqa: B018 - the access is the test
    assert not p.compiled  # a failed lookup compiles nothing
    for twin in (copy.copy(p), copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
        assert twin.sub("b", "caat") == "cbt"
    p.search("a")
    assert pickle.loads(pickle.dumps(p)).sub("b", "caat") == "cbt"


def test_no_module_level_re_compile_left() -> None:
    """Every pattern defined at a module's top level is a lazy one (a function may still
    compile the patterns it builds from data)."""
    root = Path(readout_diff.__file__).parent
    eager = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and ast.unparse(sub.func) == "re.compile":
                    eager.append(f"{path.relative_to(root)}:{sub.lineno}")
    assert eager == []
