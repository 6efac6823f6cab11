"""Who said what: each speaker rule, parties, attributions and initiative (core.speakers,
core.parties, core.attributions, core.who), through the library and the CLI."""

from __future__ import annotations

import json

import pytest
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from readout_diff import compare
from readout_diff.cli import app
from readout_diff.core.attributions import agreed_one_side
from readout_diff.core.issuing import readout_party
from readout_diff.core.model import Comparison, Readout
from readout_diff.core.parties import Issuers, speaker_parties
from readout_diff.core.speakers import Who, claim_speakers, speaker_of
from readout_diff.errors import SpecError
from readout_diff.inputs.issuers import load_issuers
from readout_diff.inputs.lexicon import load_lexicon

LEX = load_lexicon()
PARTIES = frozenset({"china", "russia", "united-states"})


def issuers(*people: str) -> Issuers:
    return load_issuers().with_people(speaker_parties(people, LEX))


def who(text: str, *people: str, previous: Who | None = None) -> tuple[object, ...]:
    w = speaker_of(text, LEX, issuers(*people), PARTIES, previous)
    return (w.speaker, w.act, w.rule)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wang Yi said China is ready to deepen cooperation.", ("china", "stated", "person")),
        ("Lavrov informed his counterpart of the summit.", ("russia", "informed", "person")),
        (
            "The Secretary welcomed the progress on fentanyl.",
            ("united-states", "welcomed", "title"),
        ),
        ("The Chinese side stressed its position on Taiwan.", ("china", "stated", "side")),
        ("Moscow's position on the conflict is unchanged.", ("russia", "stated", "position")),
        ("The two sides agreed to keep in touch.", ("joint", "agreed", "both")),
        ("The ministers noted the growth of trade.", ("joint", "stated", "both")),
        ("Both leaders discussed the Middle East.", ("joint", "discussed", "both")),
        ('"We will keep talking," said Lavrov.', ("russia", "stated", "quotation")),
        (
            'According to the Foreign Ministry, the Secretary "welcomed the new channel".',
            ("united-states", "welcomed", "reported"),
        ),
        (
            "The State Department urged restraint in the strait.",
            ("united-states", "proposed", "issuer"),
        ),
        ("It was agreed to hold the next round in Moscow.", ("joint", "agreed", "it-was")),
        ("China is ready to work with Russia on the SCO.", ("china", "stated", "stance")),
        ("The meeting took place in a friendly atmosphere.", (None, None, None)),
        # a verb of the reported content is not a new speaker
        ("Wang Yi said that the US side had agreed to talks.", ("china", "stated", "person")),
        # "the shared aspirations": an adjective, not a verb
        ("Lavrov stressed the shared aspirations of the peoples.", ("russia", "stated", "person")),
        # an appositive between the subject and its verb
        (
            "Yang Jiechi, a member of the Political Bureau, held a phone conversation with Pompeo.",
            ("china", "discussed", "person"),
        ),
        (
            "Regarding Ukraine, the Russian side expressed support for talks.",
            ("russia", "welcomed", "side"),
        ),
    ],
)
def test_each_speaker_rule(text: str, expected: tuple[object, ...]) -> None:
    assert who(text) == expected


def test_two_people_joined_by_and_are_both_sides_or_each_of_them() -> None:
    text = "Wang Yi and Lavrov agreed to meet again."
    w = speaker_of(text, LEX, issuers(), frozenset({"china", "russia"}))
    assert (w.speaker, w.act, w.rule) == ("joint", "agreed", "both")
    w = speaker_of(text, LEX, issuers(), PARTIES)  # two of three parties: each speaks
    assert (w.speaker, w.speakers) == ("several", ("china", "russia"))


def test_a_statement_announced_by_the_other_side_is_marked_for_it_too() -> None:
    w = speaker_of(
        "Concerning the US intention announced by the Secretary to impose sanctions, "
        "Lavrov stressed that the step was unacceptable.",
        LEX,
        issuers(),
        PARTIES,
    )
    assert (w.speaker, w.speakers) == ("several", ("russia", "united-states"))


def test_questions_and_quoted_speakers_are_not_guessed() -> None:
    assert who("Q: Mr. President, what did you and President Xi agree on?")[0] is None
    # the party is named inside the quotation only: the speaker ("the Minister") is unknown
    quote = '"We understood the American position better," the Minister told journalists.'
    assert who(quote)[0] is None


def test_both_sides_do_not_urge_one_of_themselves() -> None:
    w = speaker_of(
        "They called on China to use its influence.",
        LEX,
        issuers(),
        frozenset({"china", "european-union"}),
    )
    assert (w.speaker, w.act, w.rule) == ("european-union", "proposed", "both-not-addressee")


