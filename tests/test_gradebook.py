"""The gradebook file: old files upgrade in place; the isolation level and the TA-only detail are part of a result."""
from __future__ import annotations

import sqlite3

import pytest

from nnlab.gradebook import SCHEMA_VERSION, CaseResult, Gradebook, GradebookError, SubmissionResult
from nnlab.grade import Submission, digest
from tests.conftest import ROOT

OLD_SCHEMA = """
CREATE TABLE submissions (
    assignment TEXT NOT NULL, student TEXT NOT NULL, path TEXT NOT NULL, digest TEXT NOT NULL,
    score REAL NOT NULL, max_score REAL NOT NULL, error TEXT, notes TEXT NOT NULL,
    seconds REAL NOT NULL, graded_at TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (assignment, student));
CREATE TABLE results (
    assignment TEXT NOT NULL, student TEXT NOT NULL, test TEXT NOT NULL, target TEXT NOT NULL,
    score REAL NOT NULL, max_score REAL NOT NULL, symptom TEXT NOT NULL, message TEXT NOT NULL,
    position INTEGER NOT NULL, PRIMARY KEY (assignment, student, test));
INSERT INTO submissions VALUES ('w', 'ada', 'ada.ipynb', 'abc', 1, 2, NULL, '[]', 0.5, '2026-01-01');
INSERT INTO results VALUES ('w', 'ada', 'f/one', 'f', 1, 2, 'value', 'wrong', 0);
"""


def test_a_gradebook_from_before_the_isolation_and_detail_columns_opens_and_upgrades_in_place(tmp_path):
    path = tmp_path / "gb.db"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
    book = Gradebook(path)
    [old] = book.load("w")
    assert (old.student, old.score, old.isolation, old.tests[0].message) == ("ada", 1, "", "wrong")
    assert old.tests[0].detail == ""
    book.save([SubmissionResult("bo", "w", 2, 2, [CaseResult("f/one", "f", 0, 2, "wrong", "value", "expected 7")],
                                isolation="bwrap")])
    again = {r.student: r for r in Gradebook(path).load("w")}
    assert {s: r.isolation for s, r in again.items()} == {"ada": "", "bo": "bwrap"}
    assert again["bo"].tests[0].detail == "expected 7" and again["bo"].tests[0].message == "wrong"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_notebook_graded_at_one_level_is_graded_again_at_another(course):
    week = course.week("01_perceptron")
    nb = ROOT / "solutions" / "01_perceptron" / "01_perceptron.ipynb"
    assert digest(week, nb, "plain") != digest(week, nb, "bwrap")
    assert digest(week, nb, "bwrap") == digest(week, Submission("x", nb).path, "bwrap")


