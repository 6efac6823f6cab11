"""Which library should extract the main text of a saved ministry web page? Measured here.

    python bench/html_extractors.py                          # the table
    python bench/html_extractors.py --show trafilatura kremlin   # one extract, to see why

The pages and their ground truth are tests/data/html/<name>.html, <name>.expected.txt (content
paragraphs that must be kept, one a line) and <name>.boilerplate.txt (strings that must not leak).

- kept: expected paragraphs found in the extract after folding white space (substring-tolerant,
  and an `<ol>` item counts without the number a browser adds);
- own line: of those, how many are a line of their own (not run together with the next point);
- leaked: boilerplate strings found in the extract;
- ms/page: median extraction time per page (the page already decoded to str);
- import: time of `import x` in a fresh process, median of 9;
- installed: the files of the distribution and everything it requires, as installed here.

A candidate that is not installed is skipped with a note.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import importlib.util
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW: dict[str, bytes] = {}  # decoded page -> the file's bytes, for the candidate that decodes
PAGES = ROOT / "tests" / "data" / "html"
sys.path.insert(0, str(ROOT))

BLOCKS = set("p div li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article blockquote".split())


def fold(text: str) -> str:
    return " ".join(text.split())


def lxml_lines(html: str) -> str:
    """Plain text of an HTML fragment, a line per block element or `<br>` (no numbering)."""
    import lxml.html
    from lxml import etree

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            out.append("\n" if tag in BLOCKS or tag == "br" else "")
            out.append(el.text or "" if tag else "")
        else:
            out.append(("\n" if tag in BLOCKS else "") + (el.tail or ""))
    return "\n".join(fold(line) for line in "".join(out).splitlines() if line.strip())


def run_chosen(html: str) -> str:
    from readout_diff.inputs.html import extract

    return extract(RAW[html], "page").text  # the bytes: it decodes the page itself


def run_readability(html: str) -> str:
    from readability import Document

    doc = Document(html)
    return doc.short_title() + "\n" + lxml_lines(doc.summary(html_partial=True))


def run_trafilatura(html: str) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return ""
    return f"{getattr(doc, 'title', '') or ''}\n{getattr(doc, 'text', '') or ''}"


def run_justext(html: str) -> str:
    import justext

    paragraphs = justext.justext(html, justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def run_inscriptis(html: str) -> str:
    from inscriptis import get_text

    return get_text(html)  # a renderer: the whole page as text, no boilerplate removal


def run_selectolax(html: str) -> str:
    """Simple heuristics: drop nav/header/footer/aside/forms, then take the element whose own
    `<p>`/list children and leaf `<div>`s hold the most text, a line per child."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    tree.strip_tags(["script", "style", "noscript", "nav", "header", "footer", "aside", "form"])
    h1 = tree.css_first("h1")
    best, best_score = None, 0
    for node in tree.css("div, article, main, section, td, font"):
        score = sum(
            len(c.text())
            for c in node.iter()
            if c.tag in ("p", "ul", "ol") or (c.tag == "div" and not c.css_first("p, div, ul"))
        )
        if score > best_score:
            best, best_score = node, score
    lines = [h1.text(strip=True)] if h1 else []
    for child in best.iter() if best else []:
        items = child.css("li") if child.tag in ("ul", "ol") else [child]
        lines += [fold(i.text(separator=" ")) for i in items]
    return "\n".join(line for line in lines if line)


