"""Authoring slips: release refuses each with one line naming the cell and the fix, and writes nothing."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import nbformat
import pytest

from nnlab.cli import main
from nnlab.course import Course
from nnlab.release import ReleaseError, check, release
from tests.conftest import ROOT
from tests.test_release import WEEK, scratch


def cell(master: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in master.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def replace_in(grade_id: str, old: str, new: str) -> Callable[[nbformat.NotebookNode], None]:
    def edit(master: nbformat.NotebookNode) -> None:
        target = cell(master, grade_id)
        assert old in target.source
        target.source = target.source.replace(old, new)
    return edit


def refused(course: Course) -> str:
    """The one problem release reports; asserts nothing was written."""
    with pytest.raises(ReleaseError) as exc:
        release(course, WEEK)
    lines = str(exc.value).splitlines()[1:]
    assert len(lines) == 1, lines
    assert not (course.root / "assignments").exists() and not (course.root / "solutions").exists()
    return lines[0].strip()


@pytest.mark.parametrize("grade_id, old, new", [
    ("check_step", "### BEGIN HIDDEN TESTS", "### BEGIN HIDDEN TEST"),
    ("check_step", "### END HIDDEN TESTS", "### end hidden tests"),
    ("step", "### BEGIN SOLUTION", "### BEGIN SOLUTON"),
    ("step", "### END SOLUTION", "### END SOLUTIN"),
    ("step", "### BEGIN SOLUTION", "###  BEGIN  SOLUTION"),
    ("step", "### BEGIN SOLUTION", "# BEGIN SOLUTION"),
])
def test_near_miss_markers(tmp_path: Path, grade_id: str, old: str, new: str) -> None:
    line = refused(scratch(tmp_path, edit_master=replace_in(grade_id, old, new)))
    assert line.startswith(f"cell '{grade_id}': line ") and f"`{new.strip()}` is not a marker" in line
    assert line.endswith(f"write it exactly `{old}`")


def test_missing_end_marker(tmp_path: Path) -> None:
    line = refused(scratch(tmp_path, edit_master=replace_in("step", "    ### END SOLUTION", "")))
    assert line == "cell 'step': `### BEGIN SOLUTION` has no `### END SOLUTION`; add `### END SOLUTION` where the region ends"


def test_solution_cell_without_markers(tmp_path: Path) -> None:
    def unmark(master: nbformat.NotebookNode) -> None:
        replace_in("step", "    ### BEGIN SOLUTION\n", "")(master)
        replace_in("step", "    ### END SOLUTION", "")(master)
    line = refused(scratch(tmp_path, edit_master=unmark))
    assert line.startswith("cell 'step': a solution cell without `### BEGIN SOLUTION`/`### END SOLUTION`")
    assert line.endswith("put the markers around the part students write")


def test_stub_that_loses_its_def(tmp_path: Path) -> None:
    def hoist(master: nbformat.NotebookNode) -> None:
        target = cell(master, "step")
        target.source = "### BEGIN SOLUTION\n" + target.source.replace("    ### BEGIN SOLUTION\n", "")
    line = refused(scratch(tmp_path, edit_master=hoist))
    assert line == ("cell 'step': the student version loses `def step` or its docstring; "
                    "put `### BEGIN SOLUTION` below the docstring, inside the function")


def test_check_cell_points_differ_from_the_cases(tmp_path: Path) -> None:
    line = refused(scratch(tmp_path, edit_master=lambda m: cell(m, "check_step").metadata.nbgrader.update(points=5)))
    assert line == ("cell 'check_step': 5 points, but the cases of step give 4; "
                    "set the cell's nbgrader points to 4 (or change the cases' points)")


def test_graded_name_without_check_cell(tmp_path: Path) -> None:
    line = refused(scratch(tmp_path, edit_master=lambda m: m.cells.remove(cell(m, "check_step"))))
    assert line.startswith("step: graded (4 points in cases.py) but no check cell; add a check cell `check(\"step\")`")


def test_check_cell_without_cases(tmp_path: Path) -> None:
    def ghost(master: nbformat.NotebookNode) -> None:
        extra = nbformat.v4.new_code_cell('check("answer_ghost")', metadata={"nbgrader": {
            "solution": False, "grade": True, "locked": True, "points": 1, "grade_id": "check_answer_ghost",
            "schema_version": 3}})
        master.cells.append(extra)
    line = refused(scratch(tmp_path, edit_master=ghost))
    assert line == ("cell 'check_answer_ghost': checks answer_ghost, which has no case in cases.py; "
                    "add its cases or remove the cell")


def _ratio_quiz(master: nbformat.NotebookNode) -> None:
    """A float answer, 1/(1-0.9) = 10.000000000000002, with its check cell."""
    nbgrader = {"solution": True, "grade": False, "locked": False, "grade_id": "answer_ratio", "schema_version": 3}
    master.cells.append(nbformat.v4.new_code_cell("# answer_ratio = ...\n### BEGIN SOLUTION\nanswer_ratio = 1 / (1 - 0.9)\n"
                                                  "### END SOLUTION",
                                                  metadata={"nbgrader": nbgrader}))
    nbgrader = {"solution": False, "grade": True, "locked": True, "points": 1, "grade_id": "check_answer_ratio",
                "schema_version": 3}
    master.cells.append(nbformat.v4.new_code_cell(
        'check("answer_ratio")\n### BEGIN HIDDEN TESTS\nassert check("answer_ratio", hidden=True).passed\n'
        "### END HIDDEN TESTS", metadata={"nbgrader": nbgrader}))


def test_quiz_tolerance_that_rejects_the_rounded_reference(tmp_path: Path) -> None:
    strict = '    Case("answer_ratio/value", "answer_ratio", Close(REF, rtol=0, atol=0), mode="value"),\n]\n'
    course = scratch(tmp_path, edit_master=_ratio_quiz, edit_cases=lambda s: s.rstrip().removesuffix("]") + strict)
    line = refused(course)
    assert line.startswith("answer_ratio: the tolerance rejects 10 (the reference's value 10.000000000000002 "
                           "rounded); use atol=")
    fixed = strict.replace("rtol=0, atol=0", "rtol=0, atol=1e-12")
    assert release(scratch(tmp_path / "ok", edit_master=_ratio_quiz,
                           edit_cases=lambda s: s.rstrip().removesuffix("]") + fixed), WEEK)


def test_reference_that_does_not_run(tmp_path: Path) -> None:
    line = refused(scratch(tmp_path, edit_master=replace_in("answer_not_true", '"C"', "undefined_name")))
    assert line == ("cell 'answer_not_true': the reference raises NameError: name 'undefined_name' is not defined "
                    "at line 3; fix the solution so the cell runs")


def run_check(root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    """``nnlab release --check`` in-process, in ``root``."""
    monkeypatch.delenv("NNLAB_COURSE", raising=False)
    monkeypatch.chdir(root)
    code = main(["release", "--check"])
    return code, capsys.readouterr().out


def test_check_reports_up_to_date_slips_and_drift_without_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture) -> None:
    course = scratch(tmp_path)
    code, out = run_check(tmp_path, monkeypatch, capsys)
    assert code == 1 and len(out.splitlines()) == 6
    assert all(ln.startswith(f"{WEEK}: out of date: ") and ln.endswith(f"(run `nnlab release {WEEK}`)")
               for ln in out.splitlines())
    assert not (tmp_path / "assignments").exists()
    release(course, WEEK)
    assert run_check(tmp_path, monkeypatch, capsys) == (0, f"{WEEK}: up to date\n")
    master = course.master(WEEK)
    master.write_text(master.read_text().replace("### END SOLUTION", "### END SOLUTIN", 1))
    code, out = run_check(tmp_path, monkeypatch, capsys)
    assert code == 1 and out.startswith(f"{WEEK}: not releasable: cell 'step': line ") and "SOLUTIN" in out


@pytest.mark.parametrize("week", Course(ROOT).weeks())
def test_every_week_passes_the_release_checks(course: Course, week: str) -> None:
    _, problems = check(course, week)
    assert problems == []


def test_the_course_is_up_to_date(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    code, out = run_check(ROOT, monkeypatch, capsys)
    assert code == 0 and out.splitlines() == [f"{w}: up to date" for w in Course(ROOT).weeks()]


def test_an_answer_the_student_version_does_not_name(tmp_path: Path) -> None:
    line = refused(scratch(tmp_path, edit_master=replace_in("answer_not_true", "# answer_not_true = ...", "#")))
    assert line == ("cell 'answer_not_true': the student version does not name `answer_not_true`; put a line such "
                    "as `# answer_not_true = ...   (what kind of value)` above `### BEGIN SOLUTION`")
