"""Comparing what the user names: readout paths and URLs, or one meeting folder.

`compare_paths` is `readout-diff compare` as a library function: it loads, compares and, with
`save`, keeps the readouts as a meeting folder, only once everything else has succeeded.
`compare` is the core's, with the built-in lexicon, issuers and tone read when not given (the
core reads no file).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from readout_diff.core import compare as core
from readout_diff.core.language import LANGUAGE_HINT, parse_language
from readout_diff.core.model import Comparison, Readout
from readout_diff.core.parties import Issuers
from readout_diff.core.segment import Segmenter
from readout_diff.core.tone import ToneLexicon
from readout_diff.core.topics import Lexicon
from readout_diff.errors import InputError, SpecError, UsageError
from readout_diff.inputs.discover import meeting_files
from readout_diff.inputs.files import no_such
from readout_diff.inputs.issuers import load_issuers
from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.inputs.read import (
    Meeting,
    ReadOptions,
    is_meeting_folder,
    load_meeting,
    load_readouts,
)
from readout_diff.inputs.tone import load_tone
from readout_diff.inputs.urls import is_url
from readout_diff.workflows.save import check_save_dir, save_meeting

if TYPE_CHECKING:
    from readout_diff.core.topics_i18n import ForeignLexicon


def compare(
    readouts: Sequence[Readout],
    *,
    lexicon: Lexicon | None = None,
    participants: Iterable[str] | None = None,
    meeting: dict[str, Any] | None = None,
    issuers: Issuers | None = None,
    tone: ToneLexicon | None = None,
    segmenter: Segmenter | None = None,
    foreign: ForeignLexicon | None = None,
) -> Comparison:
    """Compare two or more readouts of one meeting (`core.compare.compare`).

    `participants` are the parties (topic ids, names or aliases); their own names are not
    reported as topics. By default they come from the readouts' front matter, else from the
    countries and organisations named in their labels. `lexicon`, `issuers` (offices, agencies
    and titles of each party) and `tone` default to the built-in data/topics.yaml,
    data/issuers.yaml and data/tone.yaml, each read once. `segmenter(text, body_start)` splits
    every readout into claims and header lines as `core.segment.segment` does for English; by
    default each readout's language has its own (Chinese, Russian: docs/languages.md). A readout
    from `Readout.from_claims` keeps its own claims. `foreign` (Chinese and Russian topic names)
    defaults to the built-in ones, read only when a readout is in one of those languages.
    """
    return core.compare(
        readouts,
        lexicon=lexicon or load_lexicon(),
        participants=participants,
        meeting=meeting,
        issuers=issuers or load_issuers(),
        tone=tone or load_tone(),
        segmenter=segmenter,
        foreign=foreign or _builtin_foreign,
    )


def _builtin_foreign() -> ForeignLexicon:
    """The built-in Chinese and Russian names, read (once) when a readout first needs them:
    an English run never imports them."""
    from readout_diff.inputs.lexicon_i18n import load_foreign_lexicon

    return load_foreign_lexicon()


def compare_meeting(
    meeting: Meeting, lexicon: Lexicon | None = None, participants: Iterable[str] = ()
) -> Comparison:
    """Compare a meeting folder's readouts; `participants` override meeting.yaml's. An unknown
    name in meeting.yaml's `participants` is an error naming the file and line."""
    given = list(participants)
    try:
        return compare(
            meeting.readouts,
            lexicon=lexicon,
            participants=given or meeting.participants or None,
            meeting={"title": meeting.title, "date": meeting.date, "folder": meeting.folder},
        )
    except SpecError as e:
        if given or meeting.participants_at is None or "participant" not in e.message:
            raise
        raise SpecError(f"{meeting.participants_at}: {e.message}") from None


def with_parties(readouts: Sequence[Readout], parties: Sequence[str]) -> tuple[Readout, ...]:
    """The readouts, each with the party given for it in order (--party)."""
    given = [p.strip() for item in parties for p in item.split(",") if p.strip()]
    if len(given) > len(readouts):
        raise UsageError(f"{len(given)} parties given for {len(readouts)} readouts")
    return tuple(
        replace(r, party=given[i]) if i < len(given) else r for i, r in enumerate(readouts)
    )


