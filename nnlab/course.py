"""Where things live: one object owns the course layout; every stage asks it.

    source/<id>/<id>.ipynb              master notebook (hand-written)
    autograder/<id>/cases.py            case table (hand-written, hidden from students)
    autograder/<id>/helpers.py          the table's own helpers: inputs, mistakes, judges (hand-written, optional)
    autograder/<id>/reference.py        reference functions (generated from the master)
    autograder/<id>/demo_cells.json     digests of the demonstration cells grading skips (generated)
    autograder/<id>/versions.json       the week's grading versions: what changed, when, why (appended by release)
    assignments/<id>/<id>.ipynb         student notebook (generated)
    assignments/<id>/public_cases.json  public cases with expected outputs (generated)
    solutions/<id>/<id>.ipynb           reference notebook (generated)
    build/<id>/gradescope.zip           Gradescope autograder bundle (built on demand, not committed)
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType

import nnlab
from nnlab.cases import Case


SCORING_MODULES = (  # what decides a score: seeding and judging, notebook reading, the sandbox and its limits
    "cases.py", "markers.py", "calls.py", "judge.py", "judge_variants.py", "variants.py", "mistakes.py", "trusted.py",
    "budgets.py", "grade.py", "replay.py", "notebook.py", "sandbox/child.py", "sandbox/plain.py", "sandbox/session.py", "sandbox/launch.py",
    "sandbox/jail.py", "sandbox/noplot.py", "sandbox/warm.py")


def scoring_files() -> list[Path]:
    """The package files whose change may change a score (the grade cache's key covers them)."""
    package = Path(nnlab.__file__).resolve().parent
    return [package / name for name in SCORING_MODULES]


class CourseError(Exception):
    """The course layout is missing something a command needs."""


@dataclass(frozen=True)
class Course:
    """The course folder and the paths of every stage's input and output."""

    root: Path

    def master(self, week: str) -> Path:
        return self.root / "source" / week / f"{week}.ipynb"

    def student_notebook(self, week: str) -> Path:
        return self.root / "assignments" / week / f"{week}.ipynb"

    def public_cases(self, week: str) -> Path:
        return self.root / "assignments" / week / "public_cases.json"

    def solution_notebook(self, week: str) -> Path:
        return self.root / "solutions" / week / f"{week}.ipynb"

    def autograder(self, week: str) -> Path:
        return self.root / "autograder" / week

    def cases_file(self, week: str) -> Path:
        return self.autograder(week) / "cases.py"

    def reference_file(self, week: str) -> Path:
        return self.autograder(week) / "reference.py"

    def case_files(self, week: str) -> list[Path]:
        """The week's hand-written grading code: ``cases.py`` first, then the modules beside it that
        it imports (every ``.py`` there but the generated reference)."""
        beside = sorted(p for p in self.autograder(week).glob("*.py") if p.name not in ("cases.py", "reference.py"))
        return [self.cases_file(week), *beside]

    def demo_cells_file(self, week: str) -> Path:
        return self.autograder(week) / "demo_cells.json"

    def versions_file(self, week: str) -> Path:
        return self.autograder(week) / "versions.json"

    def bundle(self, week: str) -> Path:
        return self.root / "build" / week / "gradescope.zip"

    def weeks(self) -> list[str]:
        """Every week with a master notebook, in order."""
        return sorted(p.parent.name for p in (self.root / "source").glob("*/*.ipynb") if p.stem == p.parent.name)

    def week(self, week: str) -> "Week":
        """Load a week's case table and reference (trusted code)."""
        if week not in self.weeks():
            raise CourseError(f"unknown assignment {week!r}; this course has {', '.join(self.weeks()) or 'none'}")
        for path in (self.cases_file(week), self.reference_file(week)):
            if not path.exists():
                hint = "write it (see docs/authoring.md)" if path.name == "cases.py" else f"run `nnlab release {week}`"
                raise CourseError(f"{path} is missing: {hint}")
        return Week(week, self)


@dataclass
class Week:
    """One assignment as the grader sees it: its cases and its reference functions."""

    id: str
    course: Course

    @cached_property
    def ref(self) -> ModuleType:
        from nnlab.sandbox import noplot  # numpy: not for every command

        with noplot.stand_in():
            return _load(self.course.reference_file(self.id), f"nnlab_ref_{self.id}")

    @cached_property
    def cases(self) -> list[Case]:
        cases = getattr(_load(self.course.cases_file(self.id), f"nnlab_cases_{self.id}", package=True), "CASES", None)
        if not isinstance(cases, list) or not all(isinstance(c, Case) for c in cases):
            raise CourseError(f"{self.course.cases_file(self.id)} must define CASES, a list of Case")
        names = [c.name for c in cases]
        if len(set(names)) != len(names):
            raise CourseError(f"duplicate case names in {self.id}: "
                              f"{sorted({n for n in names if names.count(n) > 1})}")
        return cases

    @cached_property
    def fingerprint(self) -> str:
        """Changes whenever anything that decides a score changes: the week's cases and reference,
        and the grader modules in :data:`SCORING_MODULES` (not reports, exports or the CLI)."""
        return self._digest(scoring_files())

    @cached_property
    def own_fingerprint(self) -> str:
        """The week's own part of :attr:`fingerprint` (its cases, reference and demonstration cells):
        what a correction of the week changes, and what its versions (:mod:`nnlab.versions`) record."""
        return self._digest([])

    def _digest(self, more: list[Path]) -> str:
        h = hashlib.sha256()
        for path in (*self.course.case_files(self.id), self.course.reference_file(self.id), *more):
            h.update(path.read_bytes())
        h.update(" ".join(sorted(self.demo_cells)).encode())
        return h.hexdigest()[:16]

    @cached_property
    def demo_cells(self) -> frozenset[str]:
        """Digests of the released demonstration cells: skipped while a submission leaves them as they are."""
        path = self.course.demo_cells_file(self.id)
        return frozenset(json.loads(path.read_text())) if path.exists() else frozenset()

    @property
    def max_score(self) -> float:
        return float(sum(c.points for c in self.cases))


def _load(path: Path, name: str, package: bool = False) -> ModuleType:
    """Run the trusted module at ``path``; a ``package`` may import the modules beside it
    (``from .trusted import ...``), loaded afresh under a name unique to its folder."""
    if package:
        name = f"{name}_{hashlib.sha256(str(path.parent.resolve()).encode()).hexdigest()[:8]}"
        for stale in [m for m in sys.modules if m.startswith(name + ".")]:
            del sys.modules[stale]
    spec = importlib.util.spec_from_file_location(
        name, path, submodule_search_locations=[str(path.parent)] if package else None)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def find_course(start: Path | None = None) -> Course:
    """The course: ``$NNLAB_COURSE``, else the nearest folder above ``start`` with ``source/``."""
    if os.environ.get("NNLAB_COURSE"):
        return Course(Path(os.environ["NNLAB_COURSE"]).resolve())
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "source").is_dir() and (folder / "autograder").is_dir():
            return Course(folder)
    package_home = Path(nnlab.__file__).resolve().parent.parent
    if (package_home / "source").is_dir():
        return Course(package_home)
    raise CourseError("no course found: run inside the course folder or set NNLAB_COURSE")
