"""Release a week: master notebook in; student notebook, solution, public cases and reference out
(checked in); the Gradescope bundle is built on demand from the released files (not checked in).

Nothing is written unless the master has none of the authoring slips of :mod:`nnlab.release.lint`,
the reference scores full marks, the student version scores zero and no solution or hidden-test
text reaches what students get.
"""
from __future__ import annotations

import json
import math
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import numpy as np

from nnlab import replay, versions
from nnlab.cases import public_data
from nnlab.course import Course, CourseError
from nnlab.week import Week
from nnlab.notebook import demo_cells
from nnlab.grade import Submission, grade_one
from nnlab.release.bundle import gradescope_bundle
from nnlab.release.corpus import corpus_problems
from nnlab.release.lint import source_problems, tolerance_problems
from nnlab.release.notebooks import (ReleaseError, expand_includes, hidden_case_names_in, leaks,
                                     reference_source, solution_version, student_version)
from nnlab.roster import BUNDLED_ROSTER, Roster
from nnlab.sandbox import plain

__all__ = ["ReleaseError", "Released", "build", "build_bundle", "check", "release", "drift"]


@dataclass
class Released:
    """The generated files of one week, by path relative to the course root, and the master they
    were generated from (its includes expanded)."""

    assignment: str
    files: dict[str, str]
    master: nbformat.NotebookNode


def _read(path: Path) -> nbformat.NotebookNode:
    if not path.exists():
        raise ReleaseError(f"{path} does not exist")
    return nbformat.read(str(path), as_version=4)


def expanded_master(course: Course, assignment: str) -> nbformat.NotebookNode:
    """The week's master notebook with its includes of earlier weeks' code filled in."""
    return expand_includes(_read(course.master(assignment)), lambda w: _read(course.master(w)))


def build(course: Course, assignment: str, master: nbformat.NotebookNode | None = None, note: str = "") -> Released:
    """Generate every derived file of ``assignment`` in memory (no verification), from ``master`` when
    it is expanded already; its versions log gains a version, with ``note``, when its grading changed."""
    master = master or expanded_master(course, assignment)
    rel = lambda p: str(p.relative_to(course.root))  # noqa: E731
    student = student_version(master)
    files = {rel(course.student_notebook(assignment)): nbformat.writes(student) + "\n",
             rel(course.demo_cells_file(assignment)): json.dumps(demo_cells(student), indent=1) + "\n",
             rel(course.solution_notebook(assignment)): nbformat.writes(solution_version(master)) + "\n",
             rel(course.reference_file(assignment)): reference_source(master)}
    with tempfile.TemporaryDirectory(prefix="nnlab-release-") as tmp:
        scratch = _scratch_course(course, assignment, Path(tmp), files)
        week = scratch.week(assignment)
        graded = replay.graded_functions(week.cases, week.ref)
        public = public_data(week.cases, assignment, week.ref, lambda case: replay.helpers(case, graded, week.ref))
        log = course.versions_file(assignment)
        files[rel(log)] = versions.logged(week, log.read_text() if log.exists() else None, note)
    files[rel(course.public_cases(assignment))] = json.dumps(public, indent=1, sort_keys=True) + "\n"
    return Released(assignment, files, master)


def build_bundle(course: Course, assignment: str, out: Path | None = None, roster: Path | None = None) -> Path:
    """Write the week's Gradescope bundle (default: ``build/<week>/gradescope.zip``) from its case
    table and released reference, and the course roster when given (the autograder then files each
    submitter under their login); the same inputs give the same bytes."""
    reference = course.reference_file(assignment)
    if not reference.exists() or drift(course, assignment):
        raise ReleaseError(f"{assignment} is not released or out of date: run `nnlab release {assignment}` first")
    path = out or course.bundle(assignment)
    trusted = (*course.case_files(assignment), reference, course.demo_cells_file(assignment))
    files = {str(p.relative_to(course.root)): p.read_text() for p in trusted}
    if roster:
        Roster.read(roster)  # refuse a roster the autograder could not read
        files[BUNDLED_ROSTER] = roster.read_text(encoding="utf-8-sig")
    _write(path, gradescope_bundle(assignment, files))
    return path


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data)


def _scratch_course(course: Course, assignment: str, tmp: Path, files: dict[str, str]) -> Course:
    """A course in ``tmp`` with ``assignment``'s master and case table, and ``files`` (paths relative to the course)."""
    scratch = Course(tmp)
    scratch.master(assignment).parent.mkdir(parents=True)
    shutil.copy(course.master(assignment), scratch.master(assignment))
    scratch.autograder(assignment).mkdir(parents=True)
    for path in course.case_files(assignment):
        shutil.copy(path, scratch.autograder(assignment) / path.name)
    for rel, data in files.items():
        _write(tmp / rel, data)
    return scratch


