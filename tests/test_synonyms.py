"""Paraphrase groups (core/synonyms.py, the `synonyms:` section of topics files): folding,
alignment, word differences, loading and merging user files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from readout_diff import Readout, compare
from readout_diff.cli import app
from readout_diff.core.features import claim_features
from readout_diff.core.synonyms import Synonyms
from readout_diff.core.topics import Lexicon
from readout_diff.errors import SpecError
from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.inputs.synonyms import merge_synonyms

GROUPS = Synonyms(
    {
        "ceasefire": ["ceasefire", "cease-fire", "truce"],
        "readiness": ["ready", "willing", "stand ready", "stands ready"],
    }
)


def test_a_word_matches_as_listed_in_any_case_and_nothing_else() -> None:
    assert GROUPS.group("truce") == GROUPS.group("ceasefire") == "%ceasefire"
    assert GROUPS.group("truces") is None  # inflections are listed, not guessed
    assert GROUPS.group("Truce".lower()) == "%ceasefire"
    assert GROUPS.group("country") is None


def test_phrases_match_whole_with_any_spacing_hyphens_and_case() -> None:
    text = "China Stands\n Ready to help; a Cease-fire holds; they stand readymade"
    spans = GROUPS.phrase_spans(text)
    assert [(text[s:e], key) for s, e, key in spans] == [
        ("Stands\n Ready", "%readiness"),
        ("Cease-fire", "%ceasefire"),
    ]
    f = claim_features(text, 0, [], frozenset(), GROUPS)
    assert {"%readiness", "%ceasefire", "ready"} <= f.tokens  # "readymade" is no phrase
    assert f.surface["%readiness"] == "Stands Ready" and f.surface["%ceasefire"] == "Cease-fire"


def test_claims_in_other_words_share_the_group_token() -> None:
    a = claim_features("Both sides backed a truce.", 0, [], frozenset(), GROUPS)
    b = claim_features("They support the ceasefire.", 0, [], frozenset(), GROUPS)
    plain = claim_features("They support the ceasefire.", 0, [], frozenset())
    assert "%ceasefire" in a.tokens & b.tokens
    assert a.surface["%ceasefire"] == "truce" and b.surface["%ceasefire"] == "ceasefire"
    assert "%ceasefire" not in plain.tokens


def _pair(lexicon: Lexicon | None = None):  # type: ignore[no-untyped-def]
    a = Readout.from_text(
        "The ministers discussed a truce in Gaza and stable ties. China stands ready to"
        " strengthen cooperation on public health.",
        "China MFA",
    )
    b = Readout.from_text(
        "The ministers talked about the ceasefire in Gaza and steady relations. The United"
        " States is willing to deepen collaboration on public health.",
        "State Department",
    )
    return compare([a, b], lexicon=lexicon, participants=["china", "united-states"])


def test_the_built_in_groups_align_paraphrases_and_say_which_words_tied_them() -> None:
    with_groups = _pair()
    builtin = load_lexicon()
    without = _pair(Lexicon(builtin.topics.values()))
    scores = {a.members: a.score for a in without.alignment}
    for a in with_groups.alignment:
        assert a.kind == "match"
        assert a.score > scores.get(a.members, 0.0)
    shared = {w for a in with_groups.alignment for w in a.shared_tokens}
    assert {"ties≈relations", "stable≈steady", "stands ready≈willing"} <= shared
    # a word both sides use is shown once, not as "x≈x"
    assert not any(w.split("≈")[0] == w.split("≈")[-1] and "≈" in w for w in shared)


def test_a_synonym_is_no_word_difference() -> None:
    c = _pair()
    diffs = {s.text.lower() for a in c.alignment for _, spans in a.framing.word_diff for s in spans}
    assert not diffs & {"truce", "ceasefire", "stands ready", "willing", "deepen", "strengthen"}


def test_the_built_in_groups_share_no_word_and_ship_in_the_index() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.synonyms.groups) >= 20
    merge_synonyms({}, dict(lexicon.synonyms.groups), "built-in")  # raises on a shared word
    assert lexicon.to_index()["synonyms"] == {
        gid: list(members) for gid, members in lexicon.synonyms.groups.items()
    }


def _topics_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_user_file_adds_and_replaces_groups(tmp_path: Path) -> None:
    path = _topics_file(
        tmp_path,
        "topics: []\nsynonyms:\n  ceasefire: [ceasefire, halt in fighting]\n"
        "  summit: [summit, summits, top-level meeting]\n",
    )
    groups = load_lexicon([path]).synonyms.groups
    assert groups["ceasefire"] == ("ceasefire", "halt in fighting")  # replaced: no "truce"
    assert groups["summit"] == ("summit", "summits", "top-level meeting")
    assert "relations" in groups  # the other built-in groups stay


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "topics: []\nsynonyms:\n  pause: [pause, truce]\n",
            "line 3: 'truce' of synonym group 'pause' is already in group 'ceasefire'",
        ),
        ("topics: []\nsynonyms:\n  Truce: [truce, lull]\n", "synonym group id 'Truce' must be"),
        ("topics: []\nsynonyms:\n  lull: [lull]\n", "synonym group 'lull' needs a list of two"),
        ("topics: []\nsynonyms: [truce, lull]\n", "'synonyms' must map group ids"),
        (
            "topics: []\nsynonyms:\n  lull: [lull, 'pause!']\n",
            "'pause!' of synonym group 'lull' must be",
        ),
    ],
)
def test_bad_groups_are_one_line_errors(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        load_lexicon([_topics_file(tmp_path, body)])


def test_cli_aligns_with_a_users_group(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The ministers agreed on a lull in Gaza.\n", "utf-8")
    (tmp_path / "b.txt").write_text("The ministers agreed on a pause in Gaza.\n", "utf-8")
    topics = _topics_file(tmp_path, "topics: []\nsynonyms:\n  lull: [lull, pause]\n")
    args = ["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-f", "json"]
    plain = json.loads(CliRunner().invoke(app, args).stdout)
    grouped = CliRunner().invoke(app, [*args, "--topics", str(topics)])
    assert grouped.exit_code == 0, grouped.output
    shared = [a["shared"]["tokens"] for a in json.loads(grouped.stdout)["alignment"]]
    assert ["lull≈pause"] in [[w for w in s if "≈" in w] for s in shared]
    assert not any("≈" in w for a in plain["alignment"] for w in a["shared"]["tokens"])


def test_a_topic_mention_that_is_a_group_word_keeps_the_groups_token() -> None:
    # "pandemic" is an alias of COVID-19 and a word of the epidemic group: it meets "epidemic"
    lexicon = load_lexicon()
    text = "Both sides will fight the pandemic together."
    mentions = lexicon.find(text)
    assert [m.topic for m in mentions] == ["covid-19"]
    a = claim_features(text, 0, mentions, frozenset(), lexicon.synonyms)
    b = claim_features("They will fight the epidemic.", 0, [], frozenset(), lexicon.synonyms)
    assert {"@covid-19", "%epidemic"} <= a.tokens
    assert "%epidemic" in a.tokens & b.tokens
    plain = claim_features(text, 0, mentions, frozenset())
    assert "%epidemic" not in plain.tokens


def test_shared_words_are_words_as_written_never_internal_tokens() -> None:
    from readout_diff import compare_paths

    root = Path(__file__).resolve().parent.parent / "samples"
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for a in compare_paths([str(folder)]).alignment:
            for word in a.shared_tokens:
                assert word[0] not in "@%", (folder.name, a.members, word)


def test_a_group_phrase_never_eats_a_topic_token_nor_reads_marks_from_the_text() -> None:
    # "climate change" is a topic's alias: a user's group with that phrase must not swallow
    # the topic's token, and a "%" or "@" written in the readout is no token of ours.
    synonyms = Synonyms({"warming": ["climate change", "global warming"], "ties": ["ties", "x"]})
    lexicon = load_lexicon()
    text = "Both agreed to act on climate change, 5%ties and @ties."
    mentions = lexicon.find(text)
    assert "climate-change" in {m.topic for m in mentions}
    f = claim_features(text, 0, mentions, frozenset(), synonyms)
    assert "@climate-change" in f.tokens
    assert all(not w.startswith(("%", "@")) for t, w in f.surface.items() if t[0] != "@")
    assert f.surface.get("%ties") == "ties"


def test_a_word_of_a_hyphenated_compound_is_not_its_groups_word() -> None:
    f = claim_features("A ready-made plan; they are ready.", 0, [], frozenset(), GROUPS)
    g = claim_features("A ready-made plan.", 0, [], frozenset(), GROUPS)
    assert "%readiness" in f.tokens and "%readiness" not in g.tokens
