"""Start-up stays fast: the command and the students' checker never import the slow notebook stack,
and reading notebooks as plain JSON gives the grader the same code as nbformat did."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nnlab import notebook
from tests.conftest import ROOT

SLOW = ("nbformat", "nbclient", "nbgrader", "jsonschema", "matplotlib", "IPython")
HELP = ("import contextlib, io, nnlab.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    nnlab.cli.main(['grade', '--help'])")
NOTEBOOKS = sorted(ROOT.glob("assignments/*/*.ipynb")) + sorted(ROOT.glob("examples/submissions/**/*.ipynb"))
CELL = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}


@pytest.mark.parametrize("code", ["import nnlab.cli", HELP, "from nnlab.check import Checker",
                                  "from nnlab import notebook"])
def test_start_up_imports_nothing_slow(code: str) -> None:
    shown = f"{code}\nimport sys\nprint(sorted({{m.split('.')[0] for m in sys.modules}} & set({SLOW!r})))"
    done = subprocess.run([sys.executable, "-c", shown], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_plain_json_gives_the_code_cells_nbformat_gives(path: Path) -> None:
    try:
        theirs = nbformat.read(str(path), as_version=4)
    except nbformat.reader.NotJSONError:  # a sample submission that was not saved completely
        with pytest.raises(notebook.NotebookError, match="not valid notebook JSON"):
            notebook.read(path)
        return
    assert notebook.code_cells(notebook.read(path)) == notebook.code_cells(theirs)


def test_sources_may_be_strings_or_lists(tmp_path: Path) -> None:
    path = tmp_path / "mixed.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {**CELL, "id": "a", "source": "x = 1\ny = %time 2"},
        {"cell_type": "markdown", "id": "b", "metadata": {}, "source": ["# not code"]},
        {**CELL, "id": "c", "source": ["def f(a):\n", "    return a\n"]},
        {**CELL, "id": "d", "source": 'check("f")'}]}))
    ours = notebook.code_cells(notebook.read(path))
    assert ours == notebook.code_cells(nbformat.read(str(path), as_version=4))
    assert [n for n, _ in ours] == [1, 3] and "get_ipython()" in ours[0][1]
    assert ours[1][1] == "def f(a):\n    return a\n"


V3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {},
      "worksheets": [{"cells": [{"cell_type": "code", "input": "x = 1", "language": "python", "outputs": []}]}]}


@pytest.mark.parametrize("content, problem", [
    ('{"cells": [', "not valid notebook JSON"),
    (b"\xff\xfe{}", "not valid notebook JSON"),
    ("[1, 2]", "its JSON is a list"),
    ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}', "no list of cells"),
    ('{"nbformat": 4, "cells": {"0": {}}}', "no list of cells"),
    ('{"nbformat": 4, "cells": [1]}', "not a JSON object"),
    (json.dumps(V3), "old format version 3"),
], ids=["truncated", "not-utf8", "list", "no-cells", "cells-not-list", "cell-not-object", "v3"])
def test_broken_files_say_what_is_wrong(tmp_path: Path, content: str | bytes, problem: str) -> None:
    path = tmp_path / "broken.ipynb"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(notebook.NotebookError, match=problem):
        notebook.read(path)


def test_a_missing_file_is_a_notebook_error(tmp_path: Path) -> None:
    with pytest.raises(notebook.NotebookError, match="could not be read"):
        notebook.read(tmp_path / "absent.ipynb")


DATA_SIDE = ("nnlab.cases", "nnlab.markers", "nnlab.calls", "nnlab.judge", "nnlab.judge_variants", "nnlab.mistakes",
             "nnlab.trusted", "nnlab.variants")
DRIVER = ("nnlab.sandbox.session", "nnlab.sandbox.launch", "nnlab.sandbox.jail", "nnlab.sandbox.child",
          "nnlab.grade")


def test_the_data_side_and_the_case_tables_sit_below_the_sandbox_driver() -> None:
    """Case tables, judges and argument markers import nothing of the driver that runs the child."""
    code = (f"import importlib, sys\nfor m in {DATA_SIDE!r}:\n    importlib.import_module(m)\n"
            "from nnlab.course import Course\n"
            f"course = Course(__import__('pathlib').Path({str(ROOT)!r}))\n"
            "assert all(course.week(w).cases for w in course.weeks())\n"  # tables and their helpers.py
            f"print(sorted(set(sys.modules) & set({DRIVER!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    # and no import inside a function either (one that runs only when a judge reads its arguments)
    import ast

    sources = [ROOT / (m.replace(".", "/") + ".py") for m in DATA_SIDE] + sorted(ROOT.glob("autograder/*/*.py"))
    upward = [(path.relative_to(ROOT).as_posix(), name) for path in sources
              for node in ast.walk(ast.parse(path.read_text()))
              for name in ([node.module] if isinstance(node, ast.ImportFrom) and node.module else
                           [a.name for a in node.names] if isinstance(node, ast.Import) else [])
              if any(name == d or name.startswith(d + ".") for d in DRIVER)
              or isinstance(node, ast.ImportFrom) and node.module == "nnlab.sandbox"
              and {a.name for a in node.names} & {d.rsplit(".", 1)[1] for d in DRIVER}]
    assert not upward, f"data modules importing the driver: {upward}"


def test_loading_a_reference_does_not_import_matplotlib() -> None:
    """References import pyplot in their setup cell; the grader never plots, so loading one costs
    no matplotlib (half a second per class), and the grader's own reports still get the real one."""
    code = ("import sys\nfrom nnlab.course import find_course\n"
            "ref = find_course().week('01_perceptron').ref\n"
            "assert ref.plt.subplots is not None\n"
            "assert not any(m.split('.')[0] == 'matplotlib' for m in sys.modules), 'matplotlib loaded'\n"
            "import matplotlib.pyplot\nprint(matplotlib.__version__)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip()[0].isdigit()


@pytest.mark.parametrize("table", sorted(ROOT.glob("autograder/*/cases.py")), ids=lambda p: p.parent.name)
def test_a_case_table_is_mostly_its_table(table: Path) -> None:
    """An instructor reading cases.py reads the table: its helpers (inputs, mistakes, judges) live in
    helpers.py beside it, and the shared ones in nnlab."""
    lines = table.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("CASES"))
    assert len(lines) - start >= len(lines) / 2, f"{table}: the table is {len(lines) - start} of {len(lines)} lines"


def test_the_course_is_a_map_of_paths_and_loads_no_grading_code() -> None:
    """nnlab.course says where things live; loading a week's cases and reference is nnlab.week's."""
    code = ("import sys\nfrom nnlab.course import find_course\nfind_course().bundle('01_perceptron')\n"
            "print(sorted(m for m in sys.modules if m in ('nnlab.cases', 'nnlab.week', 'numpy')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
