"""A week's grading versions: each correction of a released week, numbered and dated, with what changed
and why, in ``autograder/<id>/versions.json`` (checked in).

``nnlab release <id> --note "why"`` appends a version when the week's own fingerprint (its case table,
reference and demonstration cells: :attr:`nnlab.week.Week.own_fingerprint`) differs from the last
version's; what changed is worked out from plain descriptions of the cases and per-definition hashes of
the source, kept in the file beside the log. The gradebook keeps the version each result was graded
with, so a regrade says "graded with v1, now v2: <note>" (:mod:`nnlab.regrade`).
"""
from __future__ import annotations

import ast
import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from nnlab.cases import Case
from nnlab.course import Course
from nnlab.week import Week

CASE_FIELDS = ("target", "function", "mode", "points", "public", "timeout", "about", "judge", "tolerance", "expected",
               "mistakes", "messages", "extra_values", "helpers", "pure", "warning_free", "repeat")


@dataclass(frozen=True)
class Version:
    """One entry of a week's log."""

    number: int
    date: str
    fingerprint: str
    note: str
    changes: tuple[str, ...]

    @property
    def why(self) -> str:
        """The note, or what changed when no note was given."""
        return self.note or "; ".join(self.changes)

    def describe(self) -> str:
        """``v2 (2026-03-02): <why>``."""
        return f"v{self.number} ({self.date}): {self.why}"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def definitions(source: str, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """A hash of each top-level definition's source (functions, classes, assignments, imports), by name."""
    found: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = node.name
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            name = ", ".join(ast.unparse(t) for t in targets)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            name = "imports"
        else:
            continue
        if name not in skip:
            found[name] = _hash(found.get(name, "") + (ast.get_source_segment(source, node) or ""))
    return found


def _case_sources(source: str) -> dict[str, str]:
    """A hash of each ``Case("<name>", ...)`` call's source in a case table, by case name."""
    return {node.args[0].value: _hash(ast.get_source_segment(source, node) or "")
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Case"
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}


def _plain(value: Any) -> Any:
    """``value`` when it is JSON data (a literal expected value), else None (REF, arrays, functions)."""
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError):
        return None


def tolerance(judge: Any) -> dict[str, float]:
    """The judge's ``rtol``/``atol``: its own, or those of the function a :class:`~nnlab.judge.Custom`
    wraps (``variant_answer``); empty for judges without one."""
    found = {k: getattr(judge, k) for k in ("rtol", "atol") if isinstance(getattr(judge, k, None), (int, float))}
    fn = getattr(judge, "fn", None)
    if not found and getattr(fn, "__closure__", None):
        cells = dict(zip(fn.__code__.co_freevars, fn.__closure__))
        for k in ("rtol", "atol"):
            try:
                value = cells[k].cell_contents if k in cells else None
            except ValueError:  # an empty cell
                value = None
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                found[k] = value
    return {k: float(v) for k, v in found.items()}


def describe_case(case: Case) -> dict[str, Any]:
    """What about a case decides a score, as plain data (inputs and judge code: see :func:`state`)."""
    data = {name: _plain(getattr(case, name)) for name in CASE_FIELDS if hasattr(case, name)}
    data["function"] = case.function if case.function != case.target else None  # None: the target itself
    data["judge"] = getattr(case.judge, "kind", type(case.judge).__name__)
    data["tolerance"] = tolerance(case.judge)
    data["expected"] = _plain(getattr(case.judge, "expected", None))
    data["mistakes"] = [m.symptom for m in getattr(case.judge, "mistakes", ())] or None  # the ones it names
    data["messages"] = _hash(json.dumps(case.messages, sort_keys=True)) if case.messages else ""
    return data


def state(week: Week) -> dict[str, Any]:
    """What a week grades with, as plain data: each case described (and a hash of its source in the case
    table), a hash of each reference and case-table definition, and the demonstration cells' digests."""
    cases_source = week.course.cases_file(week.assignment).read_text()
    code = _case_sources(cases_source)
    return {"cases": {c.name: {**describe_case(c), "code": code.get(c.name)} for c in week.cases},
            "reference": definitions(week.course.reference_file(week.assignment).read_text()),
            "case_table": {f"{path.stem}.{name}" if path.name != "cases.py" else name: digest
                           for path in week.course.case_files(week.assignment)
                           for name, digest in definitions(path.read_text(), skip=("CASES",)).items()},
            "demo_cells": sorted(week.demo_cells)}


