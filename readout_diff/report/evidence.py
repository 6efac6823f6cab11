"""An item of the report that rests on evidence: a one-sided topic, or an attribution the other
side's readout lacks, with the lines that show it. Shared by sections.py and who.py (a leaf, so
that neither imports the other)."""

from __future__ import annotations

from readout_diff.core.frozen import frozen


@frozen
class EvidenceLine:
    label: str  # of the readout that names the topic
    claim: str
    where: str  # file:line, or the line in a page's extracted text
    text: str


@frozen
class OneSided:
    topic: str
    # "missing from Russia MFA; US State Dept names Economic cooperation instead"
    status: str
    lines: tuple[EvidenceLine, ...]
    claim: str | None = None  # the claim the item is about (an attribution's), if it is one
