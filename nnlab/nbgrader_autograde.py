"""``nbgrader autograde`` with nnlab's sandbox: a preprocessor that takes the place of nbgrader's
Execute. It grades the notebook nbgrader is autograding with :func:`nnlab.grade.grade_one`, for the
student nbgrader names, and writes each check cell's share of the points as the cell's result, which
nbgrader's SaveAutoGrades takes as partial credit. No kernel runs the student's notebook, so nothing
of the course (cases, reference) enters it; per-student items are judged for the student nbgrader
is grading. In the course's ``nbgrader_config.py``::

    from nnlab.nbgrader_autograde import use_nnlab
    use_nnlab(c)

The course's folder is found as for every nnlab command (``NNLAB_COURSE``, or above the working
folder); nbgrader's assignment name is the week's id.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

from nnlab.course import find_course
from nnlab.grade import Submission, grade_one
from nnlab.gradebook import SubmissionResult
from nnlab.notebook import checked_target
from nnlab.sandbox.launch import grading_level


class NnlabGrades(NbGraderPreprocessor):
    """Grade with nnlab; each check cell's output becomes its messages and its points."""

    def preprocess(self, nb: nbformat.NotebookNode, resources: dict[str, Any]) -> tuple[nbformat.NotebookNode, dict]:
        info = resources["nbgrader"]
        week = find_course().week(info["assignment"])
        with tempfile.TemporaryDirectory(prefix="nnlab-nbgrader-") as tmp:
            path = Path(tmp) / f"{week.assignment}.ipynb"
            nbformat.write(nb, str(path))
            result = grade_one(week, Submission(info["student"], path), level=grading_level(False))
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            target = checked_target(cell.source) if cell.cell_type == "code" and meta.get("grade") else None
            if target:
                cell.outputs = cell_outputs(result, target, float(meta.get("points", 0)))
        return nb, resources


def cell_outputs(result: SubmissionResult, target: str, points: float) -> list[nbformat.NotebookNode]:
    """A check cell's outputs: a line per case of ``target`` (what students read), and the cell's
    share of ``points`` as its result (nbgrader's partial credit)."""
    tests = [t for t in result.tests if t.target == target]
    got, most = sum(t.score for t in tests), sum(t.max_score for t in tests)
    share = round(points * got / most, 6) if most and not result.error else 0.0
    lines = [f"{'ok  ' if t.passed else 'FAIL'} {t.name}: {t.message}" for t in tests]
    if result.error:
        lines = [f"not graded: {result.error}"]
    return [nbformat.v4.new_output("stream", name="stdout", text="\n".join(lines) + "\n"),
            nbformat.v4.new_output("execute_result", data={"text/plain": repr(share)}, execution_count=None)]


def use_nnlab(config: Any) -> None:
    """Set nbgrader's autograde steps to nnlab's grading in place of executing the notebook."""
    from nbgrader.converters.autograde import Autograde

    steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
    names = [step.__name__ for step in steps]
    steps[names.index("Execute")] = NnlabGrades
    config.Autograde.autograde_preprocessors = steps
