"""The released notebooks run top to bottom in a real Jupyter kernel, and the in-notebook checks work."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from nnlab import notebook
from nnlab.course import Course
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # real Jupyter kernels: a minute of the suite, not for the everyday tier
WEEKS = Course(ROOT).weeks()

# The pictures students look at (issue "Course content", item 4), by the id of the code cell that draws
# each one: demonstration cells, drawn from the student's own functions.
PICTURES = {
    "01_perceptron": {"picture-worked-example", "picture-xor-gates"},
    "02_mlp_forward": {"picture-xor-relu"},
    "03_backprop": {"picture-flipped-sign", "picture-xor-mlp", "picture-first-layer"},
    "04_cnn": {"picture-filters"},
}


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


_SOLUTION_RUNS: dict[str, nbformat.NotebookNode] = {}


def solution_run(course: Course, week: str) -> nbformat.NotebookNode:
    """The week's reference notebook run top to bottom (once per test session), with
    ``grader.check_all()`` as an extra last cell."""
    if week not in _SOLUTION_RUNS:
        nb = nbformat.read(str(course.solution_notebook(week)), as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell("print(grader.check_all())"))
        _SOLUTION_RUNS[week] = execute(nb, course.student_notebook(week).parent, student_id="someone")
    return _SOLUTION_RUNS[week]


@pytest.mark.parametrize("week", WEEKS)
def test_solution_runs_without_errors_and_passes_its_checks(course: Course, week: str) -> None:
    nb = solution_run(course, week)
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


@pytest.mark.parametrize("week", WEEKS)
def test_each_picture_is_drawn_by_the_solution_in_a_demo_cell_that_grading_skips(course: Course, week: str) -> None:
    nb = solution_run(course, week)
    by_id = {cell.get("id"): (number, cell) for number, cell in enumerate(nb.cells, start=1)}
    assert {i for i in by_id if str(i).startswith("picture-")} == PICTURES.get(week, set())
    skips = course.week(week).demo_cells
    graded = {path: {n for n, _ in notebook.code_cells(notebook.read(path), skips)}
              for path in (course.solution_notebook(week), course.student_notebook(week))}
    student_ids = [cell.get("id") for cell in notebook.read(course.student_notebook(week))["cells"]]
    for cell_id in sorted(PICTURES.get(week, set())):
        number, cell = by_id[cell_id]
        assert cell.cell_type == "code" and cell.metadata.get("nnlab", {}).get("demo") is True, cell_id
        assert student_ids.index(cell_id) + 1 == number, cell_id  # the same cell in the student notebook
        assert all(number not in ran for ran in graded.values()), f"{cell_id} runs when grading"
        outputs = cell.get("outputs", [])
        assert not [o for o in outputs if o.get("output_type") == "error"], (cell_id, outputs)
        assert any("image/png" in o.get("data", {}) for o in outputs if o.get("output_type") == "display_data"), \
            f"{cell_id} drew no picture"
