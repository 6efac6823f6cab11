"""The countries generated from ISO 3166-1 at build time (readout_diff/inputs/generate.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from readout_diff.core.topics import Lexicon, Topic
from readout_diff.errors import SpecError
from readout_diff.inputs import generate
from readout_diff.inputs.lexicon import load_lexicon


def test_regenerating_gives_the_committed_file() -> None:
    pycountry = pytest.importorskip("pycountry", reason="pycountry (the `test` extra) is needed")
    from importlib.metadata import version

    if version("pycountry") != generate.PYCOUNTRY:
        pytest.skip(f"pycountry {version('pycountry')} is not the pinned {generate.PYCOUNTRY}")
    assert pycountry.countries
    assert generate.build() == generate.GENERATED.read_text("utf-8"), (
        "data/topics.generated.yaml is stale: run `python -m readout_diff.inputs.generate` "
        "and `python -m readout_diff.inputs.lexicon --build-index`"
    )


@pytest.mark.parametrize(
    ("iso", "names"),
    [
        ("Korea, Republic of", ["Republic of Korea"]),
        ("Congo, The Democratic Republic of the", ["Democratic Republic of the Congo"]),
        ("Virgin Islands, British", ["British Virgin Islands"]),
        ("Holy See (Vatican City State)", ["Vatican City State", "Holy See"]),
        ("Saint Martin (French part)", ["Saint Martin"]),
        ("Bonaire, Sint Eustatius and Saba", []),  # a list, not an inversion
        ("Namibia", ["Namibia"]),
    ],
)
def test_iso_names_read_as_aliases(iso: str, names: list[str]) -> None:
    assert list(generate.iso_names(iso)) == names


def _country(code: str, name: str, **more: str) -> SimpleNamespace:
    return SimpleNamespace(alpha_2=code, name=name, **more)


def test_a_generated_alias_colliding_with_a_hand_written_one_names_both() -> None:
    hand = Lexicon([Topic("lome-convention", "Lomé Convention", "issue", {"en": ("Lome",)})])
    forms = {"forms": {"TG": ["Lomé"]}}  # its ASCII form "Lome" is the hand-written alias
    with pytest.raises(
        SpecError,
        match=r"generated alias 'Lome' of togo collides with the hand-written alias 'Lome' "
        r"of lome-convention",
    ):
        generate.generated_topics([_country("TG", "Togo")], forms, hand)


def test_a_country_the_hand_written_topics_name_is_not_generated() -> None:
    hand = Lexicon([Topic("namibia", "Namibia", "country", {"en": ("Namibia",)})])
    made = generate.generated_topics(
        [_country("NA", "Namibia"), _country("TG", "Togo", official_name="Togolese Republic")],
        {"forms": {"TG": ["Togolese", "Lomé"]}},
        hand,
    )
    assert [(t.id, t.aliases["en"]) for t in made] == [
        ("togo", ("Togo", "Togolese Republic", "Togolese", "Lomé", "Lome"))
    ]


def test_generated_countries_are_part_of_the_built_in_lexicon() -> None:
    lex = load_lexicon()
    text = "Ministers from Namibia and Côte d'Ivoire met in Lomé; the Malagasy side joined."
    assert [m.topic for m in lex.find(text)] == ["namibia", "cote-divoire", "togo", "madagascar"]
    assert lex.topics["togo"].kind == "country"
