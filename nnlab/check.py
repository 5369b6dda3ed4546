"""Students check themselves: ``check("step")`` in the notebook, ``nnlab check <id> my.ipynb`` in a shell.

Both run the week's public cases (``public_cases.json`` beside the notebook, else in the course's
``assignments/<id>/``) and judge them with the grader's own code, so a public check passes in the
notebook exactly when it passes in the grader. ``grader.check_all()`` sums them up.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

import numpy as np

from nnlab import notebook, replay
from nnlab.calls import Call, RunReport, outcome_from_event
from nnlab.cases import PUBLIC, Instance, case_from_data, instantiate
from nnlab.course import CourseError, find_course
from nnlab.grade import Submission, judge_run, run_instances
from nnlab.gradebook import NOT_CHECKED, CaseResult
from nnlab.judge import PASS
from nnlab.judge_variants import is_variant
from nnlab.sandbox import child


NBGRADER_KERNEL = ("not checked: per-student items are graded under nbgrader only with nnlab's grading "
                   "(`use_nnlab(c)` in nbgrader_config.py); nbgrader restores the locked setup cell, so the "
                   "kernel does not know whose notebook this is")
GRADER_NUMPY_MAJOR = 2  # the grader's numpy (pyproject: numpy>=2.0); 1.x promotes scalar types differently


def environment_warning(numpy_version: str) -> str | None:
    """A one-line warning when the student's numpy could give other results than the grader's."""
    major = int(numpy_version.split(".")[0])
    if major == GRADER_NUMPY_MAJOR:
        return None
    return (f"note: you have numpy {numpy_version}, the grader uses numpy {GRADER_NUMPY_MAJOR}.x; some results "
            f"(integer overflow, float32 vs float64) can differ: `pip install -U 'numpy>={GRADER_NUMPY_MAJOR}'`")


def load_public(assignment: str, folder: Path | None = None) -> list[Instance]:
    """The shipped public cases of ``assignment``: from ``folder`` (default: the working directory,
    which in a notebook is the notebook's own folder), else from the course, if there is one."""
    candidates = [Path(folder or Path.cwd()) / "public_cases.json"]
    try:
        candidates.append(find_course().public_cases(assignment))
    except CourseError:
        pass
    for path in candidates:
        if path.exists():
            return [case_from_data(d) for d in json.loads(path.read_text())]
    raise FileNotFoundError(f"public_cases.json for {assignment} not found: put the one released with the "
                            f"notebook beside it (looked in {', '.join(str(c.parent) for c in candidates)})")


@dataclass
class CheckResult:
    """The outcome of checking one target; shows itself as a short report."""

    target: str
    tests: list[CaseResult] = field(default_factory=list)
    note: str = ""
    wrong_helpers: list[str] = field(default_factory=list)  # graded functions it calls that fail their own checks

    @property
    def passed(self) -> bool:
        return bool(self.tests) and all(t.passed for t in self.tests)

    @property
    def blame(self) -> str:
        """Where to look first when a helper fails too, else ``""``."""
        if not self.wrong_helpers or self.passed:
            return ""
        if len(self.wrong_helpers) == 1:
            return f"it calls your {self.wrong_helpers[0]}, which fails its own checks: fix that first"
        return f"it calls your {' and '.join(self.wrong_helpers)}, which fail their own checks: fix those first"

    def __repr__(self) -> str:
        if self.note:
            return f"{self.target}: {self.note}"
        ok = sum(t.passed for t in self.tests)
        lines = [f"{self.target}: {ok} of {len(self.tests)} checks passed"]
        lines += [f"  {'✓' if t.passed else '✗'} {t.name}{said(t)}" for t in self.tests]
        lines += [f"  ({self.blame})"] if self.blame else []
        return "\n".join(lines)


def said(result: CaseResult) -> str:
    """``": <message>"`` for a check with something to say (a failure, or "format ok" of a quiz)."""
    return "" if result.message == PASS.message else f": {result.message}"


@dataclass
class Summary:
    """Every public check of a notebook: the total, then a line per target that fails or has something
    to say when it passes (a quiz whose format only is checked)."""

    results: list[CheckResult]

    def __repr__(self) -> str:
        tests = [t for r in self.results for t in r.tests]
        lines = [f"{sum(t.passed for t in tests)} of {len(tests)} public checks passed"]
        for r in self.results:
            failed = [t for t in r.tests if not t.passed]
            notes = [said(t) for t in r.tests if said(t)]
            if failed:
                lines.append(f"  ✗ {r.target} ({len(r.tests) - len(failed)} of {len(r.tests)} passed): "
                             f"{f'{r.blame}; first: ' if r.blame else ''}{failed[0].message}")
            elif notes:
                lines.append(f"  ✓ {r.target}{notes[0]}")
        return "\n".join(lines)


def run_in_process(calls: list[Call], namespace: dict[str, Any]) -> RunReport:
    """Make the calls in ``namespace`` (the student's own kernel), each outcome as plain data."""
    return RunReport({call.id: outcome_from_event(json.loads(json.dumps(
        child.evaluate(call.spec(), namespace)))) for call in calls})


def judge_in_process(instances: list[Instance], namespace: dict[str, Any], ref: Any = None,
                     student: str = PUBLIC) -> list[CaseResult]:
    """Make the instances' calls in ``namespace`` and judge them as the grader does (with the
    reference ``ref``: each mistake charged once)."""
    def run(calls: list[Call]) -> RunReport:
        return run_in_process(calls, namespace)

    report = run([call for inst in instances for call in inst.calls()])
    return judge_run(instances, report.outcomes, ref, student, run)[0]


def student_of(namespace: dict[str, Any]) -> str:
    """Whose notebook the hidden checks judge, for per-student variants: under ``nbgrader autograde``
    the student whose folder it grades (the kernel runs in ``autograded/<student>/<assignment>/``),
    else the JupyterHub user, else the notebook's own STUDENT_ID."""
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return Path.cwd().parent.name
    return os.environ.get("JUPYTERHUB_USER") or str(namespace.get("STUDENT_ID") or "")


class Checker:
    """``grader = Checker("01_perceptron", globals())``; then ``grader.check("step")``."""

    def __init__(self, assignment: str, namespace: dict[str, Any], folder: str | Path | None = None) -> None:
        self.assignment, self.namespace = assignment, namespace
        self.public = load_public(assignment, Path(folder) if folder else None)
        if warning := environment_warning(np.__version__):
            print(warning)

    def targets(self) -> list[str]:
        return list(dict.fromkeys(i.case.target for i in self.public))

    def check(self, target: str, hidden: bool = False) -> CheckResult:
        """Run the public cases of ``target`` (with ``hidden=True``: the hidden ones, only where the
        course's autograder is installed, as in an nbgrader autograde run)."""
        if hidden:
            return self._hidden(target)
        return self._blamed(self._public(target), self._public)

    def check_all(self) -> Summary:
        """Run every public check once; shows as the total and a line per failing target."""
        results = {t: self._public(t) for t in self.targets()}
        return Summary([self._blamed(r, results.__getitem__) for r in results.values()])

    def _public(self, target: str) -> CheckResult:
        """The public checks of ``target``, without looking at its helpers."""
        instances = [i for i in self.public if i.case.target == target]
        if not instances:
            return CheckResult(target, note="no public checks (only the hidden tests grade it, after you submit; "
                                            f"try it on your own inputs); public checks exist for: "
                                            f"{', '.join(self.targets())}")
        return CheckResult(target, judge_in_process(instances, self.namespace))

    def _blamed(self, result: CheckResult, of: Callable[[str], CheckResult]) -> CheckResult:
        """``result`` naming the graded helpers of its failed cases whose own public checks fail
        (``of(helper)``: their result)."""
        helpers = {i.case.name: i.case.helpers or () for i in self.public}
        suspects = dict.fromkeys(h for t in result.tests if not t.passed for h in helpers.get(t.name, ()))
        wrong = [h for h in suspects if h in self.targets() and (theirs := of(h)).tests and not theirs.passed]
        return replace(result, wrong_helpers=wrong)

    def _hidden(self, target: str) -> CheckResult:
        try:
            week = find_course().week(self.assignment)
        except CourseError as exc:
            return CheckResult(target, note=f"hidden checks are not available here ({exc})")
        student = student_of(self.namespace)
        if os.environ.get("NBGRADER_EXECUTION") == "autograde" and any(
                is_variant(c) for c in week.cases if c.target == target):
            return CheckResult(target, [CaseResult(c.name, c.target, 0.0, c.points, NBGRADER_KERNEL, NOT_CHECKED)
                                        for c in week.cases if c.target == target and not c.public])
        hidden = replay.with_helpers([instantiate(c, week.assignment, student, week.ref) for c in week.cases
                                      if not c.public], week.ref)
        helpers = {h for i in hidden if i.case.target == target for h in i.helpers}
        # the helpers' own cases too: a helper that fails them is charged there, not here
        tests = judge_in_process([i for i in hidden if i.case.target in helpers | {target}],
                                 self.namespace, week.ref, student)
        return CheckResult(target, [t for t in tests if t.target == target])


def check_notebook(assignment: str, path: Path) -> list[CaseResult]:
    """Run a notebook's public cases in the sandbox, as the grader would (``nnlab check``)."""
    instances = load_public(assignment, path.parent)
    sub = Submission(os.environ.get("JUPYTERHUB_USER", "me"), path)
    tests, notes, _ = run_instances(sub, notebook.read(path), instances, None)
    return tests
