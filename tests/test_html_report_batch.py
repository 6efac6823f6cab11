"""`batch --format html -o DIR`: a page per meeting and an index.html that links them."""

from __future__ import annotations

import shutil
from pathlib import Path

import html5lib
import pytest
from conftest import SAMPLES
from typer.testing import CliRunner

from readout_diff.cli import app
from readout_diff.inputs.spec import MeetingSpec
from readout_diff.report.html_index import index_row, page_name, render_index
from readout_diff.workflows.batch import BatchResult

XHTML = "{http://www.w3.org/1999/xhtml}"
TWO = ("2024-04-02-biden-xi-call", "2025-07-13-wang-lavrov-beijing")


@pytest.fixture
def meetings(tmp_path: Path) -> Path:
    folder = tmp_path / "meetings"
    for name in TWO:
        shutil.copytree(SAMPLES / name, folder / name)
    return folder


def invoke(*args: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["batch", *(str(a) for a in args)])


def parse(path: Path):  # type: ignore[no-untyped-def]
    return html5lib.HTMLParser(strict=True).parse(path.read_text("utf-8"))


def test_a_page_per_meeting_and_an_index_linking_them(meetings: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    r = invoke(meetings, "-f", "html", "-o", out)
    assert r.exit_code == 0, r.output
    assert r.stdout == "" and r.stderr == ""
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{TWO[0]}.html", f"{TWO[1]}.html", "index.html"]
    )
    index = parse(out / "index.html")
    hrefs = [a.get("href") for a in index.iter(f"{XHTML}a")]
    assert hrefs == [f"{TWO[0]}.html", f"{TWO[1]}.html"]
    text = "".join(index.itertext())
    assert "Wang Yi meets Sergei Lavrov in Beijing" in text and "Russia MFA: " in text
    assert not list(index.iter(f"{XHTML}script"))  # the index needs no script
    page = parse(out / f"{TWO[1]}.html")  # the same page as `compare -f html` draws
    assert "Only Russia MFA mentions" in "".join(page.itertext())
    again = invoke(meetings, "-f", "html", "-o", out)  # a second run replaces the pages
    assert again.exit_code == 0, again.output


def test_a_failed_meeting_is_a_row_with_its_error(meetings: Path, tmp_path: Path) -> None:
    (meetings / TWO[0] / "meeting.yaml").write_text("readouts: [only-one.txt]\n", "utf-8")
    out = tmp_path / "reports"
    r = invoke(meetings, "-f", "html", "-o", out)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"readout-diff: error: {TWO[0]}: ")
    assert sorted(p.name for p in out.iterdir()) == [f"{TWO[1]}.html", "index.html"]
    failed = [
        "".join(tr.itertext())
        for tr in parse(out / "index.html").iter(f"{XHTML}tr")
        if tr.get("class") == "failed"
    ]
    assert len(failed) == 1 and "could not be compared" in failed[0] and TWO[0] in failed[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "--format html writes a page per meeting and index.html into a folder: name it"),
        (("-o", "{tmp}/file.txt"), "file.txt: not a folder"),
        (("-o", "{tmp}/no/such/dir"), "cannot write (no folder"),
    ],
)
def test_html_needs_a_folder(meetings: Path, tmp_path: Path, args: tuple, message: str) -> None:  # type: ignore[type-arg]
    (tmp_path / "file.txt").write_text("x", "utf-8")
    r = invoke(meetings, "-f", "html", *(a.format(tmp=tmp_path) for a in args))
    assert r.exit_code == 2 and r.stdout == ""
    assert message in r.stderr, r.stderr


def test_page_names_are_safe_and_unique() -> None:
    taken: set[str] = set()
    assert page_name("2025-07-13-a", taken) == "2025-07-13-a.html"
    assert page_name("2025-07-13-A", taken) == "2025-07-13-A-2.html"  # case-insensitive disks
    assert page_name("../../etc/passwd", taken) == "etc-passwd.html"
    assert page_name("index", taken) == "index-2.html"
    assert page_name("<script>", taken) == "script.html"
    assert page_name("...", taken) == "meeting.html"


def test_index_escapes_titles_ids_and_errors() -> None:
    spec = MeetingSpec('<img src=x onerror="alert(1)">', title="<b>T</b>")
    row = index_row(BatchResult(spec, error="<script>alert(1)</script>"), None)
    page = render_index([row])
    tree = html5lib.HTMLParser(strict=True).parse(page)
    assert not list(tree.iter(f"{XHTML}img")) and not list(tree.iter(f"{XHTML}script"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;T&lt;/b&gt;" in page
    assert "0 meetings compared, 1 could not be." in page
