from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import SEED
from typer.testing import CliRunner

from readout_diff.cli import app
from readout_diff.errors import SpecError
from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.workflows.check import SampleError, check_meeting, check_meetings, find_meetings

runner = CliRunner()
LEX = load_lexicon()


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    folder = tmp_path / "m"
    shutil.copytree(SEED, folder)
    return folder


def write_expected(folder: Path, text: str) -> None:
    (folder / "expected.yaml").write_text(text, encoding="utf-8")


def test_seed_sample_passes() -> None:
    result = check_meeting(SEED, LEX)
    assert result.passed, [o for o in result.outcomes if o.status == "fail"]
    kinds = {o.kind for o in result.outcomes}
    assert {"topic", "aligned", "unmatched"} <= kinds


def test_removing_an_alias_fails_with_the_missed_topic_and_evidence(meeting: Path) -> None:
    # Break the lexicon on purpose: "Gaza Strip" is then not recognised as Gaza.
    extra = meeting / "broken.yaml"
    extra.write_text(
        "topics:\n  - id: gaza\n    replace_aliases: true\n    aliases: {en: [Gaza Envelope]}\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["check", str(meeting), "--topics", str(extra), "--width", "200"])
    assert r.exit_code == 1, r.output
    assert "FAIL" in r.output and "gaza" in r.output
    assert "not detected in b" in r.output
    assert "(not recognised):" in r.output and "Gaza Strip" in r.output  # the evidence


def test_unknown_topic_is_bad_input_with_suggestions(meeting: Path) -> None:
    write_expected(meeting, "topics:\n  united-state: {in: [b], missing_from: [a]}\n")
    with pytest.raises(SampleError, match="unknown topic 'united-state'.*united-states"):
        check_meeting(meeting, LEX)


def test_fragment_matching_several_claims_is_bad_input(meeting: Path) -> None:
    write_expected(meeting, "claims:\n  unmatched:\n    - {b: 'the'}\n")
    with pytest.raises(SampleError, match=r"matches \d+ claims of b"):
        check_meeting(meeting, LEX)


def test_known_failure_is_reported_as_such_and_a_pass_is_not_hidden(meeting: Path) -> None:
    write_expected(
        meeting,
        "topics:\n"
        "  gaza: {in: [a, b], known_failure: 'demo: a never names Gaza'}\n"
        "  united-states: {in: [b], missing_from: [a], known_failure: 'demo: passes'}\n",
    )
    result = check_meeting(meeting, LEX)
    status = {o.name.split(":")[0]: o.status for o in result.outcomes if o.kind == "topic"}
    assert status == {"gaza": "known-failure", "united-states": "fail"}


def test_unexpected_topic_fails(meeting: Path) -> None:
    write_expected(meeting, "topics: {}\n")
    result = check_meeting(meeting, LEX)
    assert any(o.kind == "unexpected" and o.name.startswith("gaza") for o in result.outcomes)
    assert not result.passed


def test_empty_samples_folder_and_folder_without_meeting_yaml(tmp_path: Path) -> None:
    with pytest.raises(
        SpecError, match=r": no meeting folders in it \(each needs a meeting.yaml\)$"
    ):
        find_meetings([str(tmp_path)])
    # As in batch, a sub-folder without meeting.yaml is listed, and fails as that meeting.
    (tmp_path / "x").mkdir()
    assert find_meetings([str(tmp_path)]) == [tmp_path / "x"]
    r = runner.invoke(app, ["check", str(tmp_path), "-f", "json"])
    assert r.exit_code == 2
    [meeting] = json.loads(r.stdout)["meetings"]
    assert meeting["error"] == f"{tmp_path / 'x' / 'meeting.yaml'}: no such file"


def test_select_json_and_junit(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    r = runner.invoke(
        app, ["check", str(SEED.parent), "-k", "wang-lavrov", "-f", "json", "--junit", str(junit)]
    )
    assert r.exit_code == 0, r.output
    assert '"passed": true' in r.stdout
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == SEED.name
    assert int(suite.get("tests", "0")) > 5 and suite.get("failures") == "0"


def test_update_writes_missing_expectations_and_keeps_existing(meeting: Path) -> None:
    (meeting / "expected.yaml").unlink()
    r = runner.invoke(app, ["check", str(meeting), "--update"])
    assert r.exit_code == 0, r.output
    written = (meeting / "expected.yaml").read_text(encoding="utf-8")
    assert "Review every line" in written and "gaza" in written
    assert "attributions:" in written and "speaker: joint" in written
    assert check_meeting(meeting, LEX).passed  # a snapshot of the output passes by definition
    write_expected(meeting, "# hand-written\ntopics: {}\n")
    r = runner.invoke(app, ["check", str(meeting), "--update"])
    assert "kept" in r.output
    assert (meeting / "expected.yaml").read_text(encoding="utf-8").startswith("# hand-written")
    r = runner.invoke(app, ["check", str(meeting), "--update", "--force"])
    assert r.exit_code == 0 and "+topics:" in r.output


BAD_TYPES = [
    ("absent_topics: 5\n", "line 1: 'absent_topics' must be a list of topic ids"),
    ("absent_topics: [{x: 1}]\n", "line 1: 'absent_topics' must be a list of topic ids"),
    ("absent_topics: tibet\n", "line 1: 'absent_topics' must be a list of topic ids"),
    ("topics:\n  ukraine: {in: 5}\n", "line 2: 'in' must be a list of readout ids"),
    ("topics:\n  ukraine: {in: [a], known_failure: 3}\n", "line 2: 'known_failure' must be"),
    ("claims: {aligned: 5}\n", "line 1: 'aligned' must be a list of entries"),
    ("claims:\n  unmatched:\n    - {a: [x]}\n", "line 3: 'a' must be text"),
    ("claims:\n  aligned:\n    - {a: x, b: y, kind: 2}\n", "line 3: 'kind' must be match"),
]


@pytest.mark.parametrize(("text", "message"), BAD_TYPES)
def test_wrong_types_are_one_meetings_error_and_the_run_goes_on(
    tmp_path: Path, text: str, message: str
) -> None:
    shutil.copytree(SEED, tmp_path / "bad")
    shutil.copytree(SEED, tmp_path / "good")
    write_expected(tmp_path / "bad", text)
    junit = tmp_path / "j.xml"
    r = runner.invoke(app, ["check", str(tmp_path), "--junit", str(junit), "-f", "json"])
    assert r.exit_code == 2, r.output
    doc = json.loads(r.stdout)
    by_name = {m["meeting"]: m for m in doc["meetings"]}
    assert message in by_name["bad"]["error"] and "bad/expected.yaml" in by_name["bad"]["error"]
    assert by_name["good"]["passed"] and by_name["good"]["outcomes"]
    assert ET.parse(junit).getroot().find("testsuite[@name='good']") is not None


def test_absent_topics_names_known_topics(meeting: Path) -> None:
    write_expected(meeting, "topics: {}\nabsent_topics: [tibett]\n")
    with pytest.raises(SampleError, match=r"line 2: unknown topic 'tibett' \(closest: tibet"):
        check_meeting(meeting, LEX)


def test_fragment_matching_no_claim_fails_that_expectation_only(meeting: Path) -> None:
    # A readout edited after its expectations were written: the known failure's fragment and
    # a plain one match nothing now; each is a failure naming its fragment, the rest still run.
    good = (SEED / "expected.yaml").read_text(encoding="utf-8")
    edited = good.replace("the steadiest, most mature", "the calmest, most mature").replace(
        "fully supports China's chairmanship", "fully backs China's chairmanship"
    )
    assert edited.count("the calmest") == edited.count("fully backs") == 1
    write_expected(meeting, edited)
    result = check_meeting(meeting, LEX)
    assert result.error is None
    failed = [o for o in result.outcomes if o.status == "fail"]
    lines = edited.splitlines()
    calm = next(i for i, line in enumerate(lines, 1) if "the calmest" in line)
    backs = next(i for i, line in enumerate(lines, 1) if "fully backs" in line)
    assert [o.found for o in failed] == [
        f"{meeting / 'expected.yaml'} line {calm}: fragment 'the calmest, most mature and most "
        "strategically significant' matches no claim of a",
        f"{meeting / 'expected.yaml'} line {backs}: fragment \"fully backs China's chairmanship of "
        'the SCO" matches no claim of a',
    ]
    assert sum(o.status == "ok" for o in result.outcomes) > 20
    r = runner.invoke(app, ["check", str(meeting), "-f", "json"])
    assert r.exit_code == 1, r.output


def test_ids_are_words_not_python_lists_and_quiet_shows_failures_only(meeting: Path) -> None:
    # gaza, said to be in both, is only in b: a failure; the seed has known failures too.
    text = (SEED / "expected.yaml").read_text(encoding="utf-8")
    write_expected(
        meeting, text.replace("gaza: {in: [b], missing_from: [a]}", "gaza: {in: [a, b]}")
    )
    junit = meeting.parent / "j.xml"
    r = runner.invoke(app, ["check", str(meeting), "-f", "json", "--junit", str(junit)])
    assert r.exit_code == 1, r.output
    gaza = next(o for o in json.loads(r.stdout)["meetings"][0]["outcomes"] if "gaza" in o["name"])
    assert gaza["expected"] == "in a, b; missing from -"
    assert gaza["found"].startswith("in b; not detected in a")
    messages = [f.get("message", "") for f in ET.parse(junit).iter("failure")]
    assert "expected in a, b; missing from -; found in b; not detected in a" in messages
    assert not any("[" in m for m in messages)
    full = runner.invoke(app, ["check", str(meeting), "--width", "200"]).stdout
    quiet = runner.invoke(app, ["check", str(meeting), "--width", "200", "-q"])
    assert quiet.exit_code == 1
    assert "KNOWN FAILURE" in full and "readout-diff check" in full
    assert "KNOWN FAILURE" not in quiet.stdout and "readout-diff check" not in quiet.stdout
    assert quiet.stdout.startswith("\nFAIL m [topic] gaza: in a,b, missing from -\n")
    assert quiet.stdout.endswith("\n0 of 1 meeting passed (1 known failure)\n")
    assert quiet.stdout.count("\n") < full.count("\n") / 2


def test_control_characters_in_a_readout_leave_junit_parseable(meeting: Path) -> None:
    russia = meeting / "russia-mfa.txt"
    text = russia.read_text(encoding="utf-8")
    russia.write_text(text.replace("Gaza Strip", "Gaza\x1b]0;TITLE\x07 Strip\x1b[31m"), "utf-8")
    expected = (SEED / "expected.yaml").read_text(encoding="utf-8")
    write_expected(
        meeting,
        expected.replace(
            "gaza: {in: [b], missing_from: [a]}", "gaza: {in: [a], missing_from: [b]}"
        ),
    )
    junit = meeting.parent / "j.xml"
    r = runner.invoke(app, ["check", str(meeting), "--junit", str(junit), "--width", "300"])
    assert r.exit_code == 1, r.output
    assert "\x1b" not in r.stdout and "Gaza\\x1b]0;TITLE\\x07 Strip" in r.stdout
    failure = next(f for f in ET.parse(junit).iter("failure") if "Gaza" in (f.text or ""))
    assert "Gaza\\x1b]0;TITLE\\x07 Strip\\x1b[31m" in (failure.text or "")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{}", "needs 'in', the readouts that name it"),
        ("{in: []}", "needs 'in', the readouts that name it"),
        ("{in: [a], missing_from: [a, b]}", "has readout 'a' in and missing_from"),
        ("{in: [b]}", "must put readout 'a' in 'in' or 'missing_from'"),
    ],
)
def test_a_topic_entry_must_say_where_it_is_and_is_not(
    meeting: Path, entry: str, message: str
) -> None:
    good = (SEED / "expected.yaml").read_text(encoding="utf-8")
    write_expected(meeting, good.replace("topics:\n", f"topics:\n  fentanyl: {entry}\n", 1))
    result = check_meetings([meeting], LEX)[0]
    assert result.error is not None and message in result.error
