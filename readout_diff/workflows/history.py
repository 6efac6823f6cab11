"""`readout-diff history` as a library function: an archive of meetings in, a `History` out.

An archive is a batch JSON Lines file (compared once, studied many times), or what `batch`
reads: a folder of meeting folders or a manifest, compared here by `run_batch` first. Either
way each meeting becomes a batch line's document, read by the one reader
(`inputs.history.record`), so both give the same history.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from readout_diff.core.history import history
from readout_diff.core.history_model import History, LeftOut, MeetingRecord, Settings
from readout_diff.errors import InputError, UsageError
from readout_diff.inputs.history import JSONL_SUFFIXES, Read, read_jsonl, record
from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.inputs.read import ReadOptions
from readout_diff.workflows.batch import ProgressCallback, find_batch, run_batch

__all__ = ["History", "Settings", "history_of", "read_archive"]


def read_archive(
    path: str | Path,
    *,
    topics: Sequence[str | Path] = (),
    workers: int = 1,
    progress: ProgressCallback | None = None,
    options: ReadOptions | None = None,
) -> Iterable[Read]:
    """Each meeting of the archive as a record, or why it is left out, in archive order."""
    p = Path(path)
    if p.is_file() and p.suffix.lower() in JSONL_SUFFIXES:
        return read_jsonl(p)
    if p.is_file() and p.suffix.lower() not in (".yaml", ".yml", ".csv"):
        raise UsageError(
            f"{p}: expected a batch JSON Lines file (.jsonl), a folder of meetings or a "
            "manifest (.yaml, .yml or .csv)"
        )
    meetings = find_batch(p)
    results = run_batch(meetings, topics, workers, progress, options)
    return (record(r.to_dict(), r.meeting.id) for r in results)


def history_of(
    path: str | Path,
    *,
    settings: Settings | None = None,
    parties: Sequence[str] = (),
    topics: Sequence[str | Path] = (),
    workers: int = 1,
    progress: ProgressCallback | None = None,
    options: ReadOptions | None = None,
) -> History:
    """The history of an archive (`core.history.history`): a JSON Lines file of `batch`, a
    folder of meeting folders or a manifest. `parties` picks the one group of exactly those
    parties (comma-separated items allowed). UsageError when the archive holds no meeting, or
    none that can be used (the reasons are in the message)."""
    settings = settings or Settings()
    check_settings(settings)
    group = party_ids(parties, topics)
    used: list[MeetingRecord] = []
    left: list[LeftOut] = []
    with _no_gc():
        for read in read_archive(
            path, topics=topics, workers=workers, progress=progress, options=options
        ):
            (used if isinstance(read, MeetingRecord) else left).append(read)  # type: ignore[arg-type]
    if not used and not left:
        raise InputError(f"{path}: no meetings in it")
    if not used:
        first = left[0]
        raise InputError(
            f"{path}: none of its {len(left)} meetings can be used (first: {first.meeting}: "
            f"{first.reason})"
        )
    result = history(used, settings=settings, left_out=left, group=group or None)
    if group and not result.groups:
        known = sorted({" + ".join(m.group) for m in used})
        raise UsageError(
            f"no meetings of exactly {' + '.join(sorted(set(group)))} (groups: {'; '.join(known)})"
        )
    return result


@contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while the records are built: they make no cycles,
    and its passes over a million young objects cost a third of the reading time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def party_ids(parties: Sequence[str], topics: Sequence[str | Path] = ()) -> list[str]:
    """The topic ids of the parties named (ids, names or aliases; comma-separated items
    allowed), as batch lines record them."""
    names = [p.strip() for item in parties for p in item.split(",") if p.strip()]
    if not names:
        return []
    if len(names) == 1:
        raise UsageError("--party names a group of meetings: give at least two parties")
    lexicon = load_lexicon(topics)
    ids = []
    for name in names:
        tid = lexicon.resolve(name)
        if tid is None:
            close = ", ".join(lexicon.suggest(name))
            raise UsageError(f"--party {name!r}: no such party (closest: {close})")
        ids.append(tid)
    return ids


def check_settings(settings: Settings) -> None:
    if settings.min_meetings < 1 or settings.min_run < 1:
        raise UsageError("--min-meetings and --min-run must be at least 1")
    if not 0 < settings.min_share <= 1:
        raise UsageError("--min-share must be more than 0 and at most 1")
