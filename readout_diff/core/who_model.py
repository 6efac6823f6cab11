"""The data of "who said what" (schema 2.1; 2.2 added partly_confirmed_by): who initiated the
meeting according to a readout, and a statement one readout attributes to another party, with
the claims that confirm it.
Frozen dataclasses with `to_dict` / `from_dict`, as in `core.model`, which holds them."""

from __future__ import annotations

from typing import Any, TypedDict

from readout_diff.core.frozen import frozen


class InitiativeDict(TypedDict):
    party: str | None
    claim: str
    phrase: str


class AttributionDict(TypedDict):
    readout: str
    claim: str
    speaker: str
    speaker_readouts: list[str]
    act: str | None
    confirmed_by: list[str]
    partly_confirmed_by: list[str]


@frozen
class Initiative:
    """A readout saying who asked for the meeting or call: "at the initiative of the US side",
    "at the request of", a title ending "at Request". `party` is None when it cannot be told."""

    party: str | None
    claim: str  # the claim or header line that says it
    phrase: str  # the words, as written

    def to_dict(self) -> InitiativeDict:
        return {"party": self.party, "claim": self.claim, "phrase": self.phrase}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Initiative:
        return cls(d["party"], d["claim"], d["phrase"])


@frozen
class Attribution:
    """A claim of readout `readout` in which `speaker` (another party, "joint" for both, or
    "several") says or agrees something. `speaker_readouts` are the readouts issued by the
    speaker (empty when no readout's party is known to be it); `confirmed_by` their claims,
    aligned with this one as a match or linked as related when they make its point in other
    words (core.attributions), that have the speaker (or both) speaking: empty when
    unconfirmed; `partly_confirmed_by`, when none does, such claims linked to it as related
    (the same subject, another point or framing)."""

    readout: str
    claim: str
    speaker: str
    speaker_readouts: tuple[str, ...]
    act: str | None
    confirmed_by: tuple[str, ...] = ()
    partly_confirmed_by: tuple[str, ...] = ()

    @property
    def confirmed(self) -> bool:
        return bool(self.confirmed_by)

    @property
    def unconfirmed(self) -> bool:
        """Checkable (a readout of the speaker's is known) and neither confirmed nor partly."""
        return (
            bool(self.speaker_readouts) and not self.confirmed_by and not self.partly_confirmed_by
        )

    def to_dict(self) -> AttributionDict:
        return {
            "readout": self.readout,
            "claim": self.claim,
            "speaker": self.speaker,
            "speaker_readouts": list(self.speaker_readouts),
            "act": self.act,
            "confirmed_by": list(self.confirmed_by),
            "partly_confirmed_by": list(self.partly_confirmed_by),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        return cls(
            d["readout"],
            d["claim"],
            d["speaker"],
            tuple(d["speaker_readouts"]),
            d["act"],
            tuple(d["confirmed_by"]),
            tuple(d.get("partly_confirmed_by", ())),
        )
