"""A week as the grader sees it: its case table, its reference, and the fingerprint of what
decides its scores (:class:`Week`). Trusted code only: the course's own files and the package."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType

import nnlab
from nnlab.cases import Case
from nnlab.course import Course, CourseError

SCORING_MODULES = (  # what decides a score: seeding and judging, notebook reading, the sandbox and its limits, loading
    "cases.py", "markers.py", "calls.py", "judge.py", "judge_variants.py", "variants.py", "mistakes.py", "trusted.py",
    "budgets.py", "grade.py", "replay.py", "notebook.py", "sandbox/child.py", "sandbox/plain.py", "sandbox/session.py", "sandbox/launch.py",
    "sandbox/jail.py", "sandbox/noplot.py", "sandbox/warm.py", "week.py")


def scoring_files() -> list[Path]:
    """The package files whose change may change a score (the grade cache's key covers them)."""
    package = Path(nnlab.__file__).resolve().parent
    return [package / name for name in SCORING_MODULES]


@dataclass
class Week:
    """One assignment as the grader sees it: its cases and its reference functions."""

    assignment: str
    course: Course

    @cached_property
    def ref(self) -> ModuleType:
        from nnlab.sandbox import noplot  # numpy: not for every command

        with noplot.stand_in():
            return _load(self.course.reference_file(self.assignment), f"nnlab_ref_{self.assignment}")

    @cached_property
    def cases(self) -> list[Case]:
        table = _load(self.course.cases_file(self.assignment), f"nnlab_cases_{self.assignment}", package=True)
        cases = getattr(table, "CASES", None)
        if not isinstance(cases, list) or not all(isinstance(c, Case) for c in cases):
            raise CourseError(f"{self.course.cases_file(self.assignment)} must define CASES, a list of Case")
        names = [c.name for c in cases]
        if len(set(names)) != len(names):
            raise CourseError(f"duplicate case names in {self.assignment}: "
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
        for path in (*self.course.case_files(self.assignment), self.course.reference_file(self.assignment), *more):
            h.update(path.read_bytes())
        h.update(" ".join(sorted(self.demo_cells)).encode())
        return h.hexdigest()[:16]

    @cached_property
    def demo_cells(self) -> frozenset[str]:
        """Digests of the released demonstration cells: skipped while a submission leaves them as they are."""
        path = self.course.demo_cells_file(self.assignment)
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
