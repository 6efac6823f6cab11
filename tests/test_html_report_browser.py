"""The HTML report in a real browser: headless Chromium from the system's packages.

Marked `browser` and skipped, with the reason, where no chromium is installed, so that a plain
`python -m pytest` passes anywhere; `.ci/run` installs chromium and sets
READOUT_DIFF_BROWSER=required, which turns that skip into a failure: CI always runs them. The
README's screenshots (docs/html-report*.png) are rewritten by `--update-goldens`.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from chromium import Browser
from conftest import ROOT, SEED

from readout_diff import Readout, compare, render
from readout_diff.workflows.compare import compare_paths

pytestmark = pytest.mark.browser


SCREENSHOTS = (ROOT / "docs" / "html-report.png", ROOT / "docs" / "html-report-claims.png")


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed meeting's page, its sources named relative to the repository as in the README."""
    path = tmp_path_factory.mktemp("html") / "seed.html"
    with pytest.MonkeyPatch.context() as m:
        m.chdir(ROOT)
        c = compare_paths([str(SEED.relative_to(ROOT))])
    path.write_text(render(c, "html"), encoding="utf-8")
    return path


def csp_violations(browser: Browser) -> list[str]:
    return [
        e["params"]["entry"]["text"]
        for e in browser.events
        if e.get("method") == "Log.entryAdded"
        and "Content Security Policy" in e["params"]["entry"].get("text", "")
    ]


def test_matrix_and_columns_render_and_the_script_runs(browser: Browser, seed_page: Path) -> None:
    browser.events.clear()
    browser.open(seed_page)
    # The inline script ran: its hash in the Content-Security-Policy is right.
    assert browser.evaluate("document.documentElement.classList.contains('js')") is True
    assert csp_violations(browser) == []
    rows = browser.evaluate("document.querySelectorAll('table.matrix tbody tr').length")
    assert rows > 20
    assert browser.evaluate("document.querySelectorAll('table.matrix td.missing').length") > 5
    columns = browser.evaluate(
        "[...document.querySelectorAll('.column')].map(e => "
        "{ const r = e.getBoundingClientRect(); return [r.left, r.right, r.width]; })"
    )
    assert len(columns) == 2
    (left_a, right_a, width_a), (left_b, _, width_b) = columns
    assert right_a <= left_b and width_a > 300 and width_b > 300  # side by side
    # Deep in the columns, their heads stay at the top of the window.
    browser.evaluate("document.getElementById('c-a10').scrollIntoView()")
    heads = "[...document.querySelectorAll('.column > h3')].map(h => h.getBoundingClientRect().top)"
    assert browser.evaluate(heads) == [0, 0]


def test_hovering_a_claim_lights_up_its_partner(browser: Browser, seed_page: Path) -> None:
    browser.open(seed_page)
    assert browser.evaluate("document.querySelectorAll('.claim.lit').length") == 0
    browser.hover("#c-a1")
    lit = browser.evaluate("[...document.querySelectorAll('.claim.lit')].map(e => e.id)")
    assert lit == ["c-a1", "c-b1"]
    ink = "rgb(29, 29, 31)"  # the pointed claim stays as legible as before
    assert browser.evaluate("getComputedStyle(document.querySelector('#c-a1 .text')).color") == ink
    shadow = browser.evaluate("getComputedStyle(document.getElementById('c-b1')).boxShadow")
    assert shadow and shadow != "none"
    unrelated = browser.evaluate("getComputedStyle(document.getElementById('c-b3')).boxShadow")
    assert unrelated == "none"
    browser.hover("h1")  # leaving the claim puts the light out
    assert browser.evaluate("document.querySelectorAll('.claim.lit').length") == 0


def test_the_keyboard_focuses_a_claim_and_enter_jumps_to_its_partner(
    browser: Browser, seed_page: Path
) -> None:
    browser.open(seed_page)
    browser.evaluate("document.getElementById('c-a1').focus()")
    assert browser.evaluate("document.activeElement.id") == "c-a1"
    lit = browser.evaluate("[...document.querySelectorAll('.claim.lit')].map(e => e.id)")
    assert lit == ["c-a1", "c-b1"]
    browser.press("Enter", 13)
    assert browser.evaluate("document.activeElement.id") == "c-b1"
    assert browser.evaluate("document.getElementById('c-b1').classList.contains('pointed')")
    browser.press("Tab", 9)  # the claim's link to its partner, for readers without the script
    assert browser.evaluate("document.activeElement.getAttribute('href')") == "#c-a1"
    browser.press("Tab", 9)  # then the next claim of Russia MFA's column
    assert browser.evaluate("document.activeElement.id") == "c-b2"
    assert browser.evaluate("document.getElementById('c-b2').classList.contains('pointed')")


def test_a_who_said_what_link_lands_on_its_claim_and_word_marks_print(
    browser: Browser, seed_page: Path
) -> None:
    browser.open(seed_page)
    browser.evaluate("document.querySelector('#who-partly a[href=\"#c-a8\"]').click()")
    assert browser.evaluate("location.hash") == "#c-a8"
    top = browser.evaluate("document.getElementById('c-a8').getBoundingClientRect().top")
    assert -1 < top < 100  # scrolled to it (a fraction of a pixel above the top is layout rounding)
    shadow = browser.evaluate("getComputedStyle(document.getElementById('c-a8')).boxShadow")
    assert shadow != "none"  # :target outlines it
    # The word differences: <del>/<ins>, bracketed by the style sheet as in the terminal.
    marks = browser.evaluate(
        "[...document.querySelectorAll('#wording del.own, #wording ins.own')].map(e => "
        "[e.tagName, getComputedStyle(e, '::before').content])"
    )
    assert ["DEL", '"[-"'] in marks and ["INS", '"{+"'] in marks


