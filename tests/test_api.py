"""The library API: everything the CLI does is a function, with errors a script can catch."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SEED
from typer.testing import CliRunner

import readout_diff
from readout_diff import (
    ExitCode,
    Readout,
    ReadoutDiffError,
    SpecError,
    UsageError,
    compare,
    compare_paths,
    load_lexicon,
    render,
    update_expectations,
)
from readout_diff.cli import app
from readout_diff.exit_codes import exit_code

CHINA = "Wang Yi met Sergei Lavrov. They discussed the Ukraine crisis and Iran's nuclear issue.\n"
RUSSIA = "Lavrov held talks with Wang Yi. They discussed the Ukraine crisis and Gaza.\n"


def test_from_text_readouts_get_ids_in_order_and_compare_like_files(tmp_path: Path) -> None:
    result = compare([Readout.from_text(CHINA, "China MFA"), Readout.from_text(RUSSIA, "Russia")])
    assert [(r.id, r.label) for r in result.readouts] == [("a", "China MFA"), ("b", "Russia")]
    (tmp_path / "c.txt").write_text(CHINA, encoding="utf-8")
    (tmp_path / "r.txt").write_text(RUSSIA, encoding="utf-8")
    from_files = compare_paths([str(tmp_path / "c.txt"), str(tmp_path / "r.txt")])
    assert [t.id for t in result.topics] == [t.id for t in from_files.topics]
    gaza = next(t for t in result.topics if t.id == "gaza")
    assert gaza.present_in == ("b",) and gaza.missing_from == ("a",)


def test_an_explicit_id_is_kept_and_the_others_take_the_free_letters() -> None:
    result = compare([Readout.from_text(CHINA, "C", "b"), Readout.from_text(RUSSIA, "R")])
    assert [r.id for r in result.readouts] == ["b", "a"]
    assert result.readout("a").claims[0].id == "a1"


@pytest.mark.parametrize(
    ("readouts", "message"),
    [
        (["x", "y"], "takes a list of Readout objects"),
        ("xy", "takes a list of Readout objects"),
        ([Readout.from_text(CHINA, "C", "a"), Readout.from_text(RUSSIA, "R", "a")], "id 'a'"),
        ([Readout.from_text(CHINA, "C", "china"), Readout.from_text(RUSSIA)], "one lower-case"),
        ([Readout.from_text(CHINA, "C", "A"), Readout.from_text(RUSSIA)], "one lower-case"),
        ([Readout.from_text(CHINA)], "at least two readouts"),
    ],
)
def test_bad_readout_lists_are_refused_with_a_message(readouts: object, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        compare(readouts)  # type: ignore[arg-type]


def test_readout_and_claim_lookups_raise_key_error() -> None:
    result = compare([Readout.from_text(CHINA), Readout.from_text(RUSSIA)])
    with pytest.raises(KeyError):
        result.readout("z")
    with pytest.raises(KeyError):
        result.claim("z1")


def test_render_is_the_renderers_registry_by_name() -> None:
    result = compare([Readout.from_text(CHINA, "China"), Readout.from_text(RUSSIA, "Russia")])
    markdown = render(result, "markdown")
    assert markdown.startswith("#") and "Gaza" in markdown
    assert render(result, "json") == render(result, readout_diff.Format.json)
    with pytest.raises(UsageError, match="unknown report format 'pdf'"):
        render(result, "pdf")


def test_errors_carry_no_exit_code_the_cli_maps_them() -> None:
    error = UsageError("x")
    assert not hasattr(error, "exit_code")
    assert exit_code(error) is ExitCode.USAGE
    assert isinstance(error, ReadoutDiffError)


def test_exit_codes_follow_the_error_class(monkeypatch: pytest.MonkeyPatch) -> None:
    """exit_code reads the error's class: a subclass takes its nearest mapped base's code."""
    from readout_diff import exit_codes
    from readout_diff.workflows.check_spec import SampleError

    monkeypatch.setitem(exit_codes.EXIT_CODES, SpecError, ExitCode.DIFFERENCES)
    assert exit_code(SampleError("x")) is ExitCode.DIFFERENCES  # a SpecError subclass
    assert exit_code(UsageError("x")) is ExitCode.USAGE


def test_an_edited_topics_file_is_read_again(tmp_path: Path) -> None:
    topics = tmp_path / "topics.yaml"
    topics.write_text(
        "topics:\n  - {id: pandas, name: Panda diplomacy, kind: concept, aliases: {en: [panda]}}\n",
        encoding="utf-8",
    )
    assert "pandas" in load_lexicon([topics]).topics
    topics.write_text(
        "topics:\n  - {id: koalas, name: Koala diplomacy, kind: concept, aliases: {en: [koala]}}\n",
        encoding="utf-8",
    )
    stat = topics.stat()
    os.utime(topics, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    edited = load_lexicon([topics])
    assert "koalas" in edited.topics and "pandas" not in edited.topics


def test_save_writes_nothing_when_the_options_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["compare", str(SEED), "-l", "X", "--save", str(out)])
    assert r.exit_code == ExitCode.USAGE
    assert "--label cannot be used with a meeting folder" in r.stderr
    assert not out.exists()
    again = CliRunner().invoke(app, ["compare", str(SEED), "--save", str(out), "-f", "json"])
    assert again.exit_code == 0, again.output
    assert (out / "meeting.yaml").is_file()


def test_compare_paths_save_is_a_meeting_folder_that_gives_the_same_result(
    tmp_path: Path,
) -> None:
    first = compare_paths([str(SEED)], save=tmp_path / "saved")
    second = compare_paths([str(tmp_path / "saved")])
    assert [t.to_dict()["in"] for t in first.topics] == [t.to_dict()["in"] for t in second.topics]
    assert [r.claims for r in first.readouts] == [r.claims for r in second.readouts]
    assert first.alignment == second.alignment


def test_update_expectations_reports_each_file(tmp_path: Path) -> None:
    meeting = tmp_path / "m"
    shutil.copytree(SEED, meeting)
    lexicon = load_lexicon()
    (kept,) = update_expectations([meeting], lexicon)
    assert kept.status == "kept" and kept.diff == ""
    (meeting / "expected.yaml").unlink()
    (written,) = update_expectations([meeting], lexicon)
    assert written.status == "written" and "+topics:" in written.diff
    (same,) = update_expectations([meeting], lexicon, force=True)
    assert same.status == "unchanged"


def test_compare_paths_refuses_one_path_given_as_a_string() -> None:
    with pytest.raises(UsageError, match="takes a list of paths"):
        compare_paths(str(SEED))  # type: ignore[arg-type]


def test_no_topic_at_all_is_not_every_topic_everywhere() -> None:
    result = compare([Readout.from_text("They met.", "A"), Readout.from_text("They talked.", "B")])
    for fmt in ("markdown", "terminal", "html"):
        text = render(result, fmt)
        assert "No topic from the lexicon is mentioned." in text
        assert "Every topic is mentioned" not in text
