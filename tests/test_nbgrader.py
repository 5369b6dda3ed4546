"""A course that runs nbgrader itself can use our master notebook as it is: nbgrader's own
generate_assignment gives our student notebook, and its autograde scores with our hidden checks."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nnlab.course import Course
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

WEEK = "01_perceptron"


def nbgrader(course_dir: Path, *args: str) -> None:
    env = {**os.environ, "NNLAB_COURSE": str(ROOT),  # where the kernel's hidden checks find the autograder
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}  # nbgrader runs `alembic`
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={course_dir}", "--force"],
                          cwd=course_dir, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def graded_cells(course_dir: Path, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        submission = gb.find_submission(WEEK, student)
        return {g.name: g.score for nb in submission.notebooks for g in nb.grades}


@pytest.fixture(scope="module")
def nbgrader_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An nbgrader course with our master as its source, the reference and one mistake submitted, autograded."""
    course, root = Course(ROOT), tmp_path_factory.mktemp("nbgrader-course")
    (root / "source" / WEEK).mkdir(parents=True)
    (root / "source" / WEEK / f"{WEEK}.ipynb").write_text(course.master(WEEK).read_text())
    nbgrader(root, "generate_assignment", WEEK)
    submissions = {"ref": course.solution_notebook(WEEK), "stub": root / "release" / WEEK / f"{WEEK}.ipynb"}
    for student, source in submissions.items():
        (root / "submitted" / student / WEEK).mkdir(parents=True)
        (root / "submitted" / student / WEEK / f"{WEEK}.ipynb").write_text(source.read_text())
    # nbgrader checks each function where its check cell stands, so the mistake goes into the solution cell
    swapped = nbformat.read(str(course.solution_notebook(WEEK)), as_version=4)
    cell = next(c for c in swapped.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "perceptron_update")
    cell.source += "\n" + (ROOT / "tests" / "corpus" / WEEK / "wrong" / "update_signs_swapped.py").read_text()
    (root / "submitted" / "swap" / WEEK).mkdir(parents=True)
    nbformat.write(swapped, str(root / "submitted" / "swap" / WEEK / f"{WEEK}.ipynb"))
    nbgrader(root, "autograde", WEEK)
    return root


def test_nbgrader_generate_assignment_gives_our_student_notebook(nbgrader_course: Path) -> None:
    theirs = nbformat.read(str(nbgrader_course / "release" / WEEK / f"{WEEK}.ipynb"), as_version=4)
    ours = nbformat.read(str(Course(ROOT).student_notebook(WEEK)), as_version=4)
    assert [c.source for c in theirs.cells] == [c.source for c in ours.cells]
    assert [c.metadata.get("nbgrader") for c in theirs.cells] == [c.metadata.get("nbgrader") for c in ours.cells]


def test_nbgrader_autograde_uses_our_hidden_checks(nbgrader_course: Path) -> None:
    points = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
              for c in nbformat.read(str(Course(ROOT).master(WEEK)), as_version=4).cells
              if c.metadata.get("nbgrader", {}).get("grade")}
    assert graded_cells(nbgrader_course, "ref") == points
    swapped = graded_cells(nbgrader_course, "swap")
    assert swapped["check_perceptron_update"] == 0 and swapped["check_step"] == points["check_step"]
    # the mistake is charged once: train_perceptron, right but calling the wrong update, keeps its points
    assert swapped["check_train_perceptron"] == points["check_train_perceptron"]
    assert sum(graded_cells(nbgrader_course, "stub").values()) == 0