def _show(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}"
    if isinstance(value, dict) and all(isinstance(v, (int, float)) for v in value.values()):
        return ", ".join(f"{k}={v:g}" for k, v in value.items()) or "none"
    return repr(value)


def _case_change(name: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    moved = []
    for field in CASE_FIELDS:
        if old.get(field) == new.get(field):
            continue
        if field == "public":
            moved.append("now public" if new[field] else "now hidden")
        elif field == "messages":
            moved.append("its advice (messages)")
        else:
            moved.append(f"{field} {_show(old.get(field))} -> {_show(new.get(field))}")
    if not moved and old.get("code") != new.get("code"):
        moved.append("its inputs or judge (its code in cases.py)")
    return f"case {name}: " + "; ".join(moved) if moved else ""


def _names_change(what: str, old: dict[str, str], new: dict[str, str]) -> list[str]:
    parts = [f"{verb} {', '.join(names)}" for verb, names in (
        ("changed", [n for n in new if n in old and old[n] != new[n]]),
        ("added", [n for n in new if n not in old]),
        ("removed", [n for n in old if n not in new])) if names]
    return [f"{what}: {'; '.join(parts)}"] if parts else []


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed from one :func:`state` to the next, in words, case by case."""
    was, now = old.get("cases", {}), new["cases"]
    lines = [f"case {n} added ({c['target']}, {c['points']:g} points, {'public' if c['public'] else 'hidden'})"
             for n, c in now.items() if n not in was]
    lines += [f"case {n} removed (was {c['points']:g} points)" for n, c in was.items() if n not in now]
    lines += [line for n in now if n in was and (line := _case_change(n, was[n], now[n]))]
    if [n for n in now if n in was] != [n for n in was if n in now]:
        lines.append("cases reordered")
    lines += _names_change("reference", old.get("reference", {}), new["reference"])
    lines += _names_change("case table code", old.get("case_table", {}), new["case_table"])
    before, after = set(old.get("demo_cells", [])), set(new["demo_cells"])
    gone, added = before - after, after - before
    if gone or added:
        lines.append(f"demonstration cells: {len(added)} new, {len(gone)} gone (an edited cell is both)")
    return lines or ["the case table's or the reference's text only (comments, layout)"]


def log(text: str | None) -> list[Version]:
    """The versions of a ``versions.json`` text (none for None), oldest first."""
    entries = json.loads(text)["versions"] if text else []
    return [Version(e["version"], e["date"], e["fingerprint"], e["note"], tuple(e["changes"])) for e in entries]


def logged(week: Week, previous: str | None, note: str = "", today: str | None = None) -> str:
    """The week's ``versions.json`` text: ``previous`` as it is when its last version has the week's
    fingerprint, else with a version appended (dated ``today``, default: today) saying what changed and
    ``note``, why."""
    past = json.loads(previous) if previous else {"versions": []}
    if past["versions"] and past["versions"][-1]["fingerprint"] == week.own_fingerprint:
        return previous  # type: ignore[return-value]
    now = state(week)
    if past["versions"]:
        what = changes(past["graded"], now)
    else:
        points = sum(c.points for c in week.cases)
        what = [f"first version: {len(week.cases)} cases worth {points:g} points, {len(now['reference'])} "
                f"reference definitions, {len(now['demo_cells'])} demonstration cells"]
    entry = {"version": len(past["versions"]) + 1, "date": today or datetime.date.today().isoformat(),
             "fingerprint": week.own_fingerprint, "note": note.strip(), "changes": what}
    entries = [*past["versions"], entry]
    return json.dumps({"assignment": week.assignment, "versions": entries, "graded": now}, indent=1) + "\n"


def versions(course: Course, assignment: str) -> list[Version]:
    """The week's recorded versions, oldest first (none before its first release)."""
    path = course.versions_file(assignment)
    return log(path.read_text() if path.exists() else None)


def current(week: Week) -> Version | None:
    """The latest recorded version the week grades with now; None when its grading changed since
    (not released yet) or it has no versions."""
    logged = versions(week.course, week.assignment)
    return next((v for v in reversed(logged) if v.fingerprint == week.own_fingerprint), None)
