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
    tests/corpus/<id>/{right,wrong}/    the mistake corpus: submissions and what each must score (hand-written)
    build/<id>/gradescope.zip           Gradescope autograder bundle (built on demand, not committed)
    build/<id>/otter.zip                otter-grader's autograder zip (built on demand, not committed)
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import nnlab

if TYPE_CHECKING:
    from nnlab.week import Week


BUNDLED = "course"  # the folder of a bundle that holds the course's files


class CourseError(Exception):
    """The course layout is missing something a command needs."""


@dataclass(frozen=True)
class Course:
    """The course folder and the paths of every stage's input and output."""

    root: Path

    def master(self, assignment: str) -> Path:
        return self.root / "source" / assignment / f"{assignment}.ipynb"

    def student_notebook(self, assignment: str) -> Path:
        return self.root / "assignments" / assignment / f"{assignment}.ipynb"

    def public_cases(self, assignment: str) -> Path:
        return self.root / "assignments" / assignment / "public_cases.json"

    def solution_notebook(self, assignment: str) -> Path:
        return self.root / "solutions" / assignment / f"{assignment}.ipynb"

    def autograder(self, assignment: str) -> Path:
        return self.root / "autograder" / assignment

    def cases_file(self, assignment: str) -> Path:
        return self.autograder(assignment) / "cases.py"

    def reference_file(self, assignment: str) -> Path:
        return self.autograder(assignment) / "reference.py"

    def case_files(self, assignment: str) -> list[Path]:
        """The week's hand-written grading code: ``cases.py`` first, then the modules beside it that
        it imports (every ``.py`` there but the generated reference)."""
        beside = sorted(p for p in self.autograder(assignment).glob("*.py")
                        if p.name not in ("cases.py", "reference.py"))
        return [self.cases_file(assignment), *beside]

    def demo_cells_file(self, assignment: str) -> Path:
        return self.autograder(assignment) / "demo_cells.json"

    def versions_file(self, assignment: str) -> Path:
        return self.autograder(assignment) / "versions.json"

    def corpus(self, assignment: str) -> Path:
        """The week's mistake corpus: ``right/`` and ``wrong/`` submission files (:mod:`nnlab.release.corpus`)."""
        return self.root / "tests" / "corpus" / assignment

    def bundle(self, assignment: str, kind: str = "gradescope") -> Path:
        """Where a week's autograder bundle is built: ``gradescope`` or ``otter``."""
        return self.root / "build" / assignment / f"{kind}.zip"

    @classmethod
    def unpacked(cls, autograder: Path) -> Course:
        """The course inside an unpacked bundle, under its ``source/`` (Gradescope's
        ``/autograder``, or otter's): the bundle's ``course/`` folder (:mod:`nnlab.release.bundle`)."""
        return cls(autograder / "source" / BUNDLED)

    def weeks(self) -> list[str]:
        """Every week with a master notebook, in order."""
        return sorted(p.parent.name for p in (self.root / "source").glob("*/*.ipynb") if p.stem == p.parent.name)

    def week(self, assignment: str) -> Week:
        """Load a week's case table and reference (trusted code)."""
        if assignment not in self.weeks():
            raise CourseError(f"unknown assignment {assignment!r}; this course has {', '.join(self.weeks()) or 'none'}")
        for path in (self.cases_file(assignment), self.reference_file(assignment)):
            if not path.exists():
                hint = ("write it (see docs/authoring.md)" if path.name == "cases.py"
                        else f"run `nnlab release {assignment}`")
                raise CourseError(f"{path} is missing: {hint}")
        from nnlab.week import Week  # the grader's side: cases and reference (this module stays a map of paths)

        return Week(assignment, self)


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
