"""Authoring slips a release refuses, as pure functions over the master notebook and the case table.

Each problem is one line that names the cell (its nbgrader ``grade_id``, or its first line) and the
fix. :func:`source_problems` needs only the master and the cases (nothing is built);
:func:`tolerance_problems` needs the reference module as well.
"""
from __future__ import annotations

import ast
import difflib
import math
import re
import traceback
from typing import Any

import nbformat
import numpy as np

from nnlab.cases import Case
from nnlab.judge import Close, Context
from nnlab.notebook import checked_target
from nnlab.release.notebooks import (BEGIN, BEGIN_HIDDEN, END, END_HIDDEN, is_solution, reference_cells,
                                     student_version)

MARKERS = (BEGIN, END, BEGIN_HIDDEN, END_HIDDEN)


def cell_name(cell: nbformat.NotebookNode) -> str:
    """The cell's nbgrader grade id, or else its first non-blank line."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    if grade_id:
        return repr(grade_id)
    first = next((ln.strip() for ln in cell.source.splitlines() if ln.strip()), "")
    return repr(first[:50] + ("..." if len(first) > 50 else ""))


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _near_marker(line: str) -> str | None:
    """The marker ``line`` was probably meant to be, when it is a comment that looks like one
    (misspelled, other case, other spacing, extra text) without being exactly one."""
    text = line.strip()
    if not text.startswith("#") or text in MARKERS:
        return None
    best = max(MARKERS, key=lambda m: difflib.SequenceMatcher(None, _letters(text), _letters(m)).ratio())
    close = difflib.SequenceMatcher(None, _letters(text), _letters(best)).ratio() >= 0.8
    return best if close or any(m.lstrip("# ") in text for m in MARKERS) else None


def marker_problems(master: nbformat.NotebookNode) -> list[str]:
    """Near-miss markers, and BEGIN/END markers that do not pair up, in every code cell."""
    problems = []
    for cell in master.cells:
        if cell.cell_type != "code":
            continue
        name, open_ = cell_name(cell), None
        for number, line in enumerate(cell.source.splitlines(), 1):
            meant, text = _near_marker(line), line.strip()
            if meant:  # reported once, then paired as the marker it was meant to be
                problems.append(f"cell {name}: line {number} `{text}` is not a marker; write it exactly `{meant}`")
                open_ = meant if meant in (BEGIN, BEGIN_HIDDEN) else None
            elif text in (BEGIN, BEGIN_HIDDEN):
                if open_:
                    problems.append(f"cell {name}: `{text}` inside an open `{open_}`; close that region first")
                open_ = text
            elif text in (END, END_HIDDEN):
                begin = BEGIN if text == END else BEGIN_HIDDEN
                if open_ != begin:
                    problems.append(f"cell {name}: `{text}` without `{begin}` before it; add `{begin}` "
                                    "where the region starts")
                open_ = None
        if open_:
            end = END if open_ == BEGIN else END_HIDDEN
            problems.append(f"cell {name}: `{open_}` has no `{end}`; add `{end}` where the region ends")
    return problems


def _defs(source: str) -> dict[str, str | None] | None:
    """Top-level functions of ``source`` with their docstrings; None when it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    return {n.name: ast.get_docstring(n) for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def stub_problems(master: nbformat.NotebookNode) -> list[str]:
    """Solution cells without markers, and stubs that lose a function or its docstring.
    Call only on a master whose markers pass :func:`marker_problems`."""
    problems = []
    for cell, stub in zip(master.cells, student_version(master).cells):
        if not is_solution(cell):
            continue
        name = cell_name(cell)
        if BEGIN not in (ln.strip() for ln in cell.source.splitlines()):
            problems.append(f"cell {name}: a solution cell without `{BEGIN}`/`{END}` (students would get only "
                            "`raise NotImplementedError()`); put the markers around the part students write")
            continue
        mine, theirs = _defs(cell.source) or {}, _defs(stub.source)
        for fn, doc in mine.items():
            if theirs is None or fn not in theirs or theirs[fn] != doc:
                problems.append(f"cell {name}: the student version loses `def {fn}` or its docstring; "
                                f"put `{BEGIN}` below the docstring, inside the function")
    return problems


def reference_problems(master: nbformat.NotebookNode) -> list[str]:
    """The first reference cell (setup, given or solution) that does not run, run in order in one
    namespace as the reference module runs them (markers are comments, so line numbers are the cell's)."""
    namespace: dict[str, Any] = {"__name__": "nnlab_reference_check"}
    for cell, _ in reference_cells(master):
        filename = f"<cell {cell_name(cell)}>"
        try:
            exec(compile(cell.source, filename, "exec"), namespace)  # noqa: S102 - the instructor's own reference
        except Exception as exc:  # noqa: BLE001 - any error of the reference is reported as one line
            lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
            line = getattr(exc, "lineno", None) if isinstance(exc, SyntaxError) else (lines[-1] if lines else None)
            at = f" at line {line}" if line else ""
            return [f"cell {cell_name(cell)}: the reference raises {type(exc).__name__}: {exc}{at}; "
                    "fix the solution so the cell runs"]
    return []


def _check_cells(master: nbformat.NotebookNode) -> list[tuple[nbformat.NotebookNode, str]]:
    found = []
    for cell in master.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        target = checked_target(cell.source) if cell.cell_type == "code" and meta.get("grade") else None
        if target:
            found.append((cell, target))
    return found


def check_cell_problems(master: nbformat.NotebookNode, cases: list[Case]) -> list[str]:
    """Check cells whose points differ from their cases', targets without a check cell, and
    check cells of a target without cases."""
    points: dict[str, float] = {}
    for case in cases:
        points[case.target] = points.get(case.target, 0.0) + case.points
    problems, checked = [], set()
    for cell, target in _check_cells(master):
        checked.add(target)
        name, given = cell_name(cell), cell.metadata["nbgrader"].get("points", 0)
        if target not in points:
            problems.append(f"cell {name}: checks {target}, which has no case in cases.py; "
                            "add its cases or remove the cell")
        elif not math.isclose(float(given or 0), points[target]):
            problems.append(f"cell {name}: {given:g} points, but the cases of {target} give {points[target]:g}; "
                            f"set the cell's nbgrader points to {points[target]:g} (or change the cases' points)")
    for target in points.keys() - checked:
        problems.append(f"{target}: graded ({points[target]:g} points in cases.py) but no check cell; add a "
                        f"check cell `check(\"{target}\")` with nbgrader points {points[target]:g} after its "
                        "solution cell")
    return problems


def _assigned(source: str) -> set[str]:
    """The names a cell's top level assigns."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    targets = [t for stmt in tree.body if isinstance(stmt, (ast.Assign, ast.AnnAssign))
               for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])]
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def unnamed_answer_problems(master: nbformat.NotebookNode, cases: list[Case]) -> list[str]:
    """Solution cells that set a graded variable (a quiz answer, gate weights) whose student version
    does not name it: students would see a bare ``raise NotImplementedError()``.
    Call only on a master whose markers pass :func:`marker_problems`."""
    variables = {c.target for c in cases} - {fn for cell in master.cells if is_solution(cell)
                                              for fn in (_defs(cell.source) or {})}
    problems = []
    for cell, stub in zip(master.cells, student_version(master).cells):
        if not is_solution(cell):
            continue
        for var in sorted(_assigned(cell.source) & variables):
            if not re.search(rf"\b{re.escape(var)}\b", stub.source):
                problems.append(f"cell {cell_name(cell)}: the student version does not name `{var}`; put a line "
                                f"such as `# {var} = ...   (what kind of value)` above `{BEGIN}`")
    return problems


def source_problems(master: nbformat.NotebookNode, cases: list[Case]) -> list[str]:
    """Every slip found from the master and the case table alone."""
    problems = marker_problems(master)
    if not problems:  # nbgrader cannot build a student version from unpaired markers
        problems += stub_problems(master) + unnamed_answer_problems(master, cases) + reference_problems(master)
    return problems + check_cell_problems(master, cases)


def _rounded(value: float) -> list[float]:
    """What a student types for ``value``: 4 decimals; 2 decimals or an integer when it is one
    up to float noise (1e-6)."""
    out = [round(value, 4)]
    out += [r for r in (round(value, 2), float(round(value))) if abs(value - r) <= 1e-6]
    return sorted({r for r in out if r != value})


def tolerance_problems(cases: list[Case], ref: Any) -> list[str]:
    """Answer variables judged by ``Close`` that reject the reference's own float value rounded."""
    problems = []
    for case in cases:
        if case.mode != "value" or not isinstance(case.judge, Close):
            continue
        ctx = Context((), {}, case.function, mode="value", ref=ref)
        value = ctx.expected(case.judge.expected)
        if not isinstance(value, (float, np.floating)) or not math.isfinite(value):
            continue
        rejected = [r for r in _rounded(float(value)) if not case.judge(r, ctx).passed]
        if rejected:
            gap = max(abs(r - float(value)) for r in rejected)
            atol = 10.0 ** math.ceil(math.log10(gap * 1.5))
            rtol = 10.0 ** math.ceil(math.log10(gap * 1.5 / abs(float(value))))
            problems.append(f"{case.target}: the tolerance rejects {rejected[0]:g} (the reference's value "
                            f"{float(value)!r} rounded); use atol={atol:g} or rtol={rtol:g} in case {case.name}")
    return problems