def verify(course: Course, released: Released, corpus: bool = False) -> list[str]:
    """Problems that forbid the release: reference below full marks, stub above zero, leaks, quiz
    tolerances that reject the reference's own value rounded; with ``corpus``, mistake-corpus files
    that do not do what they say (:mod:`nnlab.release.corpus`)."""
    assignment = released.assignment
    problems = []
    with tempfile.TemporaryDirectory(prefix="nnlab-verify-") as tmp:
        scratch = _scratch_course(course, assignment, Path(tmp), released.files)
        week = scratch.week(assignment)
        ref = grade_one(week, Submission("reference", scratch.solution_notebook(assignment)))
        if ref.error or not all(t.passed for t in ref.tests):
            lost = [f"{t.name}: {t.message}" for t in ref.tests if not t.passed]
            problems.append(f"the reference scores {ref.score:g}/{ref.max_score:g}: {ref.error or lost[:5]}")
        stub = grade_one(week, Submission("student-stub", scratch.student_notebook(assignment)))
        if stub.score != 0:
            gained = [t.name for t in stub.tests if t.score > 0]
            problems.append(f"the student notebook scores {stub.score:g} without any work: {gained[:5]}")
        student_text = released.files[str(scratch.student_notebook(assignment).relative_to(scratch.root))]
        public_text = released.files[str(scratch.public_cases(assignment).relative_to(scratch.root))]
        found = leaks(released.master, nbformat.reads(student_text, as_version=4), public_text)
        if found:
            problems.append(f"solution or hidden-test text would reach students: {found[:5]}")
        hidden = [c.name for c in week.cases if not c.public]
        named = hidden_case_names_in(student_text + public_text, hidden)
        if named:
            problems.append(f"hidden case names appear in what students get: {named[:5]}")
        problems += tolerance_problems(week.cases, week.ref)
        if corpus and not problems:
            problems += corpus_problems(course, week)
    return problems


def check(course: Course, assignment: str, corpus: bool = False, note: str = "") -> tuple[Released | None, list[str]]:
    """Build and verify ``assignment`` without writing: what would be released and what forbids it (with
    ``corpus``: its mistake corpus too). The authoring slips are looked for first; with any, nothing
    is built (None)."""
    master = expanded_master(course, assignment)
    try:
        cases = Week(assignment, course).cases
    except CourseError as exc:
        return None, [str(exc)]
    problems = source_problems(master, cases)
    if problems:
        return None, problems
    released = build(course, assignment, master, note)
    return released, verify(course, released, corpus)


def release(course: Course, assignment: str, corpus: bool = False, note: str = "") -> list[Path]:
    """Check, build, verify (with ``corpus``: the mistake corpus too), and only then write the week's
    generated files (a new version, with ``note``, when its grading changed); returns what was written."""
    released, problems = check(course, assignment, corpus, note)
    if problems or released is None:
        raise ReleaseError(f"{assignment} not released:\n  " + "\n  ".join(problems))
    written = []
    for rel, data in released.files.items():
        _write(course.root / rel, data)
        written.append(course.root / rel)
    return written


def drift(course: Course, assignment: str, released: Released | None = None) -> list[str]:
    """Generated files of ``assignment`` that differ from what ``source/`` and the case table give now
    (``released``: those files, when already built).

    Public cases hold numbers computed on the releasing machine; another CPU may round the last
    bit differently, so JSON files compare numbers to a relative 1e-12, not byte by byte.
    """
    released = released or build(course, assignment)
    stale = []
    for rel, data in released.files.items():
        path = course.root / rel
        if not path.exists():
            stale.append(rel)
        elif rel.endswith(".json"):
            if not same_numbers(json.loads(path.read_text()), json.loads(data)):
                stale.append(rel)
        elif path.read_text() != data:
            stale.append(rel)
    return stale


def same_numbers(a: Any, b: Any, rtol: float = 1e-12) -> bool:
    """Equal JSON-able plain data, with floats and encoded float arrays equal to ``rtol``."""
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() == {"$nd"}:
        x, y = plain.decode(a), plain.decode(b)
        return x.dtype == y.dtype and x.shape == y.shape and bool(np.allclose(x, y, rtol=rtol, atol=0,
                                                                                equal_nan=True))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=rtol)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_numbers(a[k], b[k], rtol) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_numbers(x, y, rtol) for x, y in zip(a, b))
    return type(a) is type(b) and a == b
