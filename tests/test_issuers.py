"""The issuer table, data/issuers.yaml (inputs.issuers): strict, and true to the lexicon."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from readout_diff.errors import SpecError
from readout_diff.inputs.issuers import ISSUERS_KEYS, builtin_issuers_path, load_issuers
from readout_diff.inputs.lexicon import load_lexicon


def schema() -> dict:  # type: ignore[type-arg]
    path = resources.files("readout_diff") / "data" / "schemas" / "issuers.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_shipped_table_names_parties_of_the_lexicon_and_validates() -> None:
    lexicon = load_lexicon()
    table = load_issuers()
    for party in [*table.issuers, *table.titles]:
        assert lexicon.topics[party].kind in ("country", "organisation"), party
    data = yaml.safe_load(builtin_issuers_path().read_text(encoding="utf-8"))
    jsonschema.validate(data, schema())
    assert set(schema()["properties"]) == set(ISSUERS_KEYS)


def test_no_phrase_belongs_to_two_parties() -> None:
    table = load_issuers()
    for kind in (table.issuers, table.titles):
        seen: dict[str, str] = {}
        for party, phrases in kind.items():
            for p in phrases:
                assert seen.setdefault(p.casefold(), party) == party, p


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("issuers: {china: Xinhua}\n", "'china' must be a list of names"),
        ("isuers: {}\n", "unknown key 'isuers'"),
        ("- a\n", "expected a mapping"),
        ("own_titles: the President\n", "'own_titles' must be a list of titles"),
        ("own_titles: ['']\n", "'own_titles' must be a list of titles"),
        ("own_titles: {}\n", "'own_titles' must be a list of titles"),
        ("own_titles: false\n", "'own_titles' must be a list of titles"),
    ],
)
def test_a_bad_table_is_a_one_line_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "issuers.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(SpecError, match=message):
        load_issuers(str(path))


def test_the_plain_text_test_before_a_tables_pattern_changes_no_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issuers.find skips a table's pattern when an ASCII text holds none of its phrases
    (lower-cased): the same answers as running every pattern, case and odd letters included."""
    from readout_diff.core import phrase_tables

    issuers = load_issuers().with_people({"Wang Yi": "china", "Recep Tayyip Erdoğan": "turkey"})
    issuers = issuers.for_readout("united-states", "The President spoke.", load_lexicon())
    texts = [
        "The SECRETARY met Wang Yi at the State Department.",
        "the Secretary-General and the Secretary of State",
        "Élysée and ELYSEE and the \u212aing",  # the Kelvin sign is a "k" to re
        "mea culpa: MEA said, the team (EAM) and Xinhua",
        "Erdoğan and ERDOĞAN; the president; The President of Russia",
        "nothing of the sort",
    ]
    fast = [issuers.find(t) for t in texts] + [issuers.find(t, titles=False) for t in texts]
    monkeypatch.setattr(phrase_tables, "absent", lambda needles, low: False)
    assert fast == [issuers.find(t) for t in texts] + [issuers.find(t, titles=False) for t in texts]
    assert any(fast) and not fast[5]


def test_the_speakers_names_apart_from_the_titles_find_what_one_table_of_both_found() -> None:
    """with_people keeps the meeting's speakers in a table of their own (the titles' is then
    compiled once per process): where a name and a title overlap, or a phrase is in both, the
    answers are those of one table holding both, as before the split."""
    from readout_diff.core.parties import Issuers

    base = load_issuers()
    people = {"Wang Yi": "china", "Anna Secretary": "germany", "Foreign Secretary": "france"}
    split = base.with_people(people)
    one = Issuers(
        base.issuers,
        {
            p: (*base.titles.get(p, ()), *split.people.get(p, ()))
            for p in {*base.titles, *split.people}
        },
        base.own_titles,
    )
    assert split.titles == base.titles and split.people  # the titles' table is untouched
    texts = [
        "The Foreign Secretary met Wang Yi and Wang.",  # a name that is a title of another party
        "Anna Secretary of State spoke with the Secretary of State.",  # a name inside a title
        "Wang met the Secretary; Yi and Anna spoke.",
        "the Foreign Secretary-General",  # no match at all: not inside a longer title
    ]
    for text in texts:
        assert split.find(text) == one.find(text), text
    assert any(split.find(t) for t in texts)
