"""The released notebooks run top to bottom in a real Jupyter kernel, and the in-notebook checks work."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from nnlab.course import Course
from tests.conftest import ROOT

WEEKS = Course(ROOT).weeks()


def execute(nb: nbformat.NotebookNode, folder: Path, student_id: str = "") -> nbformat.NotebookNode:
    """Run a notebook in a fresh kernel with ``folder`` (where public_cases.json lies) as working directory."""
    if student_id:
        nb.cells[1].source = nb.cells[1].source.replace('STUDENT_ID = ""', f'STUDENT_ID = "{student_id}"', 1)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def errors(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    return [(i, out.get("ename", "")) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for out in cell.get("outputs", []) if out.get("output_type") == "error"]


def check_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """The text the check cells displayed."""
    return ["".join(out.get("data", {}).get("text/plain", "") for out in cell.get("outputs", []))
            for cell in nb.cells if cell.cell_type == "code" and cell.source.startswith("check(")]


@pytest.mark.parametrize("week", WEEKS)
def test_solution_runs_without_errors_and_passes_its_checks(course: Course, week: str) -> None:
    nb = nbformat.read(str(course.solution_notebook(week)), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("print(grader.check_all())"))
    nb = execute(nb, course.student_notebook(week).parent, student_id="someone")
    assert errors(nb) == []  # the hidden checks run here too (the course's autograder is installed)
    summary = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert re.match(r"(\d+) of \1 public checks passed\n", summary) and "✗" not in summary, summary


@pytest.mark.parametrize("week", WEEKS)
def test_student_notebook_runs_and_checks_say_not_implemented(course: Course, week: str) -> None:
    path = course.student_notebook(week)
    nb = execute(nbformat.read(str(path), as_version=4), path.parent)
    assert {name for _, name in errors(nb)} <= {"NotImplementedError", "NameError"}
    outputs = check_outputs(nb)
    # every check fails, except for targets whose checks are all hidden (their judge is trusted code)
    assert outputs and all("✗" in o or "no public checks" in o for o in outputs), outputs
    assert sum("✗" in o for o in outputs) >= len(outputs) - 1
    assert any("not implemented yet" in o for o in outputs)
