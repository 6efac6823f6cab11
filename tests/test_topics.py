from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from readout_diff.core.alias_words import is_case_sensitive
from readout_diff.core.topics import KINDS
from readout_diff.errors import SpecError
from readout_diff.inputs.lexicon import check_unique_aliases, load_lexicon


@pytest.fixture(scope="module")
def lex():  # type: ignore[no-untyped-def]
    return load_lexicon()


def found(lex, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(m.topic, text[m.start : m.end]) for m in lex.find(text)]


def test_builtin_lexicon_size_kinds_and_unique_aliases(lex) -> None:  # type: ignore[no-untyped-def]
    kinds = Counter(t.kind for t in lex.topics.values())
    assert len(lex.topics) >= 450
    assert kinds["concept"] >= 40
    assert 40 <= kinds["person"] <= 90
    narrower = [t for t in lex.topics.values() if t.kind in ("issue", "concept") and t.broader]
    assert len(narrower) >= 120
    assert set(kinds) <= set(KINDS)
    assert all(t.aliases.get("en") for t in lex.topics.values())
    check_unique_aliases(lex.topics.values(), "topics.yaml")  # raises on a shared alias


def test_us_the_country_is_not_us_the_pronoun(lex) -> None:  # type: ignore[no-untyped-def]
    text = "Let us work with the US, the U.S. and Washington; American firms and U.S.-China ties."
    assert [t for t, _ in found(lex, text)] == ["united-states"] * 5 + ["china"]
    assert found(lex, "Join us. Tell us more.") == []


def test_aliases_demonyms_and_metonyms(lex) -> None:  # type: ignore[no-untyped-def]
    assert found(lex, "Kyiv, Kiev and the Ukrainian crisis") == [
        ("ukraine", "Kyiv"),
        ("ukraine", "Kiev"),
        ("ukraine", "Ukrainian crisis"),
    ]
    assert {t for t, _ in found(lex, "the DPRK, Pyongyang, the Korean Peninsula")} == {
        "korean-peninsula"
    }


def test_a_states_formal_name_names_no_other_country_or_group(lex) -> None:  # type: ignore[no-untyped-def]
    """ "Prime Minister of the United Kingdom of Great Britain and Northern Ireland" (how Japan's
    readouts name the other side) is the UK alone: Ireland missing from the UK's own readout
    was a false omission."""
    for text, tid in [
        (
            "the Prime Minister of the United Kingdom of Great Britain and Northern Ireland",
            "united-kingdom",
        ),
        ("the Arab Republic of Egypt", "egypt"),
        ("the Syrian Arab Republic", "syria"),
        ("the Hellenic Republic", "greece"),
    ]:
        assert {t for t, _ in found(lex, text)} == {tid}, text


def test_longest_alias_wins_and_matches_do_not_overlap(lex) -> None:  # type: ignore[no-untyped-def]
    assert found(lex, "the Iranian nuclear issue and Iran") == [
        ("iran-nuclear", "Iranian nuclear issue"),
        ("iran", "Iran"),
    ]
    assert found(lex, "the South China Sea") == [("south-china-sea", "South China Sea")]


def test_plural_hyphen_case_and_apostrophe_variants(lex) -> None:  # type: ignore[no-untyped-def]
    assert [t for t, _ in found(lex, "ceasefires, a cease-fire, Tariffs")] == [
        "ceasefire",
        "ceasefire",
        "tariffs",
    ]
    assert found(lex, "people to people exchanges")[0][0] == "people-to-people-exchanges"
    assert found(lex, "the People’s Republic of China") == [("china", "People’s Republic of China")]


def test_every_alias_and_its_plural_is_found_whole(lex) -> None:  # type: ignore[no-untyped-def]
    """Detection skips words and word runs that spell no alias (a first-word gate and a set of
    lower-cased keys): never one that does, in any case the alias matches."""
    for topic in lex.topics.values():
        for alias in topic.aliases.get("en", ()):
            forms = [alias] if is_case_sensitive(alias) else [alias, alias.lower(), alias.upper()]
            if not is_case_sensitive(alias) and alias[-1].isalpha():
                forms.append(alias + "s")
            for text in forms:
                spans = [(m.start, m.end) for m in lex.find(f"({text})", 1, len(text) + 1)]
                assert spans == [(1, len(text) + 1)], (topic.id, text)


def test_words_inside_longer_words_do_not_match(lex) -> None:  # type: ignore[no-untyped-def]
    assert found(lex, "Chinatown and Irani and USB") == []


def test_resolve_and_suggest(lex) -> None:  # type: ignore[no-untyped-def]
    assert lex.resolve("united-states") == "united-states"
    assert lex.resolve("Washington") == "united-states"
    assert lex.resolve("Korean Peninsula") == "korean-peninsula"
    assert lex.resolve("Atlantis") is None
    assert "united-states" in lex.suggest("united-state")


