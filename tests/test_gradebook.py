"""The gradebook file: old files upgrade in place, and the isolation level is part of a result."""
from __future__ import annotations

import sqlite3

from nnlab.gradebook import SCHEMA_VERSION, CaseResult, Gradebook, SubmissionResult
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


def test_a_gradebook_from_before_the_isolation_column_opens_and_upgrades_in_place(tmp_path):
    path = tmp_path / "gb.db"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
    book = Gradebook(path)
    [old] = book.load("w")
    assert (old.student, old.score, old.isolation, old.tests[0].message) == ("ada", 1, "", "wrong")
    book.save([SubmissionResult("bo", "w", 2, 2, [CaseResult("f/one", "f", 2, 2, "")], isolation="bwrap")])
    assert {r.student: r.isolation for r in Gradebook(path).load("w")} == {"ada": "", "bo": "bwrap"}
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

    from nnlab.course import SCORING_MODULES

    code = ("import sys, nnlab.grade, nnlab.sandbox.child\nfrom nnlab.course import Course\n"  # parent, child, tables
            f"course = Course(__import__('pathlib').Path({str(ROOT)!r}))\n"
            "for w in course.weeks():\n    course.week(w).cases\n"
            "print(' '.join(m for m in sys.modules if m.startswith('nnlab.') and not m.startswith('nnlab_')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    bookkeeping = {"nnlab.course", "nnlab.gradebook", "nnlab.sandbox"}  # where results are kept, not how scored
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
    cases = tmp_path / "autograder" / "01_perceptron" / "cases.py"
    cases.write_text(cases.read_text() + "\n# a comment is a change too\n")
    assert course.week("01_perceptron").fingerprint != before