def test_a_readout_with_a_script_runs_nothing(browser: Browser, tmp_path: Path) -> None:
    hostile = (
        'Talks on Iran were held. <script>document.title = "pwned"; window.pwned = 1</script>\n\n'
        '<img src=x onerror="window.pwned = 2"> They discussed trade "quoted" & more.\n'
    )
    a = Readout("a", "A <script>window.pwned = 3</script>", "a.txt", hostile, url="javascript:1")
    b = Readout("b", "B", "b.txt", "Talks on Iran were held.\n\nThey discussed trade.\n")
    path = tmp_path / "hostile.html"
    path.write_text(render(compare([a, b]), "html"), encoding="utf-8")
    browser.events.clear()
    browser.open(path)
    assert browser.evaluate("typeof window.pwned") == "undefined"
    assert "pwned" not in browser.evaluate("document.title")
    assert browser.evaluate("document.querySelectorAll('main script, main img').length") == 0
    text = browser.evaluate("document.querySelector('main').textContent")
    assert '<script>document.title = "pwned"' in text and "<img src=x onerror=" in text
    assert browser.evaluate("document.documentElement.classList.contains('js')") is True


def test_narrow_window_stacks_the_columns_and_print_keeps_them(
    browser: Browser, seed_page: Path
) -> None:
    browser.open(seed_page)
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        width=420,
        height=800,
        deviceScaleFactor=1,
        mobile=True,
    )
    tops = browser.evaluate(
        "[...document.querySelectorAll('.column')].map(e => e.getBoundingClientRect().top)"
    )
    assert tops[1] > tops[0] + 500  # one under the other
    assert browser.evaluate("document.documentElement.scrollWidth") <= 440
    browser.call("Emulation.clearDeviceMetricsOverride")
    pdf = browser.call("Page.printToPDF", printBackground=True)["data"]
    assert len(pdf) > 10_000
    browser.call("Emulation.setEmulatedMedia", media="print")
    try:
        sticky = browser.evaluate(
            "getComputedStyle(document.querySelector('.column > h3')).position"
        )
        assert sticky == "static"
    finally:
        browser.call("Emulation.setEmulatedMedia", media="")


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def shrink(path: Path) -> None:
    """A screenshot for the repository in about a third of its bytes: pngquant (Debian's
    package) maps it to 256 colours, which text in flat colours survives. Without it, as is."""
    import shutil
    import subprocess

    tool = shutil.which("pngquant")
    if tool is not None:
        subprocess.run(
            [tool, "--quality=60-90", "--speed=1", "--force", "--output", str(path), str(path)],
            check=True,
            timeout=60,
        )


def test_screenshots_for_the_readme(
    browser: Browser, seed_page: Path, update_goldens: bool
) -> None:
    """The top of the page (summary and topic matrix), then the columns with a claim pointed
    at and its partner lit: docs/report.md shows both."""
    browser.open(seed_page)
    top = browser.screenshot(1000, 760)
    browser.evaluate("document.getElementById('claims').scrollIntoView()")
    browser.hover("#c-a1", scroll=False)
    assert browser.evaluate("document.getElementById('c-b1').classList.contains('lit')")
    claims = browser.screenshot(1000, 760)
    browser.call("Emulation.clearDeviceMetricsOverride")
    for png, path in ((top, SCREENSHOTS[0]), (claims, SCREENSHOTS[1])):
        assert png_size(png) == (1000, 760)
        assert len(png) > 20_000  # not a blank page
        if update_goldens:
            path.write_bytes(png)
            shrink(path)
        assert path.is_file(), "run the browser tests with --update-goldens to take it"


def test_a_matrix_link_lands_the_claim_below_the_sticky_head(
    browser: Browser, seed_page: Path
) -> None:
    """It landed the claim under its column's sticky head (no scroll-margin-top)."""
    browser.open(seed_page)
    target = browser.evaluate(
        "(() => { const a = [...document.querySelectorAll('.matrix a[href^=\"#c-b\"]')].pop();"
        " a.click(); return a.getAttribute('href').slice(1); })()"
    )
    claim_top = browser.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top")
    head_bottom = browser.evaluate(
        "document.querySelector('#col-b').getBoundingClientRect().bottom"
    )
    assert claim_top >= head_bottom - 1, (claim_top, head_bottom)


def test_a_wide_table_on_a_phone_says_it_scrolls(browser: Browser, seed_page: Path) -> None:
    browser.open(seed_page)
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        width=390,
        height=800,
        deviceScaleFactor=1,
        mobile=True,
    )
    try:
        cue = browser.evaluate(
            "getComputedStyle(document.querySelector('.scroll'), '::before').content"
        )
        assert "scroll the table sideways" in cue
    finally:
        browser.call("Emulation.clearDeviceMetricsOverride")
    browser.open(seed_page)
    wide = browser.evaluate(
        "getComputedStyle(document.querySelector('.scroll'), '::before').content"
    )
    assert wide in ("none", "normal")  # a wide screen shows the whole table: no cue
