"""From a submitted notebook file to the code the sandbox runs."""
from __future__ import annotations

import ast
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

CHECK_NAMES = {"check", "grader", "Checker", "globals"}


class NotebookError(Exception):
    """The file is not a notebook that can be graded."""


def read(path: Path) -> nbformat.NotebookNode:
    """Read any notebook version as v4; a clear error for anything else."""
    try:
        nb = nbformat.read(str(path), as_version=4)
    except nbformat.reader.NotJSONError:
        raise NotebookError("the file is not valid notebook JSON (was it saved completely?)") from None
    except Exception as exc:  # nbformat raises many kinds for malformed files
        raise NotebookError(f"the notebook could not be read: {type(exc).__name__}: {exc}"[:300]) from None
    if not isinstance(nb.get("cells"), list):
        raise NotebookError("the notebook has no list of cells")
    return nb


def is_check_cell(source: str) -> bool:
    """True for cells that only run the checker (``check(...)``, its import): skipped when grading."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            modules = [stmt.module or ""] if isinstance(stmt, ast.ImportFrom) else [a.name for a in stmt.names]
            if not all(m == "nnlab" or m.startswith("nnlab.check") for m in modules):
                return False
        elif isinstance(stmt, (ast.Expr, ast.Assign, ast.Assert)):
            names = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)}
            if not names or not names <= CHECK_NAMES:
                return False
        else:
            return False
    return True


def to_python(source: str) -> str:
    """IPython syntax to plain Python: magics and ``!`` escapes become calls on ``get_ipython()``,
    which the sandbox answers with a stub (they are not executed)."""
    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # noqa: BLE001 - leave it to the child to report the syntax error
        return source


def code_cells(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """``(cell number, python source)`` of every code cell the grader runs, in order (1-based numbers)."""
    cells = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if source.strip() and not is_check_cell(source):
            cells.append((number, to_python(source)))
    return cells