def test_a_meeting_speaker_is_known_by_one_name() -> None:
    assert who("Wang urged restraint.", "Wang Yi", "Sergey Lavrov")[:2] == ("china", "proposed")
    assert who("Wang urged restraint.")[0] is None  # "Wang" alone is no one without the list


def test_a_claim_with_two_speakers_is_marked_for_both() -> None:
    w = speaker_of(
        "Wang Yi said the talks were useful, and Lavrov replied that Russia agreed.",
        LEX,
        issuers(),
        PARTIES,
    )
    assert (w.speaker, w.speakers, w.rule) == ("several", ("china", "russia"), "several")


def test_a_pronoun_carries_the_previous_speaker_of_the_paragraph() -> None:
    claims = [
        ("Lavrov said Russia values the partnership.", True),
        ("He added that the SCO matters.", False),
        ("The talks were held in Beijing.", True),  # narration opens a paragraph
        ("He said the visit was a success.", True),  # so "He" has no one to refer to
    ]
    got = [(w.speaker, w.rule) for w in claim_speakers(claims, LEX, issuers(), PARTIES)]
    assert got == [("russia", "person"), ("russia", "pronoun"), (None, None), (None, None)]


def test_a_pronoun_never_stands_for_both_sides() -> None:
    previous = Who("joint", ("joint",), "agreed", "both")
    assert who("He said the talks went well.", previous=previous)[0] is None


@pytest.mark.parametrize(
    ("given", "label", "expected"),
    [
        (None, "China MFA", "china"),
        (None, "White House", "united-states"),
        (None, "Kremlin", "russia"),
        (None, "State Department readout", "united-states"),
        (None, "EEAS press release", "european-union"),
        (None, "China-Russia Joint Statement", "joint"),
        (None, "Press release", None),
        ("joint", "anything", "joint"),
        ("USA", "Kremlin", "united-states"),  # given wins over the label
    ],
)
def test_party_of_a_readout(given: str | None, label: str, expected: str | None) -> None:
    assert readout_party(given, label, LEX, load_issuers()) == expected


def test_a_participant_named_in_the_label_comes_first() -> None:
    label = "US Embassy London repost of the State Department readout"
    assert readout_party(None, label, LEX, load_issuers(), ["united-states", "russia"]) == (
        "united-states"
    )


CHINA = """Wang Yi held talks with Sergey Lavrov at the request of the Russian side.

Wang Yi said China values the partnership.
The Russian side said it supports the Global Security Initiative.

The two sides agreed to hold consultations on Afghanistan.
"""
RUSSIA = """Sergey Lavrov held talks with Wang Yi.

Sergey Lavrov said Russia values the partnership with China.

The ministers discussed Afghanistan.
"""


def pair(
    a: str = CHINA, b: str = RUSSIA, pa: str | None = None, pb: str | None = None
) -> Comparison:
    return compare(
        [
            Readout.from_text(a, "China MFA", party=pa),
            Readout.from_text(b, "Russia MFA", party=pb),
        ],
        participants=["china", "russia"],
    )


def test_attributions_say_what_the_other_side_does_not_confirm() -> None:
    c = pair()
    got = {
        (a.readout, c.claim(a.claim).text[:30], a.speaker, a.act, bool(a.confirmed_by))
        for a in c.attributions
    }
    assert ("a", "The Russian side said it suppo", "russia", "stated", False) in got
    # Russia's readout has the ministers discussing Afghanistan, not agreeing: confirmed, but
    # an agreement by one side's account only
    assert ("a", "The two sides agreed to hold c", "joint", "agreed", True) in got
    claims = {cl.id: cl for r in c.readouts for cl in r.claims}
    agreed = [a for a in c.attributions if agreed_one_side(a, claims)]
    assert [c.claim(a.claim).text[:21] for a in agreed] == ["The two sides agreed "]
    assert all(a.speaker_readouts for a in c.attributions)
    assert c.has_unconfirmed_attributions
    assert [r.party for r in c.readouts] == ["china", "russia"]


def test_an_attribution_confirmed_by_the_other_readout() -> None:
    c = pair(b=RUSSIA + "\nThe Russian side said it supports the Global Security Initiative.\n")
    found = [a for a in c.attributions if a.speaker == "russia"]
    assert len(found) == 1 and found[0].confirmed_by
    assert c.claim(found[0].confirmed_by[0]).speaker == "russia"


