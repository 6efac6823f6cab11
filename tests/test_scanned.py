"""core.scanned: a piece's mentions cut from its text's scan are what a fresh scan finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from readout_diff.core.scanned import Scanned
from readout_diff.core.topics import Lexicon, Mention
from readout_diff.inputs.lexicon import load_lexicon

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# Edges that make a cut differ from a fresh scan: a longer name across the edge, an alias
# stopped by the character after it ("U.S.A"), its trailing dot, plurals, modifiers inside an
# alias ("use of military force"), coordinated ones, and names joined by hyphens.
TRICKY = (
    "Foreign Minister Wang Yi met the U.S.A team; the U.S. and the UN, in the South China Sea, "
    "discussed the use of military force and bilateral and international agendas. "
    "Sino-Russian ties, China-Russia relations, the Russian Federation's Sergey Lavrov_x and "
    "the Presidents Xi Jinping and Vladimir Putin. The European Union-China summit.\n\n"
    "The Chinas and Russias, U.S.-China, OPEC+ members, the EU's    Foreign   Affairs Council.\n"
    # words whose start is an alias's plural or inflection: a piece may end inside them
    "Chinasea and Russiasets, nuclear energiesque and climate policiesh, Chinese-Russiansk."
)


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def _texts() -> list[str]:
    texts = [TRICKY]
    for folder in sorted(SAMPLES.iterdir())[:6]:
        texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:2]]
    return texts


def _pieces(text: str) -> list[str]:
    """Pieces at every kind of edge: a word's start or middle, spaces, punctuation."""
    step = 1 if text is TRICKY else 5
    return [text[a : a + n] for a in range(0, len(text), step) for n in (1, 7, 14, 30, 41, 60)]


def test_a_cut_is_what_a_fresh_scan_finds(lex: Lexicon) -> None:
    cut = 0
    for text in _texts():
        known = Scanned(lex, [(text, 0, lex.find(text))])
        for piece in _pieces(text):
            if piece:
                assert known.find(piece) == lex.find(piece), piece
        # how many were answered from the scan: most pieces are
        cut += sum(1 for p in _pieces(text) if p and _was_cut(known, p))
    assert cut > 1000


def _was_cut(known: Scanned, piece: str) -> bool:
    from readout_diff.core import scanned

    return any(
        scanned._cut(known, *scan, piece, scan[1], len(scan[0])) is not None
        for scan in known._scans
    )


def test_the_cut_declines_where_the_edges_differ(lex: Lexicon) -> None:
    text = "Foreign Minister Wang Yi met the U.S. side, and Chinas."
    known = Scanned(lex, [(text, 0, lex.find(text))])
    assert not _was_cut(known, "Foreign Minister Wang")  # "Wang Yi" crosses the end
    assert not _was_cut(known, "the U.S")  # the dot after it is the alias's in the text
    assert not _was_cut(known, "and China")  # a word cut at the end
    assert not _was_cut(known, "hinas.")  # a word cut at the start
    for piece in ("Foreign Minister Wang", "the U.S", "and China", "hinas."):
        assert known.find(piece) == lex.find(piece)
    assert _was_cut(known, "met the U.S. side")
    assert known.find("met the U.S. side") == [Mention("united-states", 8, 12)]


def test_texts_a_scan_reads_another_way_are_never_cut(lex: Lexicon) -> None:
    for text in ("China and #Russia met China.", "China and Rus\u00adsia met China."):
        known = Scanned(lex, [(text, 0, lex.find(text))])
        assert known._scans == []
        assert known.find("China and ") == lex.find("China and ")


def test_a_piece_from_the_body_only(lex: Lexicon) -> None:
    """A scan from the body's start knows nothing of the front matter."""
    text = "China MFA\n\nRussia and China met."
    start = text.index("Russia")
    known = Scanned(lex, [(text, start, lex.find(text, start))])
    assert not _was_cut(known, "China MFA")
    assert known.find("Russia and ") == [Mention("russia", 0, 6)]


def test_a_long_text_is_searched_near_the_last_piece_only(lex: Lexicon) -> None:
    """Pieces asked for in text order are cut from a long text; one far past the last found is
    scanned afresh (the same answer), not searched for through the whole text."""
    from readout_diff.core import scanned

    units = [f"On day {i} Wang Yi met Sergey Lavrov in Beijing. " for i in range(800)]
    text = "".join(units)  # ~40,000 characters, no piece twice
    at = [text.index(u) for u in units]
    in_order = Scanned(lex, [(text, 0, lex.find(text))])
    assert all(_was_cut(in_order, u) for u in units)
    for u in units:
        assert in_order.find(u) == lex.find(u)
    assert in_order._near == [at[-1]]  # it followed the pieces
    far = Scanned(lex, [(text, 0, lex.find(text))])
    assert far.find(units[-1]) == lex.find(units[-1])
    assert far._near == [0]  # too far from the start to be looked for
    assert at[-1] > 10 * scanned._NEAR