def input_files(paths: Sequence[str], topics: Iterable[str | Path] = ()) -> list[str]:
    """The local files `compare_paths(paths)` reads, with `--topics` files: what an output
    must never replace. A meeting folder brings its meeting.yaml, expected.yaml and readouts."""
    files = [str(t) for t in topics]
    for p in paths:
        if p == "-" or is_url(p):
            continue
        files += meeting_files(p) if is_meeting_folder(p) else [p]
    return files


def with_languages(readouts: Sequence[Readout], languages: Sequence[str]) -> tuple[Readout, ...]:
    """The readouts, each with the language given for it in order (--language: codes or
    names, comma-separated or repeated; an empty item leaves that readout's detected)."""
    given = [p.strip() for item in languages for p in item.split(",")]
    given = given if any(given) else []
    if len(given) > len(readouts):
        raise UsageError(f"{len(given)} languages given for {len(readouts)} readouts")
    out = list(readouts)
    for i, value in enumerate(given):
        if not value:
            continue
        code = parse_language(value)
        if code is None:
            raise UsageError(f"unknown language {value!r} ({LANGUAGE_HINT})")
        out[i] = replace(out[i], language=code)
    return tuple(out)


def _same_files(paths: Sequence[str], readouts: Sequence[Readout]) -> tuple[Readout, ...]:
    """Readouts whose path names a file given before (`compare x x`, or through a link) get a
    warning saying so: the report of a file against itself shows no difference."""
    seen: list[tuple[os.stat_result, Readout]] = []
    out = []
    for path, r in zip(paths, readouts, strict=True):
        try:
            st = os.stat(path) if path != "-" and not is_url(path) else None
        except (OSError, ValueError):
            st = None
        first = next((f for s, f in seen if st is not None and os.path.samestat(s, st)), None)
        if first is not None:
            why = f"the same file as readout {first.id} ({first.source}): nothing to compare"
            r = replace(r, warnings=(*r.warnings, why))
        elif st is not None:
            seen.append((st, r))
        out.append(r)
    return tuple(out)


def compare_paths(
    paths: Sequence[str],
    *,
    labels: Sequence[str] = (),
    participants: Sequence[str] = (),
    lexicon: Lexicon | None = None,
    options: ReadOptions | None = None,
    stdin: BinaryIO | None = None,
    save: Path | None = None,
    parties: Sequence[str] = (),
    languages: Sequence[str] = (),
) -> Comparison:
    """Compare readout files, URLs or "-" (read from `stdin`), or one meeting folder.

    `parties` say who issued each readout, in order (comma-separated items allowed; "joint"
    for a joint statement); they win over meeting.yaml and front matter. `languages` likewise
    set each readout's language ("zh", "Russian"); by default it is detected.

    `participants` are names or topic ids; an item may hold several, comma-separated. With
    `save`, a new or empty folder, the readouts as read and a meeting.yaml are written there
    after the comparison succeeded, so that `compare_paths([save])` re-runs it.
    """
    if isinstance(paths, (str, Path)):
        raise UsageError("compare_paths() takes a list of paths, not one path")
    if save is not None:
        check_save_dir(save)
    lexicon = lexicon or load_lexicon()
    names = [p.strip() for item in participants for p in item.split(",") if p.strip()]
    if len(paths) == 1 and paths[0] != "-" and not is_url(paths[0]):
        if not Path(paths[0]).exists():  # a mistyped meeting folder, most likely
            raise InputError(no_such(paths[0], "file or folder"))
    if len(paths) == 1 and is_meeting_folder(paths[0]):
        if labels:
            raise UsageError(
                "--label cannot be used with a meeting folder (meeting.yaml has labels)"
            )
        meeting = load_meeting(paths[0], options)
        given = with_languages(with_parties(meeting.readouts, parties), languages)
        meeting = replace(meeting, readouts=given)
        comparison = compare_meeting(meeting, lexicon, names)
        readouts = meeting.readouts
    else:
        for p in paths:
            if p != "-" and Path(p).is_dir():
                raise UsageError(
                    f"{p}: is a folder; give readout files, or one meeting folder with a "
                    "meeting.yaml"
                )
        readouts = with_languages(
            with_parties(load_readouts(list(paths), list(labels), stdin, options), parties),
            languages,
        )
        readouts = _same_files(paths, readouts)
        comparison = compare(readouts, lexicon=lexicon, participants=names or None)
    if save is not None:
        save_meeting(save, readouts, comparison.participants, comparison.meeting)
    return comparison
