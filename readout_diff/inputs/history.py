"""Reading an archive for `readout-diff history`: batch lines (the JSON of each compared
meeting) reduced to `MeetingRecord`s, and the meetings that cannot be used, each with its reason.

One bad meeting never stops the others: a line that is not JSON, an error line, an older
`schema_version`, a missing or unreadable date, a readout whose issuer is unknown or not among
the participants, a meeting id seen before: each becomes a `LeftOut` naming the meeting (or the
line) and saying why, and the history is made of the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from readout_diff.core.history_model import Evidence, LeftOut, MeetingRecord, PartyView
from readout_diff.errors import InputError
from readout_diff.inputs.files import no_such
from readout_diff.inputs.html_date import parse_date

JOINT = "joint"
# The oldest batch line history can read: 2.1 gave each readout its `party`.
OLDEST_SCHEMA = (2, 1)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")

Read = MeetingRecord | LeftOut


def read_jsonl(path: str | Path) -> Iterator[Read]:
    """The meetings of a batch JSON Lines file, in file order (blank lines skipped)."""
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise InputError(no_such(str(p), "file")) from None
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror})") from None
    with handle:
        yield from records(handle, str(p))


def records(lines: Iterable[str], name: str = "<lines>") -> Iterator[Read]:
    """Each line's record or why it was left out; a meeting id seen before is left out."""
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = _parse(line)
        except ValueError as e:
            yield LeftOut(f"{name} line {n}", f"not JSON ({str(e).split(':')[0]})")
            continue
        read = record(data, f"{name} line {n}")
        if isinstance(read, MeetingRecord):
            if read.id in seen:
                yield LeftOut(
                    read.id,
                    f"{name} line {n}: listed again (first on line "
                    f"{seen[read.id]}); the first is kept",
                )
                continue
            seen[read.id] = n
        yield read


# Where a batch line's top-level keys after `topics` begin (alignment, framing…: ~30% of its
# bytes, which history never reads). Outside strings only: in a JSON string every `"` is `\"`.
_AFTER_TOPICS = ', "detected": '


def _parse(line: str) -> Any:
    """The line's JSON, without the parts after `topics` when it is a batch line as `batch`
    writes it (keys in their fixed order); any other line is parsed whole."""
    cut = line.find(_AFTER_TOPICS)
    if cut > 0:
        try:
            head = json.loads(line[:cut] + "}")
        except ValueError:
            head = None
        if isinstance(head, dict) and "topics" in head and "readouts" in head:
            return head
    return json.loads(line)


def record(data: Any, at: str) -> Read:
    """A batch line (`BatchResult.to_dict()`) as a MeetingRecord, or why it cannot be used."""
    meeting = data.get("meeting") if isinstance(data, dict) else None
    if not isinstance(meeting, dict) or not isinstance(meeting.get("id"), str):
        return LeftOut(at, "not a batch line (no meeting id)")
    mid = meeting["id"]
    if "error" in data:
        return LeftOut(mid, f"could not be compared: {data['error']}")
    version = _version(data.get("schema_version"))
    if version is None or version < OLDEST_SCHEMA:
        return LeftOut(
            mid,
            f"schema_version {data.get('schema_version')!r} is older than 2.1 (no party per "
            "readout): run batch again",
        )
    try:
        return _record(data, meeting, mid)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        return LeftOut(mid, f"malformed batch line ({type(e).__name__}: {e})")


def _version(value: object) -> tuple[int, int] | None:
    try:
        major, minor = str(value).split(".")[:2]
        return int(major), int(minor)
    except ValueError:
        return None


def _record(data: dict[str, Any], meeting: dict[str, Any], mid: str) -> Read:
    readouts = data["readouts"]
    date, why = _date(meeting, readouts)
    if date is None:
        return LeftOut(mid, why)
    issuers, why = _issuers(readouts, list(data.get("participants") or ()))
    if issuers is None:
        return LeftOut(mid, why)
    views = _views(data, mid, issuers, set(meeting.get("partial") or ()))
    if len(views) < 2:
        return LeftOut(mid, f"fewer than two parties issued readouts ({why})")
    names = tuple((t["id"], t["name"]) for t in data["topics"] if _counted(t))
    lexicon = meeting.get("lexicon")
    group = tuple(sorted(data.get("participants") or {v.party for v in views}))
    return MeetingRecord(
        mid,
        date,
        group,
        views,
        names,
        lexicon if isinstance(lexicon, str) else None,
        meeting.get("title"),
    )


