"""Demonstration cells: skipped while a submission leaves them as released, run once edited; plots
inside the grading child cost nothing and the usual idioms still work."""
from __future__ import annotations

import json
from pathlib import Path

from nnlab import notebook
from nnlab.course import Course
from nnlab.grade import Submission, grade_one
from nnlab.calls import Call
from nnlab.markers import encode_args
from nnlab.sandbox.session import run
from tests.conftest import ROOT

WEEK = "01_perceptron"


def edited(path: Path, number: int, extra: str, dest: Path) -> Path:
    """Copy notebook ``path`` to ``dest`` with ``extra`` appended to code cell ``number`` (1-based)."""
    nb = json.loads(path.read_text())
    cell = nb["cells"][number - 1]
    cell["source"] = "".join(cell["source"]) + extra
    dest.write_text(json.dumps(nb))
    return dest


def test_released_demo_cells_are_skipped_and_an_edited_one_runs(course: Course, tmp_path: Path) -> None:
    week = course.week(WEEK)
    solution = notebook.read(course.solution_notebook(WEEK))
    demo = [n for n, cell in enumerate(solution["cells"], 1) if cell.get("metadata", {}).get("nnlab", {}).get("demo")]
    assert demo and len(week.demo_cells) == len(demo)
    ran = {n for n, _ in notebook.code_cells(solution, week.demo_cells)}
    assert not ran & set(demo) and ran  # the demo cells are left out, the rest runs
    # a student who edits a demo cell gets it run: here the edit breaks `step`, and grading sees it
    nb = edited(course.solution_notebook(WEEK), demo[0], "\ndef step(z):\n    return 7 * z\n", tmp_path / "x.ipynb")
    result = grade_one(week, Submission("ada", nb))
    assert any(t.target == "step" and not t.passed for t in result.tests)


def test_the_child_stands_in_for_matplotlib_with_the_usual_idioms() -> None:
    cells = [(1, "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
                 "from matplotlib import cm\nimport matplotlib.patches as mpatches\n"
                 "fig, ax = plt.subplots()\nfig, (a, b) = plt.subplots(1, 2, figsize=(6, 3))\n"
                 "fig, axes = plt.subplots(2, 3)\nfor x in axes.flat:\n    x.plot([1, 2], [3, 4], 'o-')\n"
                 "line, = a.plot([1, 2])\naxes[1, 2].imshow([[0, 1]], cmap=cm.gray)\n"
                 "with plt.style.context('ggplot'):\n    plt.legend(); plt.tight_layout(); plt.show()\n"
                 "def which():\n    import sys\n    return [type(sys.modules['matplotlib.pyplot']).__module__, axes.shape]\n")]
    report = run(cells, [Call("which", "which", "call", encode_args([]), encode_args({}), 5)])
    assert report.cell_errors == {}
    assert report.outcomes["which"].value == ["nnlab.sandbox.noplot", (2, 3)]


def test_release_verifies_the_reference_with_the_demo_cells_skipped(tmp_path: Path) -> None:
    from nnlab.release import ReleaseError, release
    from tests.test_release import scratch

    def mark_setup_as_demo(master):
        setup = next(c for c in master.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
        setup.metadata["nnlab"] = {"demo": True}  # the reference needs numpy from it: skipping it must be refused

    try:
        release(scratch(tmp_path, edit_master=mark_setup_as_demo), WEEK)
    except ReleaseError as exc:
        assert "reference scores" in str(exc)
    else:
        raise AssertionError("a demo mark on a cell the reference needs was released")
    assert not (tmp_path / "assignments").exists() and (ROOT / "assignments").exists()
