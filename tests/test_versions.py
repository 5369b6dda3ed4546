"""Corrections of a released week: each one a version in autograder/<id>/versions.json (what changed,
when, why), and a regrade after one says whose score changed and with which version."""
from __future__ import annotations

import copy
import csv
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from nnlab import regrade
from nnlab.cli import main
from nnlab.course import Course
from nnlab.gradebook import MIGRATIONS, SCHEMA_VERSION, CaseResult, Gradebook, SubmissionResult
from nnlab.judge_variants import variant_answer
from nnlab.mistakes import known_mistakes
from nnlab.release import drift, release
from nnlab.versions import Version, changes, current, state, tolerance, versions
from tests.conftest import ROOT, run_nnlab
from tests.test_gradebook import VERSION_3
from tests.test_release import WEEK, scratch

CASE = "answer_my_first_epoch_w/value"
STRICT = "rtol=0, atol=0), mode=\"value\""
LOOSE = "rtol=0, atol=0.05), mode=\"value\""
NOTE = "accept answers within 0.05"


def loosen(course: Course) -> None:
    """The correction: the tolerance of one case of the case table."""
    table = course.cases_file(WEEK)
    assert table.read_text().count(STRICT) == 1
    table.write_text(table.read_text().replace(STRICT, LOOSE))


@pytest.mark.parametrize("week", Course(ROOT).weeks())
def test_every_week_grades_with_its_last_recorded_version(course: Course, week: str) -> None:
    log = versions(course, week)
    assert [v.number for v in log] == list(range(1, len(log) + 1))
    assert current(course.week(week)) == log[-1]