def test_user_topics_add_and_override(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "topics:\n"
        "  - id: united-states\n"
        "    aliases: {en: [Uncle Sam]}\n"
        "  - id: moon\n"
        "    name: The Moon\n"
        "    kind: region\n"
        "    aliases: {en: [lunar surface, Moon]}\n",
        encoding="utf-8",
    )
    lex = load_lexicon([extra])
    assert [m.topic for m in lex.find("Uncle Sam and Washington on the lunar surface")] == [
        "united-states",
        "united-states",
        "moon",
    ]
    assert lex.topics["moon"].name == "The Moon"


def test_broken_topics_file_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("topics:\n  - id: x\n    aliases: [a, b\n  - id: y\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"bad\.yaml line \d+"):
        load_lexicon([bad])
    wrong_kind = tmp_path / "kind.yaml"
    wrong_kind.write_text("topics:\n  - id: x\n    kind: planet\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"kind\.yaml line 2: kind 'planet'"):
        load_lexicon([wrong_kind])


def _topics_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "topics.yaml"
    path.write_text("topics:\n" + body, encoding="utf-8")
    return path


def test_alias_only_entry_keeps_the_topics_name_kind_and_hierarchy(tmp_path: Path) -> None:
    lex = load_lexicon([_topics_file(tmp_path, "  - {id: united-states, aliases: [Uncle Sam]}\n")])
    us = lex.topics["united-states"]
    assert (us.name, us.kind) == ("United States", "country")
    assert [m.topic for m in lex.find("Uncle Sam and Washington")] == ["united-states"] * 2


def test_broader_topics_and_their_ancestors(tmp_path: Path) -> None:
    path = _topics_file(
        tmp_path,
        "  - {id: arms-sales-taiwan, name: Arms sales to Taiwan, kind: issue,\n"
        "     broader: taiwan, aliases: [arms sales to Taiwan]}\n"
        "  - {id: f16-sales, name: F-16 sales, kind: issue, broader: [arms-sales-taiwan],\n"
        "     aliases: [F-16 sales]}\n",
    )
    lex = load_lexicon([path])
    assert lex.topics["arms-sales-taiwan"].broader == ("taiwan",)
    assert lex.ancestors("f16-sales") == ("arms-sales-taiwan", "taiwan")
    assert lex.ancestors("china") == ()


def test_bad_hierarchies_name_the_file_and_line(tmp_path: Path) -> None:
    unknown = _topics_file(tmp_path, "  - {id: x-topic, kind: issue, broader: taiwn}\n")
    with pytest.raises(
        SpecError,
        match=r"topics.yaml line 2: .*unknown broader topic 'taiwn' "
        r"\(closest: taiwan",
    ):
        load_lexicon([unknown])
    cycle = _topics_file(
        tmp_path,
        "  - {id: x-one, kind: issue, broader: x-two}\n"
        "  - {id: x-two, kind: issue, broader: x-one}\n",
    )
    with pytest.raises(SpecError, match=r"line [23]: topic 'x-(one|two)' is broader than itself"):
        load_lexicon([cycle])
    bad = _topics_file(tmp_path, "  - {id: x-one, kind: issue, broader: [1, 2]}\n")
    with pytest.raises(SpecError, match="'broader' must be a topic id or a list of topic ids"):
        load_lexicon([bad])


def test_builtin_hierarchy_is_valid(lex) -> None:  # type: ignore[no-untyped-def]
    from readout_diff.inputs.lexicon import check_hierarchy

    check_hierarchy(lex.topics, {})


def test_the_lexicon_pages_topics_example_loads_as_documented(tmp_path: Path) -> None:
    import re

    page = Path(__file__).resolve().parent.parent / "docs" / "lexicon.md"
    block = re.search(r"```yaml\n(topics:\n.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None
    path = tmp_path / "mine.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    lex = load_lexicon([path])
    assert lex.topics["united-states"].kind == "country"  # an alias-only entry keeps its kind
    assert lex.topics["deep-sea-mining"].broader == ("maritime-issues",)
    assert [m.topic for m in lex.find("Uncle Sam on seabed mining")] == [
        "united-states",
        "deep-sea-mining",
    ]


def test_people_are_persons_under_their_country_or_organisation(lex) -> None:  # type: ignore[no-untyped-def]
    people = [t for t in lex.topics.values() if t.kind == "person"]
    for person in people:
        assert person.broader, person.id
        assert {lex.topics[b].kind for b in person.broader} <= {"country", "organisation", "issue"}
    assert lex.topics["xi-jinping"].broader == ("china",)
    assert lex.topics["volodymyr-zelensky"].broader == ("ukraine",)
    text = "Xi, Putin, Lavrov, Zelensky, Zelenskyy, Blinken, Rubio and Wang Yi; Kyiv"
    assert [t for t, _ in found(lex, text)] == [
        "xi-jinping",
        "vladimir-putin",
        "sergey-lavrov",
        "volodymyr-zelensky",
        "volodymyr-zelensky",
        "antony-blinken",
        "marco-rubio",
        "wang-yi",
        "ukraine",
    ]


def test_common_surnames_alone_are_not_people(lex) -> None:  # type: ignore[no-untyped-def]
    assert found(lex, "Wang, Li, Lee, Kim and Sullivan met.") == []


def test_new_sub_topics_and_their_broader_topics(lex) -> None:  # type: ignore[no-untyped-def]
    assert [t for t, _ in found(lex, "the U.S. should stop arms sales to Taiwan")] == [
        "united-states",
        "taiwan-arms-sales",
    ]
    assert lex.ancestors("taiwan-arms-sales")[:2] == ("taiwan", "military-aid")
    assert "economic-cooperation" in lex.ancestors("tariffs")
    assert lex.ancestors("vaccines") == ("public-health",)
    assert "arms-control" in lex.ancestors("new-start")
    assert [t for t, _ in found(lex, "New START, vaccines, the G20 summit, COVAX")] == [
        "new-start",
        "vaccines",
        "g20-summit",
        "covax",
    ]
    assert found(lex, "the leadership of the Communist Party of China")[0][0] == "cpc-leadership"
    requested = found(lex, "the talks took place at the request of the US side")
    assert requested[0][0] == "call-initiator"


def test_known_false_positives_are_fixed(lex) -> None:  # type: ignore[no-untyped-def]
    # military coercion is not economic coercion; economic wording still is
    assert [t for t, _ in found(lex, "change the status quo by force or coercion")] == [
        "status-quo"
    ]
    assert found(lex, "they oppose economic coercion")[0][0] == "economic-coercion"
    # the victory in the Second World War is not the anniversary of diplomatic relations
    assert found(lex, "the 80th anniversary of the victory")[0][0] == "victory-anniversary"
    assert found(lex, "the 75th anniversary of diplomatic relations")[0][0] == "anniversary"
    # a joint statement's own title is not the topic; issuing one is
    assert found(lex, "Joint Statement on the Economic and Trade Meeting") == [
        ("trade", "Economic and Trade")
    ]
    assert found(lex, "The two sides issued a joint statement")[0][0] == "joint-statement"
    assert [t for t, _ in found(lex, "inject new energy into the relationship")] == [
        "relationship-momentum"
    ]
    assert found(lex, "the trade truce")[0][0] == "tariffs"
    assert found(lex, "a Bilateral Trade Agreement")[0][0] == "trade-deal"
    assert found(lex, "nuclear power plant")[0][0] == "energy"


def test_a_users_alias_moves_as_detection_matches_it(tmp_path: Path) -> None:
    path = _topics_file(
        tmp_path,
        "  - {id: x-strait, name: The Strait, kind: region, aliases: [Taiwan-Strait]}\n"
        "  - {id: x-pronoun, name: Pronoun, kind: concept, aliases: [us]}\n",
    )
    lex = load_lexicon([path])
    # "Taiwan-Strait" is the built-in "Taiwan Strait" alias: it moves to the user's topic
    assert [m.topic for m in lex.find("They discussed the Taiwan Strait.")] == ["x-strait"]
    # "us" is not the case-sensitive "US": the United States keeps it
    assert [m.topic for m in lex.find("The US met us.")] == ["united-states", "x-pronoun"]
    # the move is said, naming the built-in topic the alias leaves (and only that one)
    assert lex.warnings == (
        f"{path} line 2: alias 'Taiwan Strait' moves from the built-in topic 'taiwan' "
        "to 'x-strait'",
    )


def test_a_users_new_alias_moves_nothing_and_warns_of_nothing(tmp_path: Path) -> None:
    path = _topics_file(tmp_path, "  - {id: x-deep, name: Deep sea, aliases: [deep sea]}\n")
    assert load_lexicon([path]).warnings == ()


@pytest.mark.parametrize("value", ['"no"', '"false"', "off-ish", "[a]", "1", "null"])
def test_replace_aliases_takes_a_yaml_boolean_only(tmp_path: Path, value: str) -> None:
    entry = f"  - id: gaza\n    replace_aliases: {value}\n    aliases: [Gaza Envelope]\n"
    with pytest.raises(SpecError, match=r"topic 'gaza': 'replace_aliases' must be true or false"):
        load_lexicon([_topics_file(tmp_path, entry)])


def test_replace_aliases_false_adds_and_true_replaces(tmp_path: Path) -> None:
    for value, kept in (("false", True), ("no", True), ("true", False)):
        entry = f"  - id: gaza\n    replace_aliases: {value}\n    aliases: [Gaza Envelope]\n"
        (tmp_path / value).mkdir()
        lex = load_lexicon([_topics_file(tmp_path / value, entry)])
        assert ("Gaza" in lex.topics["gaza"].aliases["en"]) is kept


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{id: Deep Sea, aliases: [deep sea]}", "topic id 'Deep Sea' must be lower case words"),
        ("{id: deep-sea, name: [Deep, sea], aliases: [x]}", "'name' must be text"),
    ],
)
def test_a_topic_needs_a_plain_id_and_a_text_name(tmp_path: Path, entry: str, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        load_lexicon([_topics_file(tmp_path, f"  - {entry}\n")])