def test_a_readout_whose_party_cannot_be_told_gets_no_wrong_party() -> None:
    c = compare(
        [Readout.from_text(CHINA, "China MFA"), Readout.from_text(RUSSIA, "Press release")],
        participants=["china", "russia"],
    )
    assert c.readouts[1].party is None
    to_russia = [a for a in c.attributions if a.speaker == "russia"]
    assert to_russia and all(not a.speaker_readouts for a in to_russia)
    assert len(c.readouts[1].warnings) == 1
    assert "cannot tell which party issued it" in c.readouts[1].warnings[0]
    assert not c.has_unconfirmed_attributions


def test_an_unknown_party_given_is_an_error() -> None:
    with pytest.raises(SpecError, match=r"unknown party 'Atlantis'"):
        pair(pa="Atlantis")


def test_a_joint_statement_attributes_nothing() -> None:
    c = pair(pa="joint")
    assert c.readouts[0].party == "joint"
    assert all(a.readout != "a" for a in c.attributions)


def test_initiative_and_at_request_titles() -> None:
    c = pair()
    assert c.readouts[0].initiative is not None
    assert c.readouts[0].initiative.party == "russia"
    assert c.readouts[1].initiative is None
    titled = "Wang Yi Speaks with Sergey Lavrov on the Phone at Request\n\n" + CHINA.replace(
        " at the request of the Russian side", ""
    )
    c = pair(a=titled)
    i = c.readouts[0].initiative
    assert i is not None and (i.party, i.claim, i.phrase) == ("russia", "a-h1", "at Request")


@pytest.mark.parametrize(("which", "party"), [("latter", "russia"), ("former", "china")])
def test_initiative_of_the_latter_or_the_former(which: str, party: str) -> None:
    text = f"Wang Yi had a phone call with Sergey Lavrov at the {which}'s request.\n"
    c = pair(a=text)
    i = c.readouts[0].initiative
    assert i is not None and (i.party, i.phrase) == (party, f"at the {which}'s request")


def test_the_json_has_the_who_fields_and_round_trips() -> None:
    c = pair()
    d = c.to_dict()
    assert d["schema_version"] == "2.2"
    assert d["readouts"][0]["party"] == "china"
    assert d["readouts"][0]["initiative"]["party"] == "russia"
    assert {"speaker", "speakers", "act", "speaker_rule"} <= set(d["readouts"][0]["claims"][1])
    assert "speaker" not in d["readouts"][0]["header"][0] if d["readouts"][0]["header"] else True
    assert d["attributions"][0].keys() == {
        "readout",
        "claim",
        "speaker",
        "speaker_readouts",
        "act",
        "confirmed_by",
        "partly_confirmed_by",
    }
    assert Comparison.from_dict(d) == c


SPEAKING = st.sampled_from(
    [
        "Wang Yi said",
        "Lavrov stressed",
        "The Chinese side urged",
        "The Russian side welcomed",
        "The two sides agreed",
        "They discussed",
        "Moscow's position is",
        "Trade grew, and",
    ]
)
TOPIC = st.sampled_from(["trade", "the SCO", "Ukraine", "energy", "students", "Gaza", "climate"])
CLAIM = st.tuples(SPEAKING, TOPIC, TOPIC).map(lambda t: f"{t[0]} {t[1]} and {t[2]}.")


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=40)
@given(st.lists(CLAIM, min_size=1, max_size=6, unique=True))
def test_comparing_a_readout_with_itself_confirms_every_attribution(claims: list[str]) -> None:
    text = " ".join(claims)
    c = pair(text, text)
    assert all(a.confirmed for a in c.attributions), c.attributions
    assert not c.has_unconfirmed_attributions


def invoke(*args: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [str(a) for a in args])


def test_cli_json_and_exit_code_count_unconfirmed_attributions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "china.txt").write_text(CHINA, "utf-8")
    (tmp_path / "russia.txt").write_text(CHINA, "utf-8")  # same words: every topic in both
    r = invoke(
        "compare", tmp_path / "china.txt", tmp_path / "russia.txt", "-f", "json", "--exit-code"
    )
    assert r.exit_code == 0, r.output  # same text: everything confirmed, nothing missing
    r = invoke(
        "compare",
        tmp_path / "china.txt",
        tmp_path / "russia.txt",
        "--party",
        "china,china",
        "-f",
        "json",
        "--exit-code",
    )
    assert r.exit_code == 0, r.output
    (tmp_path / "russia.txt").write_text(
        CHINA.replace("The Russian side said it supports the Global Security Initiative.", ""),
        "utf-8",
    )
    r = invoke(
        "compare", tmp_path / "china.txt", tmp_path / "russia.txt", "-f", "json", "--exit-code"
    )
    data = json.loads(r.stdout)
    assert [x["party"] for x in data["readouts"]] == ["china", "russia"]
    assert any(not a["confirmed_by"] for a in data["attributions"])
    assert r.exit_code == 1