@pytest.mark.slow  # releases a scratch course
def test_a_correction_is_one_version_naming_the_case_and_the_note(tmp_path: Path, monkeypatch, capsys) -> None:
    course = scratch(tmp_path)
    release(course, WEEK)
    [first] = versions(course, WEEK)
    cases = len(course.week(WEEK).cases)
    assert first.number == 1 and first.changes[0].startswith(f"first version: {cases} cases")
    loosen(course)
    log = f"autograder/{WEEK}/versions.json"
    assert drift(course, WEEK) == [log]  # a hidden case: nothing students get changes, the log does
    monkeypatch.delenv("NNLAB_COURSE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["release", "--check"]) == 1
    assert capsys.readouterr().out == (f"{WEEK}: out of date: {log} does not record the week's grading now "
                                       f'(run `nnlab release {WEEK} --note "<what you corrected>"`)\n')
    release(course, WEEK, note=NOTE)
    text = course.versions_file(WEEK).read_text()
    second = versions(course, WEEK)[-1]
    assert (second.number, second.note, second.fingerprint) == (2, NOTE, course.week(WEEK).own_fingerprint)
    assert second.changes == (f"case {CASE}: tolerance rtol=0, atol=0 -> rtol=0, atol=0.05",)
    release(course, WEEK, note="nothing changed")
    assert course.versions_file(WEEK).read_text() == text and drift(course, WEEK) == []


def test_what_changed_is_said_case_by_case(course: Course) -> None:
    old = state(course.week(WEEK))
    new = copy.deepcopy(old)
    new["cases"]["step/matrix"].update(points=2.0, public=True, about="a (6, 5) matrix")
    new["cases"]["step/integers"]["code"] = "edited"
    del new["cases"]["step/mixed"]
    new["reference"]["step"] = "edited"
    new["case_table"]["helpers.separable"] = "edited"  # in helpers.py beside the table
    new["demo_cells"] = old["demo_cells"][1:] + ["new"]
    assert changes(old, new) == [
        "case step/mixed removed (was 1 points)",
        "case step/integers: its inputs or judge (its code in cases.py)",
        "case step/matrix: points 1 -> 2; now public; about 'a (6, 4) matrix' -> 'a (6, 5) matrix'",
        "reference: changed step", "case table code: changed helpers.separable",
        "demonstration cells: 1 new, 1 gone (an edited cell is both)"]
    assert changes(old, old) == ["the case table's or the reference's text only (comments, layout)"]


def test_tolerances_are_read_from_judges_that_wrap_a_comparison() -> None:
    assert tolerance(known_mistakes([], rtol=1e-4, atol=0)) == {"rtol": 1e-4, "atol": 0.0}
    assert tolerance(variant_answer(lambda s: 1.0, atol=0.5)) == {"rtol": 1e-6, "atol": 0.5}


def hand_in(course: Course, login: str, off: float, dest: Path) -> None:
    """The week's reference notebook as ``login`` hands it in, their personal answer off by ``off``."""
    nb = json.loads(course.solution_notebook(WEEK).read_text())
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if source.startswith('STUDENT_ID = ""'):
            cell["source"] = source.replace('STUDENT_ID = ""', f'STUDENT_ID = "{login}"', 1)
        if "answer_my_first_epoch_w = " in source and cell["cell_type"] == "code":
            cell["source"] = source + f"\nanswer_my_first_epoch_w = [v + {off} for v in answer_my_first_epoch_w]\n"
    dest.parent.mkdir(parents=True)
    dest.write_text(json.dumps(nb))


@pytest.mark.slow  # releases a scratch course
def test_a_regrade_after_a_correction_lists_whose_score_changed_and_the_version(tmp_path: Path) -> None:
    course = scratch(tmp_path / "course")
    release(course, WEEK)
    for login, off in (("ada", 0), ("bo", 0.01), ("cy", 1)):
        hand_in(course, login, off, tmp_path / "class" / login / f"{WEEK}.ipynb")
    env = {"NNLAB_COURSE": str(course.root)}
    book = tmp_path / "gradebook.db"

    def grade() -> tuple[dict[str, float], str]:
        p = run_nnlab("grade", WEEK, str(tmp_path / "class"), "--gradebook", str(book), "--json", cwd=tmp_path, **env)
        assert p.returncode == 0, p.stderr
        return {json.loads(line)["student"]: json.loads(line)["score"] for line in p.stdout.splitlines()}, p.stderr

    before, _ = grade()
    assert before["ada"] == course.week(WEEK).max_score == before["bo"] + 1 == before["cy"] + 1
    loosen(course)
    done = run_nnlab("release", WEEK, "--note", NOTE, cwd=tmp_path, **env)
    assert done.returncode == 0, done.stderr
    assert f"{WEEK}: recorded v2 (" in done.stdout and done.stdout.rstrip().endswith(f"): {NOTE}")
    after, err = grade()
    assert after == {**before, "bo": before["bo"] + 1}
    assert "regrade: 1 score(s) changed" in err
    with (tmp_path / f"regrade-{WEEK}.csv").open(newline="") as f:
        rows = list(csv.reader(f))[1:]
    assert [row[:4] for row in rows] == [["bo", f"{before['bo']:g}", f"{after['bo']:g}", "+1"]]
    assert rows[0][4].split("; ") == [f"graded with v1, now v2: {NOTE}", f"{CASE}: 0 -> 1"]
    assert {r.student: r.version for r in Gradebook(book).load(WEEK)} == {"ada": 2, "bo": 2, "cy": 2}


def test_a_regrade_across_versions_names_each_and_an_unchanged_score_is_not_listed() -> None:
    log = {1: Version(1, "2026-02-01", "a", "", ("first version",)), 2: Version(2, "2026-02-08", "b", "fix x", ()),
           3: Version(3, "2026-02-15", "c", "", ("case f/one: points 1 -> 2",))}
    ada = SubmissionResult("ada", "w", 1, 2, [CaseResult("f/one", "f", 1, 2, "ok")], version=1)
    bo = SubmissionResult("bo", "w", 0, 2, [CaseResult("f/one", "f", 0, 2, "wrong", "value")], version=1)
    now = [replace(ada, score=2, tests=[CaseResult("f/one", "f", 2, 2, "ok")], version=3), replace(bo, version=3)]
    [moved] = regrade.changes({"ada": ada, "bo": bo}, now, log)
    assert moved.describe() == ("ada: 1 -> 2 (graded with v1, now v3: v2: fix x / v3: case f/one: points 1 -> 2; "
                                "f/one: 1 -> 2)")
    [moved] = regrade.changes({"ada": replace(ada, version=0)}, now[:1], log)
    assert moved.why[0] == "graded with an unrecorded version, now v3: case f/one: points 1 -> 2"


def test_a_version_5_gradebook_keeps_its_results_and_records_versions(tmp_path: Path) -> None:
    path = tmp_path / "gb.db"
    with sqlite3.connect(path) as db:
        db.executescript(VERSION_3)
        for statement in MIGRATIONS[4] + MIGRATIONS[5]:
            db.execute(statement)
        db.execute("PRAGMA user_version = 5")
    book = Gradebook(path)
    [ada] = book.load("w")
    assert (ada.score, ada.max_score, ada.isolation, ada.version) == (1, 3, "bwrap", 0)
    assert [(t.name, t.score, t.detail) for t in ada.tests] == [("f/one", 1, ""), ("f/two", 0, "expected 2")]
    assert book.graded_with([ada], 3)[0].version == 3 and Gradebook(path).load("w")[0].version == 3
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 6


def test_a_case_is_described_with_the_mistakes_it_names_and_a_dropped_one_is_logged() -> None:
    from nnlab.cases import Case
    from nnlab.versions import describe_case

    mistakes = [("ceil", lambda a: 1, "rounds up"), ("off-by-one", lambda a: 2, "one too many")]
    case = Case("size/odd", "size", known_mistakes(mistakes, atol=0), inputs=lambda rng: (3,))
    data = describe_case(case)
    assert (data["judge"], data["mistakes"], data["tolerance"]) == ("known-mistakes", ["ceil", "off-by-one"],
                                                                    {"rtol": 1e-6, "atol": 0.0})
    fewer = describe_case(replace(case, judge=known_mistakes(mistakes[:1], atol=0)))
    old, new = {"cases": {"size/odd": data}, "reference": {}}, {"cases": {"size/odd": fewer}, "reference": {}}
    assert changes(old, {**new, "case_table": {}, "demo_cells": []}) == [
        "case size/odd: mistakes ['ceil', 'off-by-one'] -> ['ceil']"]
