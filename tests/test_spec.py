"""The one meeting spec parser (`readout_diff.inputs.spec`): meeting.yaml, manifests and front
matter share its rules, and every rule's error is asserted word for word."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED
from typer.testing import CliRunner

from readout_diff.cli import app
from readout_diff.errors import SpecError
from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.inputs.manifest import find_batch
from readout_diff.inputs.read import load_meeting, load_readout
from readout_diff.inputs.spec import MeetingSpec, ReadoutSpec, read_meeting_folder
from readout_diff.workflows.check import check_meeting

BODY = "China and Russia discussed trade and Iran.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    m = tmp_path / "m"
    m.mkdir()
    (m / "a.txt").write_text(BODY, "utf-8")
    (m / "b.txt").write_text("Russia and China met on Iran.\n", "utf-8")
    return m


def meeting_error(folder: Path, text: str) -> str:
    (folder / "meeting.yaml").write_text(text, "utf-8")
    with pytest.raises(SpecError) as e:
        load_meeting(str(folder))
    return str(e.value)


def test_a_typo_in_a_readout_key_of_meeting_yaml_is_an_error_with_did_you_mean(
    folder: Path,
) -> None:
    """Repro: `lable:` was silently ignored in meeting.yaml, so the label fell back to the
    file name with no word of warning."""
    text = "title: T\nreadouts:\n  - {file: a.txt, lable: China MFA}\n  - b.txt\n"
    assert meeting_error(folder, text) == (
        f"{folder / 'meeting.yaml'} line 3: unknown readout key 'lable' (did you mean 'label'?; "
        "known: file, label, date, url, speakers, encoding, party, language, partial)"
    )


def test_a_typo_in_a_meeting_key_names_its_own_line(folder: Path) -> None:
    text = "title: T\ndate: 2025-07-13\npartcipants: [china]\nreadouts: [a.txt, b.txt]\n"
    assert meeting_error(folder, text) == (
        f"{folder / 'meeting.yaml'} line 3: unknown meeting key 'partcipants' (did you mean "
        "'participants'?; known: title, date, participants, readouts, modelled_on)"
    )


def test_a_key_without_a_close_match_lists_the_known_keys(folder: Path) -> None:
    assert meeting_error(folder, "readouts: [a.txt, b.txt]\nsource: web\n").endswith(
        "line 2: unknown meeting key 'source' (known: title, date, participants, readouts, "
        "modelled_on)"
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{file: a.txt, label: [a, b]}", "'label' must be a single value, not a list"),
        ("{file: a.txt, label: {x: 1}}", "'label' must be a single value, not a mapping"),
        ('{file: a.txt, label: "two\\nlines"}', "'label' must be on one line"),
        ("{file: a.txt, speakers: [[Wang Yi]]}", "'speakers' must be a list of names"),
        ("{file: [a.txt]}", "each readout needs a 'file'"),
        ("{file: ''}", "each readout needs a 'file'"),
        (
            '{file: a.txt, speakers: "Wang\\nYi"}',
            "'speakers' must be a list of names (for one: [Wang Yi])",
        ),
    ],
)
def test_wrong_types_name_the_file_and_line(folder: Path, entry: str, message: str) -> None:
    """Repro: `label: [a, b]` became the label "['a', 'b']"."""
    text = f"readouts:\n  - b.txt\n  - {entry}\n"
    assert meeting_error(folder, text) == f"{folder / 'meeting.yaml'} line 3: {message}"


def test_readouts_are_2_to_26(folder: Path) -> None:
    many = "readouts: [" + ", ".join(["a.txt"] * 27) + "]\n"
    assert meeting_error(folder, many).endswith(
        "line 1: 'readouts' must list 2 to 26 readout files"
    )


def test_a_duplicate_key_in_meeting_yaml_is_an_error_naming_its_line(folder: Path) -> None:
    text = "title: T\nreadouts: [a.txt, b.txt]\nreadouts: [b.txt, a.txt]\n"
    assert meeting_error(folder, text) == (
        f"{folder / 'meeting.yaml'} line 3: duplicate key 'readouts' (first on line 2)"
    )


def test_x_keys_and_modelled_on_are_free_form_everywhere(folder: Path) -> None:
    (folder / "meeting.yaml").write_text(
        "title: T\nmodelled_on: public readouts, paraphrased\nx-reviewer: {name: A}\n"
        "readouts:\n  - {file: a.txt, x-note: first}\n  - b.txt\n",
        "utf-8",
    )
    assert [r.label for r in load_meeting(str(folder)).readouts] == ["a", "b"]
    (folder / "c.txt").write_text("---\nlabel: C\nx-source: notes\n---\n" + BODY, "utf-8")
    assert load_readout(str(folder / "c.txt"), rid="a").label == "C"
    manifest = folder / "list.yaml"
    manifest.write_text(
        "x-owner: me\nmeetings:\n  - {id: m1, x-tag: 1, readouts: [a.txt, b.txt]}\n", "utf-8"
    )
    assert [m.id for m in find_batch(manifest)] == ["m1"]


def test_a_typo_in_front_matter_has_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\nlable: China MFA\n---\n" + BODY, "utf-8")
    with pytest.raises(SpecError) as e:
        load_readout(str(path), rid="a")
    assert str(e.value) == (
        f"{path} (front matter) line 2: unknown front matter key 'lable' (did you mean "
        "'label'?; known: date, label, participants, speakers, title, url, party, language)"
    )


def test_a_manifest_meeting_with_two_readouts_keys_is_refused(tmp_path: Path) -> None:
    """Repro: the second `readouts:` list was silently compared instead of the first."""
    manifest = tmp_path / "list.yaml"
    manifest.write_text(
        "meetings:\n  - id: m1\n    readouts: [a.txt, b.txt]\n    readouts: [c.txt, d.txt]\n",
        "utf-8",
    )
    r = CliRunner().invoke(app, ["batch", str(manifest)])
    assert r.exit_code == 2
    assert r.stderr == (
        f"readout-diff: error: {manifest} line 4: duplicate key 'readouts' (first on line 3)\n"
    )


def test_meeting_yaml_and_a_manifest_meeting_give_the_same_spec(tmp_path: Path) -> None:
    body = (
        "title: T\ndate: 2025-07-13\nparticipants: [china, russia]\nreadouts:\n"
        "  - {file: a.txt, label: A, speakers: [Wang Yi], encoding: cp1252}\n  - b.txt\n"
    )
    folder = tmp_path / "m1"
    folder.mkdir()
    (folder / "meeting.yaml").write_text(body, "utf-8")
    indented = "".join("    " + line + "\n" for line in body.splitlines())
    (tmp_path / "list.yaml").write_text("meetings:\n  - id: m1\n" + indented, "utf-8")
    from_folder = read_meeting_folder(folder)
    [from_manifest] = find_batch(tmp_path / "list.yaml")
    readouts = (
        ReadoutSpec(str(folder / "a.txt"), "A", speakers=("Wang Yi",), encoding="cp1252"),
        ReadoutSpec(str(folder / "b.txt")),
    )
    assert from_folder == MeetingSpec(
        "m1", str(folder), "T", "2025-07-13", ("china", "russia"), readouts
    )
    # The same, but for the id's origin and the folder paths start from (the manifest's).
    assert from_manifest.readouts[0].file == str(tmp_path / "a.txt")
    assert from_manifest.folder is None
    assert (from_manifest.title, from_manifest.date, from_manifest.participants) == (
        "T",
        "2025-07-13",
        ("china", "russia"),
    )


def test_a_duplicate_key_in_expected_yaml_fails_the_meeting(tmp_path: Path) -> None:
    import shutil

    meeting = tmp_path / "m"
    shutil.copytree(SEED, meeting)
    (meeting / "expected.yaml").write_text("topics: {}\nclaims: {}\ntopics: {}\n", "utf-8")
    with pytest.raises(SpecError, match=r"expected\.yaml line 3: duplicate key 'topics' \("):
        check_meeting(meeting, load_lexicon())


def test_a_duplicate_key_in_a_topics_file_is_refused(tmp_path: Path) -> None:
    topics = tmp_path / "t.yaml"
    topics.write_text("topics:\n  - id: x\n    name: X\n    name: Y\n", "utf-8")
    with pytest.raises(
        SpecError, match=r"t\.yaml line 4: duplicate key 'name' \(first on line 3\)"
    ):
        load_lexicon([topics])
