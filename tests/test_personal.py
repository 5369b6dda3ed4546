"""Every quiz item that carries points is personal: its key differs between students, a notebook
copied from another student loses every such item and nothing else, and the course staff can list
every student's keys."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from nnlab.cli import main
from nnlab.course import Course
from nnlab.grade import Submission, grade_one
from nnlab.judge_variants import is_variant
from tests.conftest import ROOT, handed_in

COURSE = Course(ROOT)
WEEKS = COURSE.weeks()


def point_carrying_quiz(week: str) -> list:
    return [c for c in COURSE.week(week).cases if c.mode == "value" and c.target.startswith("answer_") and c.points]


@pytest.mark.parametrize("week", WEEKS)
def test_every_quiz_item_that_carries_points_is_personal_with_keys_that_differ(week: str) -> None:
    quiz = point_carrying_quiz(week)
    assert quiz and [c.name for c in quiz if not is_variant(c)] == []
    for case in quiz:
        keys = {json.dumps(np.asarray(case.judge.key(f"student{i}")).tolist()) for i in range(12)}
        assert len(keys) > 1, f"{case.name}: every student gets the key {keys}"


@pytest.mark.slow
@pytest.mark.parametrize("week", WEEKS)
def test_a_notebook_copied_from_another_student_loses_every_personal_item_and_nothing_else(week: str,
                                                                                           tmp_path: Path) -> None:
    wk = COURSE.week(week)
    path = handed_in("ann", week, tmp_path / f"{week}.ipynb")
    own = grade_one(wk, Submission("ann", path))
    assert own.score == own.max_score, [t.message for t in own.tests if not t.passed]
    copied = grade_one(wk, Submission("ben", path))
    lost = {t.target for t in copied.tests if t.score < t.max_score}
    assert lost == {c.target for c in wk.cases if is_variant(c)}
    assert {c.target for c in point_carrying_quiz(week)} <= lost


def test_quiz_keys_lists_every_students_key_from_the_roster(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("login,name\nann,Ann Lee\nben,Ben Kim\n")
    assert main(["quiz-keys", "04_cnn", "--roster", str(roster)]) == 0
    header, *rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    variants = {c.target: c for c in COURSE.week("04_cnn").cases if is_variant(c)}
    assert header == ["student", *sorted(variants)]
    assert [r[0] for r in rows] == ["ann", "ben"]
    for row in rows:
        assert row[1:] == [str(variants[item].judge.key(row[0])) for item in header[1:]]


def test_personal_gate_circuits_are_never_constant_and_spread_over_many_truth_tables() -> None:
    """Week 1's circuit of the student's own gates: an OR of two ANDs or an AND of two ORs with drawn
    NOTs, so no student gets a constant table, and no table is shared by a large part of a class."""
    [case] = [c for c in COURSE.week("01_perceptron").cases if c.name == "answer_my_gate_circuit/value"]
    assert is_variant(case) and case.points > 0
    tables = [tuple(case.judge.key(f"student{i}")) for i in range(200)]
    assert all(len(t) == 4 and set(t) <= {0, 1} for t in tables)
    assert not {(0, 0, 0, 0), (1, 1, 1, 1)} & set(tables)
    counts = sorted((tables.count(t) for t in set(tables)), reverse=True)
    assert len(counts) >= 12 and counts[0] <= 40, counts  # 14 of the 14 tables that are not constant occur
