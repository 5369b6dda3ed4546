"""From a submitted notebook file to the code the sandbox runs."""
from __future__ import annotations

import ast
import hashlib
import json
import re
from pathlib import Path
from typing import Any

CHECK_NAMES = {"check", "grader", "Checker", "globals"}
# what IPython's input transformers act on: escapes and magics at a line's start (% ! ? , ; /),
# prompts (>>>, In [n]:, ...:), x = %magic / x = !cmd, help (?), and an indented first line
_IPYTHON_SYNTAX = re.compile(r"^\s*(?:[%!?,;/]|>>>|\.\.\.|In \[)|=\s*[%!]|\?|\A\s*\n*[ \t]+\S")
_CHECK_CALL = re.compile(r"""^\s*check\(\s*["']([^"']+)["']\s*\)""", re.M)


class NotebookError(Exception):
    """The file is not a notebook that can be graded."""


def read(path: Path) -> dict[str, Any]:
    """Read an nbformat v4 notebook as plain JSON (not through nbformat, which is slow to import);
    a clear error for anything else."""
    try:
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
    except OSError as exc:
        raise NotebookError(f"the notebook could not be read: {exc}"[:300]) from None
    except (ValueError, RecursionError) as exc:  # bad JSON, not UTF-8, absurd nesting
        detail = f": {exc.msg} at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise NotebookError(f"the file is not valid notebook JSON (was it saved completely?){detail}") from None
    if not isinstance(nb, dict):
        raise NotebookError(f"the file is not a notebook: its JSON is a {type(nb).__name__}, not an object with cells")
    major = nb.get("nbformat")
    if isinstance(major, int) and major < 4:
        raise NotebookError(f"the notebook is in the old format version {major} (before Jupyter 4): open it in a "
                            "current Jupyter and save it again")
    if not isinstance(nb.get("cells"), list):
        raise NotebookError("the file is not a notebook: it has no list of cells")
    if not all(isinstance(cell, dict) for cell in nb["cells"]):
        raise NotebookError("the notebook is damaged: one of its cells is not a JSON object")
    return nb


def checked_target(source: str) -> str | None:
    """The target a check cell checks (its ``check("NAME")`` line), or None."""
    match = _CHECK_CALL.search(source)
    return match.group(1) if match else None


def is_check_cell(source: str) -> bool:
    """True for cells that only run the checker (``check(...)``, its import): skipped when grading."""
    if not any(word in source for word in (*CHECK_NAMES, "nnlab")):  # most cells: no need to parse
        return all(not line.strip() or line.lstrip().startswith("#") for line in source.splitlines())
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
    if not _IPYTHON_SYNTAX.search(source):
        return source  # plain Python already (most cells): IPython's tokenizer costs a millisecond a line
    from IPython.core.inputtransformer2 import TransformerManager  # slow to import; only grading needs it

    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # noqa: BLE001 - leave it to the child to report the syntax error
        return source


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def code_digest(nb: dict[str, Any]) -> str:
    """A digest of the code the student wrote (every code cell's source; outputs and metadata aside)."""
    sources = [_source(cell) for cell in nb["cells"] if cell.get("cell_type") == "code"]
    return hashlib.sha256("\x00".join(sources).encode()).hexdigest()


def cell_start(nb: dict[str, Any], number: int) -> str:
    """How a student finds cell ``number`` (1-based; Jupyter does not show it): its first line, shortened."""
    first = next((line.strip() for line in _source(nb["cells"][number - 1]).splitlines() if line.strip()), "")
    return first if len(first) <= 40 else first[:37] + "..."


def cell_digest(source: str) -> str:
    """Identifies a cell's code (surrounding blank space aside): how an unchanged demo cell is known."""
    return hashlib.sha256(source.strip().encode()).hexdigest()


def demo_cells(nb: dict[str, Any]) -> list[str]:
    """Digests of the cells marked ``"nnlab": {"demo": true}`` (demonstrations grading may skip)."""
    return sorted({cell_digest(_source(cell)) for cell in nb["cells"]
                   if cell.get("cell_type") == "code" and cell.get("metadata", {}).get("nnlab", {}).get("demo")})


def code_cells(nb: dict[str, Any], skip: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """``(cell number, python source)`` of every code cell the grader runs, in order (1-based numbers):
    not check cells, and not the cells whose :func:`cell_digest` is in ``skip`` (demonstrations
    left as released; a student's edit makes a cell run)."""
    cells = []
    for number, cell in enumerate(nb["cells"], start=1):
        if cell.get("cell_type") != "code":
            continue
        source = _source(cell)
        if source.strip() and not is_check_cell(source) and cell_digest(source) not in skip:
            cells.append((number, to_python(source)))
    return cells