def _date(meeting: dict[str, Any], readouts: list[dict[str, Any]]) -> tuple[str | None, str]:
    """The meeting's date as YYYY-MM-DD (its own, else the one date its readouts agree on)."""
    given = meeting.get("date")
    if not given:
        dates = {r.get("date") for r in readouts} - {None, ""}
        if len(dates) != 1:
            return None, "no date (give `date:` in meeting.yaml): left out of the timelines"
        given = dates.pop()
    iso = parse_date(str(given)) if len(str(given)) <= 40 else None
    if iso is None:
        return None, f"date {str(given)[:40]!r} is not a date (write YYYY-MM-DD)"
    return iso, ""


def _issuers(
    readouts: list[dict[str, Any]], participants: list[str]
) -> tuple[dict[str, tuple[str, ...]] | None, str]:
    """Readout id → the parties it speaks for (a joint one: every participant), or None and
    why: an issuer that is unknown, or not one of the participants."""
    out: dict[str, tuple[str, ...]] = {}
    for r in readouts:
        party = r.get("party")
        if not party:
            return None, f"readout {r['id']}: who issued it is not known (give its `party:`)"
        if party == JOINT:
            if not participants:
                return None, f"readout {r['id']} is joint but the participants are not known"
            out[r["id"]] = tuple(participants)
        elif participants and party not in participants:
            return None, (
                f"readout {r['id']} is issued by {party!r}, not one of the participants "
                f"({', '.join(participants)})"
            )
        else:
            out[r["id"]] = (party,)
    said = ", ".join(f"{rid}: {'+'.join(ps)}" for rid, ps in out.items())
    return out, said


def _counted(topic: dict[str, Any]) -> bool:
    """Lexicon topics only: detected names are clues of one readout, never omissions."""
    return bool(topic.get("source", "lexicon") == "lexicon")


def _views(
    data: dict[str, Any], mid: str, issuers: dict[str, tuple[str, ...]], partial: set[str]
) -> tuple[PartyView, ...]:
    """Each party's view: per topic, the first sentence of each of its readouts that names it
    (one sentence proves the mention; keeping every one made an archive of 10,000 meetings
    twice as big), or the related topics its readouts name instead."""
    texts = {
        c["id"]: c["text"] for r in data["readouts"] for c in (*r["claims"], *r.get("header", ()))
    }
    first: dict[str, dict[str, Evidence]] = {}  # topic id → readout id → its first mention
    covers: dict[str, dict[str, list[str]]] = {}
    for t in data["topics"]:
        if not _counted(t):
            continue
        first[t["id"]] = {
            rid: Evidence(mid, rid, m["claim"], m["start"], m["end"], m["phrase"],
                          texts.get(m["claim"], ""))
            for rid, ms in t["mentions"].items() if ms
            for m in ms[:1]
        }  # fmt: skip
        covers[t["id"]] = t.get("covered") or {}
    parties: dict[str, list[str]] = {}
    for rid, ps in issuers.items():
        for p in ps:
            parties.setdefault(p, []).append(rid)
    views = []
    for party, rids in sorted(parties.items()):
        mentions, covered = [], []
        for tid, by in first.items():
            ev = tuple(by[r] for r in rids if r in by)
            if ev:
                mentions.append((tid, ev))
                continue
            cover = sorted({c for r in rids for c in covers[tid].get(r, ())})
            if cover:
                covered.append((tid, tuple(cover)))
        whole = any(rid not in partial for rid in rids)
        views.append(PartyView(party, tuple(rids), not whole, tuple(mentions), tuple(covered)))
    return tuple(views)
