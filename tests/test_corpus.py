"""The mistake corpus: every known-wrong submission loses points on the right case with the right
symptom and nowhere else; every correct-but-different one keeps full marks.

Each file in tests/corpus/<week>/{wrong,right}/ is appended as a last cell to the reference
notebook; its first line is ``# fails: case[=symptom] ...`` or ``# passes``. A wrong file holds one
mistake: its cases belong to one graded function (or to variables such as quiz answers), and no other
target loses points, not even a graded function that calls the broken one (each mistake is charged
once, nnlab/replay.py), with no exception: not even a training run too long to record in full.
"""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest

from nnlab import replay
from nnlab.course import Course
from nnlab.grade import Submission, grade_all
from nnlab.gradebook import Gradebook, SubmissionResult
from nnlab.release.corpus import expectations, with_cell
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

CORPUS = ROOT / "tests" / "corpus"
FILES = sorted(CORPUS.glob("*/*/*.py"))


@functools.lru_cache(maxsize=None)
def functions(week: str) -> frozenset[str]:
    """The week's graded functions (the targets that are not variables)."""
    wk = Course(ROOT).week(week)
    return replay.graded_functions(wk.cases, wk.ref)


@functools.lru_cache(maxsize=None)
def graded(week: str) -> dict[str, SubmissionResult]:
    """Grade the whole corpus of one week at once (both CPU cores), keyed by corpus file."""
    course = Course(ROOT)
    wk = course.week(week)
    tmp = Path(tempfile.mkdtemp(prefix=f"corpus-{week}-"))
    subs = []
    for path in sorted((CORPUS / week).glob("*/*.py")):
        student = f"{path.parent.name}-{path.stem}"
        nb = with_cell(course.solution_notebook(week), path.read_text(), tmp / student / f"{week}.ipynb")
        subs.append(Submission(student, nb))
    results = grade_all(wk, subs, Gradebook(tmp / "gb.db"), jobs=2)
    return {r.student: r for r in results}


@pytest.mark.parametrize("path", [pytest.param(p, id=f"{p.parts[-3]}/{p.parent.name}/{p.stem}") for p in FILES])
def test_corpus_file(path: Path, request: pytest.FixtureRequest) -> None:
    week = path.parts[-3]
    result = graded(week)[f"{path.parent.name}-{path.stem}"]
    assert result.error is None, result.error
    by_name = {t.name: t for t in result.tests}
    expected = expectations(path)
    if expected is None:
        lost = [f"{t.name}: {t.message}" for t in result.tests if not t.passed]
        assert not lost, f"a correct implementation lost points: {lost}"
        return
    unknown = [c for c in expected if c not in by_name]
    assert not unknown, f"no such cases: {unknown}"
    for case, symptom in expected.items():
        t = by_name[case]
        assert not t.passed, f"{case} should fail but passed"
        if symptom:
            assert t.symptom == symptom, f"{case}: expected symptom {symptom}, got {t.symptom}: {t.message}"
        assert t.message.startswith(t.target) or t.target in t.message, t.message
    assert "# also:" not in path.read_text(), "no '# also:': a mistake costs only its own function's points"
    wrong_targets = {by_name[c].target for c in expected}
    mistaken = sorted(wrong_targets & functions(week))
    assert len(mistaken) <= 1, f"one mistaken function per file, not {mistaken}"
    collateral = [f"{t.name}: {t.message}" for t in result.tests
                  if t.target not in wrong_targets and t.score < t.max_score]
    assert not collateral, f"the mistake cost points elsewhere too: {collateral}"


def test_every_week_has_a_corpus(course: Course) -> None:
    for week in course.weeks():
        assert len(list((CORPUS / week / "wrong").glob("*.py"))) >= 10, week
        assert len(list((CORPUS / week / "right").glob("*.py"))) >= 5, week
