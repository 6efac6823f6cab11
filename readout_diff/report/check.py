"""Reports of `readout-diff check`: a rich table with failure details, JSON, and JUnit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import replace

from rich.console import Console
from rich.table import Table
from rich.text import Text

from readout_diff.inputs.results import (
    ATTRIBUTION_KIND,
    CLAIM_KINDS,
    FRAMING_KINDS,
    TOPIC_KINDS,
    MeetingResult,
    Outcome,
)
from readout_diff.report.common import count, printable, printable_all
from readout_diff.report.terminal_text import string_console

# Attribution and framing expectations are about claims: the claims columns count them.
_CLAIM_LIKE = (*CLAIM_KINDS, ATTRIBUTION_KIND, *FRAMING_KINDS)


def render_check_terminal(
    results: Sequence[MeetingResult], width: int, color: bool, quiet: bool = False
) -> str:
    """The table of meetings, each failure, error and known failure with its evidence, and a
    summary line; `quiet`: failures and errors only, and the summary line."""
    console, buf = string_console(width, color)
    results = [_printable(r) for r in results]
    if not quiet:
        console.print(_table(results))
    for r in results:
        if r.error:
            console.print(Text(f"\n{r.name}: error: {r.error}", style="bold red"))
        for o in r.outcomes:
            if o.status == "fail" or (o.status == "known-failure" and not quiet):
                _outcome(console, r.name, o)
    passed = sum(r.passed for r in results)
    known = sum(r.count(TOPIC_KINDS + _CLAIM_LIKE, "known-failure") for r in results)
    stale = sum(o.stale_reason is not None for r in results for o in r.outcomes)
    stale_note = f", {stale} with a reason quoting what is no longer found" if stale else ""
    console.print(
        Text(
            ("" if quiet else "\n")
            + f"{passed} of {count(len(results), 'meeting')} passed"
            + (f" ({count(known, 'known failure')}{stale_note})" if known else ""),
            style="bold green" if passed == len(results) else "bold red",
        )
    )
    return buf.getvalue()


def _printable(r: MeetingResult) -> MeetingResult:
    """The result's texts with control characters shown, not sent (XML cannot hold them)."""
    error = printable(r.error) if r.error else r.error
    return replace(r, name=printable(r.name), error=error, outcomes=printable_all(r.outcomes))


def _table(results: Sequence[MeetingResult]) -> Table:
    table = Table(title="readout-diff check", title_justify="left")
    for col in ("Meeting", "Topics ok", "failed", "Claims ok", "failed", "Known", "Time"):
        table.add_column(col, justify="left" if col == "Meeting" else "right")
    for r in results:
        if r.error:
            table.add_row(
                Text(r.name, style="red"),
                Text("error", style="red"),
                "",
                "",
                "",
                "",
                f"{r.seconds:.2f}s",
            )
            continue
        tf, cf = r.count(TOPIC_KINDS, "fail"), r.count(_CLAIM_LIKE, "fail")
        known = r.count(TOPIC_KINDS + _CLAIM_LIKE, "known-failure")
        table.add_row(
            Text(r.name, style="green" if r.passed else "red"),
            str(r.count(TOPIC_KINDS, "ok")),
            Text(str(tf), style="red" if tf else ""),
            str(r.count(_CLAIM_LIKE, "ok")),
            Text(str(cf), style="red" if cf else ""),
            Text(str(known), style="yellow" if known else ""),
            f"{r.seconds:.2f}s",
        )
    return table


def _outcome(console: Console, meeting: str, o: Outcome) -> None:
    style = "bold red" if o.status == "fail" else "bold yellow"
    head = "FAIL" if o.status == "fail" else "KNOWN FAILURE"
    console.print(Text(f"\n{head} {meeting} [{o.kind}] {o.name}", style=style))
    if o.reason:
        console.print(Text(f"  reason:   {o.reason}"))
    console.print(Text(f"  expected: {o.expected}"))
    console.print(Text(f"  found:    {o.found}"))
    if o.stale_reason is not None:
        console.print(
            Text("  stale:    the reason says found what check no longer finds", style="yellow")
        )
    for e in o.evidence:
        console.print(Text(f"  evidence: {e}", style="dim"))


# The format of `check --format json` (data/schemas/check.schema.json): 1.1 names itself.
CHECK_SCHEMA_VERSION = "1.2"  # 1.2: outcomes of kind "part"


def render_check_json(results: Sequence[MeetingResult]) -> str:
    doc = {
        "schema_version": CHECK_SCHEMA_VERSION,
        "passed": all(r.passed for r in results),
        "meetings": [r.to_dict() for r in results],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_junit(results: Sequence[MeetingResult]) -> str:
    """JUnit XML: a test suite per meeting, a test case per expectation."""
    suites = ET.Element("testsuites", name="readout-diff check")
    for r in map(_printable, results):
        suite = ET.SubElement(suites, "testsuite", name=r.name, time=f"{r.seconds:.3f}")
        cases = list(r.outcomes)
        failures = sum(o.status == "fail" for o in cases) + (1 if r.error else 0)
        suite.set("tests", str(len(cases) + (1 if r.error else 0)))
        suite.set("failures", str(failures))
        suite.set("skipped", str(sum(o.status == "known-failure" for o in cases)))
        if r.error:
            case = ET.SubElement(suite, "testcase", classname=r.name, name="load")
            ET.SubElement(case, "error", message=r.error)
        for o in cases:
            case = ET.SubElement(suite, "testcase", classname=f"{r.name}.{o.kind}", name=o.name)
            if o.status == "fail":
                failure = ET.SubElement(
                    case, "failure", message=f"expected {o.expected}; found {o.found}"
                )
                failure.text = "\n".join(o.evidence)
            elif o.status == "known-failure":
                ET.SubElement(case, "skipped", message=f"known failure: {o.reason}")
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
