"""A course that runs nbgrader itself can use our master notebook as it is: nbgrader's own
generate_assignment gives our student notebook, and its autograde scores with our hidden checks in
the student's kernel, or (``use_nnlab`` in its nbgrader_config.py) with nnlab's sandbox and no kernel."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nnlab.course import Course
from nnlab.judge_variants import is_variant
from nnlab.release.corpus import with_cell
from tests.conftest import ROOT, handed_in, honest

pytestmark = pytest.mark.slow

WEEK = "01_perceptron"
WEEK2 = "02_mlp_forward"  # the week with a per-student item


def nbgrader(course_dir: Path, *args: str) -> None:
    env = {**os.environ, "NNLAB_COURSE": str(ROOT),  # where the kernel's hidden checks find the autograder
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}  # nbgrader runs `alembic`
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={course_dir}", "--force"],
                          cwd=course_dir, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def graded_cells(course_dir: Path, student: str, week: str = WEEK) -> dict[str, float]:
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        submission = gb.find_submission(week, student)
        return {g.name: g.score for nb in submission.notebooks for g in nb.grades}


@pytest.fixture(scope="module")
def nbgrader_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An nbgrader course with our master as its source, the reference and one mistake submitted, autograded."""
    course, root = Course(ROOT), tmp_path_factory.mktemp("nbgrader-course")
    (root / "source" / WEEK).mkdir(parents=True)
    (root / "source" / WEEK / f"{WEEK}.ipynb").write_text(course.master(WEEK).read_text())
    nbgrader(root, "generate_assignment", WEEK)
    submissions = {"ref": handed_in("ref", WEEK, root / "ref.ipynb"), "stub": root / "release" / WEEK / f"{WEEK}.ipynb"}
    for student, source in submissions.items():
        (root / "submitted" / student / WEEK).mkdir(parents=True)
        (root / "submitted" / student / WEEK / f"{WEEK}.ipynb").write_text(source.read_text())
    # nbgrader checks each function where its check cell stands, so the mistake goes into the solution cell
    swapped = nbformat.read(str(handed_in("swap", WEEK, root / "swap-own.ipynb")), as_version=4)
    cell = next(c for c in swapped.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "perceptron_update")
    cell.source += "\n" + (Course(ROOT).corpus(WEEK) / "wrong" / "update_signs_swapped.py").read_text()
    (root / "submitted" / "swap" / WEEK).mkdir(parents=True)
    nbformat.write(swapped, str(root / "submitted" / "swap" / WEEK / f"{WEEK}.ipynb"))
    nbgrader(root, "autograde", WEEK)
    return root


def test_nbgrader_generate_assignment_gives_our_student_notebook(nbgrader_course: Path) -> None:
    theirs = nbformat.read(str(nbgrader_course / "release" / WEEK / f"{WEEK}.ipynb"), as_version=4)
    ours = nbformat.read(str(Course(ROOT).student_notebook(WEEK)), as_version=4)
    assert [c.source for c in theirs.cells] == [c.source for c in ours.cells]
    assert [c.metadata.get("nbgrader") for c in theirs.cells] == [c.metadata.get("nbgrader") for c in ours.cells]


def check_points(week: str) -> dict[str, float]:
    """The points of each graded cell of ``week``'s master, by grade id."""
    return {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
            for c in nbformat.read(str(Course(ROOT).master(week)), as_version=4).cells
            if c.metadata.get("nbgrader", {}).get("grade")}


def test_nbgrader_autograde_uses_our_hidden_checks(nbgrader_course: Path) -> None:
    points = check_points(WEEK)
    personal = {f"check_{c.target}" for c in Course(ROOT).week(WEEK).cases if is_variant(c)}
    # in the kernel nbgrader restores the locked setup cell: whose notebook it is is not known there
    assert graded_cells(nbgrader_course, "ref") == {cell: 0 if cell in personal else p for cell, p in points.items()}
    swapped = graded_cells(nbgrader_course, "swap")
    assert swapped["check_perceptron_update"] == 0 and swapped["check_step"] == points["check_step"]
    # the mistake is charged once: train_perceptron, right but calling the wrong update, keeps its points
    assert swapped["check_train_perceptron"] == points["check_train_perceptron"]
    assert sum(graded_cells(nbgrader_course, "stub").values()) == 0


@pytest.fixture(scope="module")
def sandboxed_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An nbgrader course whose config grades with nnlab: week 1 (the reference, a mistake, the stub) and
    week 2 (an honest student, and a copier who hands in the honest one's notebook)."""
    course, root = Course(ROOT), tmp_path_factory.mktemp("nbgrader-nnlab")
    (root / "nbgrader_config.py").write_text("from nnlab.nbgrader_autograde import use_nnlab\n"
                                             "c = get_config()  # noqa: F821 - nbgrader's config loader\n"
                                             "use_nnlab(c)\n")
    for week in (WEEK, WEEK2):
        (root / "source" / week).mkdir(parents=True)
        (root / "source" / week / f"{week}.ipynb").write_text(course.master(week).read_text())
        nbgrader(root, "generate_assignment", week)

    def submit(student: str, week: str, text: str) -> None:
        (root / "submitted" / student / week).mkdir(parents=True, exist_ok=True)
        (root / "submitted" / student / week / f"{week}.ipynb").write_text(text)

    submit("ref", WEEK, handed_in("ref", WEEK, root / "ref.ipynb").read_text())
    submit("stub", WEEK, (root / "release" / WEEK / f"{WEEK}.ipynb").read_text())
    mistake = Course(ROOT).corpus(WEEK) / "wrong" / "update_signs_swapped.py"
    submit("swap", WEEK, with_cell(handed_in("swap", WEEK, root / "swap-own.ipynb"), mistake.read_text(),
                                   root / "swap.ipynb").read_text())
    honest_nb = honest("zmuller", root / "zmuller.ipynb").read_text()
    submit("zmuller", WEEK2, honest_nb)
    submit("bkim", WEEK2, honest_nb)
    for week in (WEEK, WEEK2):
        nbgrader(root, "autograde", week)
    return root


def test_nbgrader_with_nnlab_grades_in_the_sandbox_with_partial_credit(sandboxed_course: Path) -> None:
    points = check_points(WEEK)
    assert graded_cells(sandboxed_course, "ref") == points
    assert sum(graded_cells(sandboxed_course, "stub").values()) == 0
    swapped = graded_cells(sandboxed_course, "swap")
    assert 0 < swapped["check_perceptron_update"] < points["check_perceptron_update"]  # partial credit
    assert swapped["check_train_perceptron"] == points["check_train_perceptron"]  # charged once
    autograded = nbformat.read(str(sandboxed_course / "autograded" / "swap" / WEEK / f"{WEEK}.ipynb"), as_version=4)
    assert all(c.get("execution_count") is None for c in autograded.cells if c.cell_type == "code")  # no kernel
    update = next(c for c in autograded.cells if c.metadata.get("nbgrader", {}).get("grade_id")
                  == "check_perceptron_update")
    assert "FAIL perceptron_update/mistake-on-1" in update.outputs[0]["text"]


def test_nbgrader_with_nnlab_judges_variants_for_the_student_it_grades(sandboxed_course: Path) -> None:
    points = check_points(WEEK2)
    assert graded_cells(sandboxed_course, "zmuller", WEEK2) == points
    copier = graded_cells(sandboxed_course, "bkim", WEEK2)
    assert {k for k, v in copier.items() if v < points[k]} == {"check_answer_my_param_count"}