def test_the_grade_cache_key_covers_what_grading_imports_and_nothing_else():
    import subprocess
    import sys

    from nnlab.week import SCORING_MODULES

    code = ("import sys, nnlab.grade, nnlab.sandbox.child\nfrom nnlab.course import Course\n"  # parent, child, tables
            f"course = Course(__import__('pathlib').Path({str(ROOT)!r}))\n"
            "for w in course.weeks():\n    course.week(w).cases\n"
            "print(' '.join(m for m in sys.modules if m.startswith('nnlab.') and not m.startswith('nnlab_')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    # where results are kept, not how they are scored (a late penalty is applied when results are viewed)
    bookkeeping = {"nnlab.course", "nnlab.gradebook", "nnlab.late", "nnlab.sandbox"}
    as_files = {m.removeprefix("nnlab.").replace(".", "/") + ".py" for m in loaded if m not in bookkeeping}
    assert as_files == set(SCORING_MODULES)
    assert not {"report.py", "cli.py", "check.py", "gradescope.py"} & set(SCORING_MODULES)


def test_a_changed_case_table_changes_the_fingerprint(tmp_path):
    import shutil

    from nnlab.course import Course

    for sub in ("source", "autograder"):
        shutil.copytree(ROOT / sub / "01_perceptron", tmp_path / sub / "01_perceptron")
    course = Course(tmp_path)
    before = course.week("01_perceptron").fingerprint
    for name in ("cases.py", "helpers.py"):
        table = tmp_path / "autograder" / "01_perceptron" / name
        table.write_text(table.read_text() + "\n# a comment is a change too\n")
        assert course.week("01_perceptron").fingerprint != before
        before = course.week("01_perceptron").fingerprint


VERSION_3 = """
CREATE TABLE submissions (
    assignment TEXT NOT NULL, student TEXT NOT NULL, path TEXT NOT NULL, digest TEXT NOT NULL,
    score REAL NOT NULL, max_score REAL NOT NULL, error TEXT, notes TEXT NOT NULL,
    seconds REAL NOT NULL, graded_at TEXT NOT NULL DEFAULT (datetime('now')), isolation TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assignment, student));
CREATE TABLE results (
    assignment TEXT NOT NULL, student TEXT NOT NULL, test TEXT NOT NULL, target TEXT NOT NULL,
    score REAL NOT NULL, max_score REAL NOT NULL, symptom TEXT NOT NULL, message TEXT NOT NULL,
    position INTEGER NOT NULL, detail TEXT NOT NULL DEFAULT '', PRIMARY KEY (assignment, student, test));
INSERT INTO submissions VALUES ('w', 'ada', 'ada.ipynb', 'abc', 1, 3, NULL, '[]', 0.5, '2026-01-01', 'bwrap');
INSERT INTO results VALUES ('w', 'ada', 'f/one', 'f', 1, 2, 'ok', 'right', 0, '');
INSERT INTO results VALUES ('w', 'ada', 'f/two', 'f', 0, 1, 'value', 'wrong', 1, 'expected 2');
PRAGMA user_version = 3;
"""


def version_3(tmp_path) -> Gradebook:
    path = tmp_path / "gb.db"
    with sqlite3.connect(path) as db:
        db.executescript(VERSION_3)
    return Gradebook(path)


def test_a_version_3_gradebook_gains_lms_keys_and_overrides_in_place(tmp_path):
    book = version_3(tmp_path)
    [ada] = book.load("w")
    assert (ada.student, ada.lms, ada.name, ada.matched, ada.isolation) == ("ada", "", "", True, "bwrap")
    assert book.overrides("w") == [] and book.view("w")[0].score == 1
    with sqlite3.connect(tmp_path / "gb.db") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_known_submitters_result_replaces_the_unmatched_one_of_the_same_lms_key(tmp_path):
    book = version_3(tmp_path)
    tests = [CaseResult("f/one", "f", 0, 2, "not checked yet", "not-checked")]
    book.save([SubmissionResult("canvas-7", "w", 0, 2, tests, lms="canvas:7", matched=False)])
    book.save([SubmissionResult("bo", "w", 2, 2, [CaseResult("f/one", "f", 2, 2, "ok")], lms="canvas:7")])
    assert {r.student for r in book.load("w")} == {"ada", "bo"}
    assert book.lms_students("w") == {"canvas:7": "bo"}


def test_overrides_change_what_is_seen_and_keep_the_computed_score_and_the_trail(tmp_path):
    book = version_3(tmp_path)
    book.override("w", "ada", "f/two", 1, "a correct alternative answer", "ta1")
    [seen] = book.view("w")
    assert seen.score == 2 and "a correct alternative answer" in seen.tests[1].message
    assert book.load("w")[0].score == 1  # the computed score stays
    book.override("w", "ada", "", 0, "copied", "ta2")
    assert book.view("w")[0].score == 0
    book.override("w", "ada", "", None, "the copy was the other way round", "ta2")
    assert book.view("w")[0].score == 2
    assert [(o.author, o.case, o.score) for o in book.overrides("w")] == [("ta1", "f/two", 1), ("ta2", "", 0),
                                                                          ("ta2", "", None)]
    for bad in (("nobody", "", 1), ("ada", "f/none", 1), ("ada", "f/two", 5)):
        with pytest.raises(GradebookError):
            book.override("w", *bad, "why", "ta1")


def test_remove_and_rename_touch_every_table(tmp_path):
    book = version_3(tmp_path)
    book.override("w", "ada", "", 3, "bonus", "ta1")
    assert book.rename("ada", "alovelace") == ["w"]
    [renamed] = book.view("w")
    assert (renamed.student, renamed.score, renamed.digest) == ("alovelace", 3, "")  # graded again next time
    book.save([SubmissionResult("bo", "w", 2, 2, [])])
    with pytest.raises(GradebookError):
        book.rename("bo", "alovelace")
    assert book.remove("alovelace") == ["w"] and book.remove("alovelace") == []
    assert [r.student for r in book.view("w")] == ["bo"] and book.overrides("w") == []


def test_a_version_6_gradebooks_overrides_survive_the_rename_of_test_to_case_name(tmp_path, monkeypatch):
    """Version 7 names a case's column case_name in results and overrides (it was "test"): a TA's
    override made before it still applies, and the results keep their cases."""
    import nnlab.gradebook as gradebook

    path = tmp_path / "gb.db"
    with sqlite3.connect(path) as db:
        db.executescript(VERSION_3)
    monkeypatch.setattr(gradebook, "SCHEMA_VERSION", 6)
    Gradebook(path)  # as version 6 left it: columns named "test"
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO overrides (assignment, student, test, score, reason, author)"
                   " VALUES ('w', 'ada', 'f/two', 1, 'an accepted alternative', 'ta1')")
    monkeypatch.undo()
    book = Gradebook(path)
    [o] = book.overrides("w")
    assert (o.case, o.score, o.author) == ("f/two", 1, "ta1")
    [ada] = book.view("w")
    assert [t.name for t in ada.tests] == ["f/one", "f/two"] and ada.score == 2
    with sqlite3.connect(path) as db:
        assert {r[1] for r in db.execute("PRAGMA table_info(results)")} >= {"case_name", "target"}
        assert "test" not in {r[1] for r in db.execute("PRAGMA table_info(overrides)")}
