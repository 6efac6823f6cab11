"""The history page in headless Chromium, as the compare page is tested (tests/chromium.py):
the grid draws, its cells link to the sentences behind them, and nothing breaks the page's
Content-Security-Policy or leaves it."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import Browser
from test_history import ARCHIVE
from test_html_report_browser import csp_violations

from readout_diff.report.history import render_history
from readout_diff.workflows.history import history_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("history") / "history.html"
    path.write_text(render_history(history_of(ARCHIVE), "html"), encoding="utf-8")
    return path


def test_the_grid_draws_and_each_cell_links_to_its_sentences(browser: Browser, page: Path) -> None:
    browser.events.clear()
    browser.open(page)
    assert csp_violations(browser) == []
    assert browser.evaluate("document.querySelectorAll('svg.history-grid').length") == 2
    omitted = "[...document.querySelectorAll('rect.cell.omitted')]"
    assert browser.evaluate(f"{omitted}.length") == 6 + 4 + 1 + 12 + 6
    box = browser.evaluate(
        "(() => { const r = document.querySelector('rect.cell').getBoundingClientRect(); "
        "return [r.width, r.height]; })()"
    )
    assert box == [14, 14]  # drawn, at its size
    colours = browser.evaluate(
        "[...new Set([...document.querySelectorAll('rect.cell')].map(r => "
        "r.classList[1] + ' ' + getComputedStyle(r).fill))].sort()"
    )
    assert "omitted rgb(198, 40, 40)" in colours and "covered rgb(249, 168, 37)" in colours
    # every cell's link lands on an item of the evidence list that quotes a sentence
    targets = browser.evaluate(
        "[...document.querySelectorAll('svg.history-grid a')].map(a => a.getAttribute('href'))"
    )
    assert targets and all(
        browser.evaluate(f"!!document.getElementById({t[1:]!r}).querySelector('q')")
        for t in targets[:20]
    )
    first = targets[0]
    browser.evaluate(
        f"document.querySelector('a[href=\"{first}\"]').dispatchEvent("
        "new MouseEvent('click', {bubbles: true}))"
    )
    assert browser.evaluate("location.hash") == first
    top = browser.evaluate(f"document.getElementById({first[1:]!r}).getBoundingClientRect().top")
    assert -1 < top < 100


def test_no_request_leaves_the_page(browser: Browser, page: Path) -> None:
    browser.open(page)
    sources = browser.evaluate("[...document.querySelectorAll('[src], link[href], script')].length")
    assert sources == 0