def test_cli_too_many_parties_is_a_usage_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(CHINA, "utf-8")
    (tmp_path / "b.txt").write_text(RUSSIA, "utf-8")
    r = invoke("compare", tmp_path / "a.txt", tmp_path / "b.txt", "--party", "china,russia,usa")
    assert r.exit_code == 2
    assert "3 parties given for 2 readouts" in r.stderr


def test_the_seed_report_shows_who_speaks_on_ukraine() -> None:
    r = invoke("compare", SEED, "--width", "120")
    assert r.exit_code == 0, r.output
    line = next(x for x in r.stdout.splitlines() if x.startswith("Ukraine — "))
    assert "China MFA: China (a13)" in line
    for title in (
        "Who speaks on each topic",
        "Said to be said by the other side, not in its own readout",
        "Agreed according to one side only",
    ):
        assert title in r.stdout


@pytest.mark.parametrize(
    ("label", "party", "expected"),
    [
        ("White House", None, "united-states"),  # its own President: introduced with no one
        ("Joint statement", "joint", None),  # nobody's own
        ("Press release", None, None),  # whose, cannot be told
    ],
)
def test_a_bare_title_introduced_with_no_one_is_the_readouts_own(
    label: str, party: str | None, expected: str | None
) -> None:
    text = "The President said the talks were useful. The President of China objected."
    other = Readout.from_text("Xi Jinping met the visitor.", "China MFA")
    c = compare(
        [Readout.from_text(text, label, party=party), other],
        participants=["china", "united-states", "united-kingdom"],
    )
    said, objected = c.readouts[0].claims
    assert said.speaker == expected
    assert said.speaker_rule == ("title" if expected else None)
    # "the President of China" is no bare title: China's, whoever issued the readout
    assert objected.speaker == "china"


def _speakers(text: str, label: str, party: str | None = None) -> list[str | None]:
    c = compare(
        [Readout.from_text(text, label, party=party), Readout.from_text("Xi met.", "China MFA")],
        participants=["china", "united-states", "united-kingdom", "india"],
    )
    return [cl.speaker for cl in c.readouts[0].claims]


def test_a_bare_title_names_whom_the_readout_introduced_with_it() -> None:
    # No. 10's own Prime Minister, and the President it introduced: Xi, not the UK's
    uk = "The Prime Minister spoke to Chinese President Xi Jinping. The President said trade grew."
    assert _speakers(uk, "UK Prime Minister's Office", "united-kingdom") == [
        "united-kingdom",
        "china",
    ]
    # the White House's "the Prime Minister" is Modi; "Prime Minister" introduces no "Minister"
    wh = (
        "President Biden met Prime Minister Modi. The Prime Minister thanked the President. "
        "The Minister of State was present. "
        "The Secretary went at the request of the Prime Minister."
    )
    c = compare(
        [Readout.from_text(wh, "White House"), Readout.from_text("Xi met.", "China MFA")],
        participants=["united-states", "india"],
    )
    assert [cl.speaker for cl in c.readouts[0].claims][:2] == ["united-states", "india"]
    assert c.readouts[0].initiative is not None and c.readouts[0].initiative.party == "india"


def test_a_bare_title_introduced_with_two_parties_is_the_readouts_own_else_no_ones() -> None:
    # an official readout names the other side's President by name and its own by the title
    text = "President Biden spoke with President Xi Jinping. The President said talks were frank."
    assert _speakers(text, "White House") == ["united-states", "united-states"]
    # whose readout it is, unknown: whose President, unknown
    assert _speakers(text, "Press release") == ["united-states", None]
    # its own not among those introduced: no one
    text = "Premier Li met President Macron and President Lula. The President said trade grew."
    assert _speakers(text, "No 10", "united-kingdom")[1] is None


def test_a_partys_listed_title_wins_over_a_bare_own_title() -> None:
    # "the Secretary" is the US's in any readout, even one issued by the other side
    c = compare(
        [
            Readout.from_text("The Secretary urged restraint.", "China MFA"),
            Readout.from_text("The Secretary urged restraint.", "State Department"),
        ],
        participants=["china", "united-states"],
    )
    assert [r.claims[0].speaker for r in c.readouts] == ["united-states", "united-states"]