def run_bs4(html: str) -> str:
    """The same heuristics with BeautifulSoup on the standard library's parser."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for el in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form"]):
        el.decompose()
    best = max(
        soup.find_all(["div", "article", "main", "section", "td", "font"]),
        key=lambda n: sum(
            len(c.get_text())
            for c in n.find_all(["p", "ul", "ol", "div"], recursive=False)
            if c.name != "div" or not c.find(["p", "div", "ul"])
        ),
        default=None,
    )
    h1 = soup.find("h1")
    lines = [h1.get_text(strip=True)] if h1 else []
    for child in best.find_all(True, recursive=False) if best else []:
        items = child.find_all("li") if child.name in ("ul", "ol") else [child]
        lines += [fold(i.get_text(" ")) for i in items]
    return "\n".join(line for line in lines if line)


@dataclass
class Candidate:
    name: str
    module: str  # what must import for the candidate to run
    dists: tuple[str, ...]  # distributions whose installed size counts
    run: Callable[[str], str]


CANDIDATES = [
    Candidate(
        "readout_diff.inputs.html (chosen)",
        "readability",
        ("readability-lxml", "lxml_html_clean"),
        run_chosen,
    ),
    Candidate(
        "readability-lxml 0.9",
        "readability",
        ("readability-lxml", "lxml_html_clean"),
        run_readability,
    ),
    Candidate("trafilatura", "trafilatura", ("trafilatura",), run_trafilatura),
    Candidate("jusText", "justext", ("jusText",), run_justext),
    Candidate("inscriptis (no removal)", "inscriptis", ("inscriptis",), run_inscriptis),
    Candidate("selectolax heuristics", "selectolax.lexbor", ("selectolax",), run_selectolax),
    Candidate("bs4 heuristics", "bs4", ("beautifulsoup4",), run_bs4),
]


def pages() -> list[tuple[str, str, list[str], list[str]]]:
    from readout_diff.inputs.html import decode_html

    out = []
    for path in sorted(PAGES.glob("*.html")):
        expected = path.with_suffix(".expected.txt").read_text(encoding="utf-8").splitlines()
        boiler = path.with_suffix(".boilerplate.txt").read_text(encoding="utf-8").splitlines()
        html, _ = decode_html(path.read_bytes(), path.name)
        RAW[html] = path.read_bytes()
        out.append((path.stem, html, [e for e in expected if e], [b for b in boiler if b]))
    return out


def score(text: str, expected: list[str], boiler: list[str]) -> tuple[int, int, int]:
    flat = fold(text)
    own = {fold(line) for line in text.splitlines()}
    kept = lines = 0
    for e in expected:
        forms = {fold(e), fold(re.sub(r"^\d+\.\s+", "", e))}  # ol numbers come from CSS
        kept += any(f in flat for f in forms)
        lines += bool(forms & own)
    return kept, lines, sum(fold(b) in flat for b in boiler)


@functools.cache
def import_ms(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(9)
    ]
    return 1000 * statistics.median(float(r.stdout) for r in runs)


def installed_mb(dists: tuple[str, ...]) -> tuple[float, list[str]]:
    """Bytes of the distributions and their requirements (extras and absent ones left out)."""
    seen: dict[str, int] = {}
    todo = list(dists)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in seen:
            continue
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        seen[name] = sum(f.locate().stat().st_size for f in dist.files or [] if f.locate().exists())
        for req in dist.requires or []:
            if "extra ==" not in req:
                todo.append(re.match(r"[A-Za-z0-9._-]+", req).group(0))  # type: ignore[union-attr]
    return sum(seen.values()) / 1e6, sorted(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", nargs=2, metavar=("CANDIDATE", "PAGE"))
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    data = pages()
    if args.show:
        cand = next(c for c in CANDIDATES if c.name.lower().startswith(args.show[0].lower()))
        print(cand.run(next(html for name, html, _, _ in data if name.startswith(args.show[1]))))
        return
    total_expected = sum(len(e) for _, _, e, _ in data)
    total_boiler = sum(len(b) for _, _, _, b in data)
    print(f"{len(data)} pages, {total_expected} expected paragraphs, {total_boiler} boilerplate")
    print(
        f"{'candidate':28} {'kept':>7} {'own line':>8} {'leaked':>7} {'ms/page':>8} "
        f"{'import ms':>9} {'installed':>10}  misses"
    )
    for cand in CANDIDATES:
        if importlib.util.find_spec(cand.module.split(".")[0]) is None:
            print(f"{cand.name:28} skipped: {cand.module} is not installed")
            continue
        kept = own = leaked = 0
        times, misses = [], []
        for name, html, expected, boiler in data:
            try:
                text = cand.run(html)
            except Exception as e:  # a candidate that fails on a page scores nothing there
                text = ""
                misses.append(f"{name}: {type(e).__name__}")
            page_times = []
            for _ in range(args.repeats):
                t = time.perf_counter()
                try:
                    cand.run(html)
                except Exception:
                    pass
                page_times.append(time.perf_counter() - t)
            times.append(statistics.median(page_times))
            k, o, b = score(text, expected, boiler)
            kept, own, leaked = kept + k, own + o, leaked + b
            if k < len(expected) or b:
                misses.append(f"{name} -{len(expected) - k}+{b}")
        size, _ = installed_mb(cand.dists)
        print(
            f"{cand.name:28} {kept:>3}/{total_expected:<3} {own:>8} {leaked:>3}/{total_boiler:<3} "
            f"{1000 * statistics.median(times):>8.1f} {import_ms(cand.module):>9.0f} "
            f"{size:>7.1f} MB  {', '.join(misses)}"
        )


if __name__ == "__main__":
    main()
