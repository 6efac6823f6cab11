"""A third-party plugin, as a package would ship one: an output format (`tsv`: a row per topic
and readout) and a reader (`.claims` files: one claim a line, `# ` for a header line).
tests/test_plugins.py installs it through entry points (a .dist-info on PYTHONPATH)."""

from __future__ import annotations

from readout_diff import Readout
from readout_diff.inputs.readers import Reader
from readout_diff.report.batch_output import stream_writer
from readout_diff.report.formats import OutputFormat


def render_tsv(comparison, options) -> str:
    rows = [
        f"{t.id}\t{r.id}\t{'present' if r.id in t.present_in else 'missing'}"
        for t in comparison.topics
        for r in comparison.readouts
    ]
    return "".join(f"{row}\n" for row in ["topic\treadout\tpresence", *rows])


def tsv_row(result) -> str:
    """A batch row per topic and readout, prefixed with the meeting (nothing for a failure)."""
    if result.comparison is None:
        return ""
    body = render_tsv(result.comparison, None).split("\n", 1)[1]
    return "".join(f"{result.meeting.id}\t{line}\n" for line in body.splitlines())


TSV = OutputFormat(
    "tsv",
    (".tsv",),
    render=render_tsv,
    batch=stream_writer(tsv_row, "meeting\ttopic\treadout\tpresence\n"),
    batch_help="a row per topic and readout",
)


def read_claims(data: bytes, name: str, rid: str, hints) -> Readout:
    lines = [line.strip() for line in data.decode(hints.encoding or "utf-8").splitlines()]
    header = [line[2:] for line in lines if line.startswith("# ")]
    claims = [line for line in lines if line and not line.startswith("# ")]
    return Readout.from_claims(claims, id=rid, header=header, source=name)


CLAIMS = Reader("claims", read_claims, (".claims",))


def broken():
    raise RuntimeError("this plugin is broken on purpose")
