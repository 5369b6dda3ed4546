"""What an otter-grader export runs (see :mod:`nnlab.otter_export` and docs/otter.md).

Otter executes the submitted notebook in a kernel, then runs each test in that kernel.

* :class:`NnlabRun`, an otter plugin, hands the kernel the cells nnlab's grader would run (code
  cells as :func:`nnlab.notebook.code_cells` gives them: no checker cells, no unchanged demo cells,
  magics as the grader reads them) after a first cell that calls :func:`prepare`: the grader found
  first on ``sys.path``, matplotlib's stand-in, and a CPU-time budget per cell.
* Each test asks :func:`result` for one nnlab case. The first ask in a kernel makes every case's
  calls in the executed notebook's namespace (each on its CPU budget, a function that ran out of
  time not called again) and judges them with the grader's own code (``child.evaluate``,
  ``outcome_from_event``, ``judge_run``: each mistake charged once); later asks read the verdicts.

Nothing here is sandboxed: the student's code runs in the kernel these functions run in. The
course (case table, reference) is read from the autograder's ``source/course``, which otter unpacks
beside ``submission/``. The submitter is who otter's Gradescope flow says submitted
(``submission_metadata.json``, as in :mod:`nnlab.gradescope`); under ``otter run``, which leaves
that file empty, the notebook's own ``STUDENT_ID``.
"""
from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import nbformat
from otter.plugins import AbstractOtterPlugin

from nnlab import notebook, replay
from nnlab.budgets import cell_limits
from nnlab.calls import Call, Outcome, RunReport
from nnlab.check import run_in_process
from nnlab.course import Course
from nnlab.week import Week
from nnlab.grade import drawn, judge_run
from nnlab.gradebook import CaseResult, SubmissionResult
from nnlab.gradescope import submitted_by
from nnlab.judge_variants import not_checked
from nnlab.layouts import resolve_one
from nnlab.roster import BUNDLED_ROSTER, Roster
from nnlab.sandbox import noplot
from nnlab.sandbox.launch import Limits

PASSED = "ok"  # what a test prints for a case judged right (the test's expected output)
UNKNOWN = "otter-unknown"  # the submitter when neither Gradescope nor the notebook says who it is
_graded: dict[tuple[str, int], dict[str, CaseResult]] = {}  # (week, id of the namespace) -> results by case


def result(assignment: str, case: str, namespace: dict[str, Any] | None = None) -> str:
    """``"ok"`` when ``case`` of ``assignment`` is judged right in this kernel's notebook, else the
    student's message (never a hidden expected value). ``namespace``: the executed notebook's
    globals (default: the IPython kernel's)."""
    namespace = _namespace() if namespace is None else namespace
    key = (assignment, id(namespace))
    if key not in _graded:
        _timing["cells"] = 0.0  # the tests' cell is not a student's: from here on each call has its own budget
        signal.setitimer(signal.ITIMER_PROF, 0)
        folder = Path(_timing.get("folder") or Path.cwd())
        _graded[key] = {t.name: t for t in grade_namespace(assignment, namespace, folder)}
    test = _graded[key][case]
    if test.passed:
        return PASSED
    if 0 < test.score < test.max_score:  # a test is all or nothing: say what nnlab would have given
        return f"{test.message} (nnlab gives {test.score:g} of {test.max_score:g} points here; otter gives 0)"
    return test.message


def grade_namespace(assignment: str, namespace: dict[str, Any], folder: Path) -> list[CaseResult]:
    """Every case of ``assignment`` judged in ``namespace``, the executed notebook in ``folder`` (otter's
    ``submission/``); the variant items of an unknown submitter are not checked, as in ``nnlab grade``."""
    root = folder.resolve().parent
    course = Course.unpacked(root)
    if not course.cases_file(assignment).is_file():
        raise FileNotFoundError(f"no nnlab course at {course.root}: these tests run under `otter run` or "
                                "otter's Gradescope autograder, with the zip `nnlab export <week> otter` builds")
    week = Week(assignment, course)
    path = _notebook(folder)
    student, matched = submitter(root, assignment, namespace, path, _roster(course))
    salt = notebook.code_digest(notebook.read(path))  # hidden inputs as nnlab grade draws them
    instances = replay.with_helpers(drawn(week, student, salt), week.ref)

    def run(calls: list[Call]) -> RunReport:
        return timed_calls(calls, namespace)

    tests, _ = judge_run(instances, run([call for inst in instances for call in inst.calls()]).outcomes,
                         week.ref, student, run)
    if matched:
        return tests
    score = sum(t.score for t in tests)
    return not_checked(SubmissionResult(student, week.assignment, score, week.max_score, tests), week.cases).tests


def submitter(root: Path, assignment: str, namespace: dict[str, Any], path: Path,
              roster: Roster | None) -> tuple[str, bool]:
    """Who submitted and whether that is known: Gradescope's submitter, filed as the Gradescope
    bundle files them (:func:`nnlab.layouts.resolve_one`); else the notebook's ``STUDENT_ID`` (which
    a copier can set to anyone's); else unknown."""
    found = submitted_by(root)
    if found.email or found.sid or found.name:
        sub = resolve_one([path], found, assignment, roster)
        return sub.student, sub.matched
    claimed = namespace.get("STUDENT_ID")
    if isinstance(claimed, str) and claimed.strip():
        return claimed.strip(), True
    return UNKNOWN, False


def _notebook(folder: Path) -> Path:
    """The notebook otter grades: the one ``*.ipynb`` in the submission folder."""
    found = sorted(folder.glob("*.ipynb"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one notebook in {folder}, found {len(found)}")
    return found[0]


def _roster(course: Course) -> Roster | None:
    path = course.root / BUNDLED_ROSTER
    return Roster.read(path) if path.is_file() else None


def _namespace() -> dict[str, Any]:
    """The IPython kernel's namespace (a test's own globals are a copy, in which the graded helpers'
    calls could not be recorded); outside a kernel, the caller's caller's globals."""
    try:
        from IPython import get_ipython
    except ImportError:
        shell = None
    else:
        shell = get_ipython()
    return shell.user_ns if shell is not None else sys._getframe(2).f_globals


class CpuTimeout(BaseException):
    """A cell or call used up its CPU time (raised by the SIGPROF handler :func:`prepare` installs)."""


_timing: dict[str, Any] = {"cells": 0.0}  # the CPU seconds a cell may use (0 once the tests run); otter's folder


def _out_of_time(signum: int, frame: Any) -> None:
    raise CpuTimeout("this step used up its CPU time (an endless loop?)")


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`CpuTimeout` in the code inside once it has used ``seconds`` of CPU time."""
    signal.signal(signal.SIGPROF, _out_of_time)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def timed_calls(calls: list[Call], namespace: dict[str, Any]) -> RunReport:
    """Make the calls in ``namespace``, each on its CPU budget; as in the sandbox, a function that
    ran out of time is not called again."""
    report, hung = RunReport(), set()
    for call in calls:
        if call.name in hung:
            report.outcomes[call.id] = Outcome(error=f"not run: an earlier call of {call.name} timed out",
                                               kind="timeout")
            continue
        seconds = call.cpu or call.timeout
        try:
            with cpu_budget(seconds):
                report.outcomes[call.id] = run_in_process([call], namespace).outcomes[call.id]
        except CpuTimeout:
            pass
        if report.outcomes.get(call.id) is None or "CpuTimeout" in (report.outcomes[call.id].error or ""):
            report.outcomes[call.id] = Outcome(error=f"timed out: this call used more than {seconds:g} s of CPU "
                                                     "time (an endless loop?)", kind="timeout")
            hung.add(call.name)
    return report


def _no_exit(status: int = 0) -> None:
    raise SystemExit(f"os._exit({status}) is not allowed while grading")


def prepare(cell_cpu: float, folder: str = "") -> None:
    """Set the kernel up as the grader's child: matplotlib's stand-in, ``os._exit`` raising (the
    sandbox would restart without that step; otter would lose the kernel and every test), and each
    cell stopped after ``cell_cpu`` seconds of CPU time (until the tests run); ``folder`` is otter's
    ``submission/`` (the working folder, unless a cell changes it)."""
    from IPython import get_ipython

    noplot.install()
    os._exit = _no_exit
    _timing.update(cells=cell_cpu, folder=folder)
    signal.signal(signal.SIGPROF, _out_of_time)
    shell = get_ipython()
    shell.events.register("pre_run_cell", lambda info: _timing["cells"] and signal.setitimer(
        signal.ITIMER_PROF, _timing["cells"]))
    shell.events.register("post_run_cell", lambda result: signal.setitimer(signal.ITIMER_PROF, 0))


class NnlabRun(AbstractOtterPlugin):
    """Otter plugin (``{"nnlab.otter_bridge.NnlabRun": {"assignment": <id>}}`` in otter_config.json): the
    kernel runs the cells the grader runs, after a cell that calls :func:`prepare`."""

    def before_execution(self, submission: Any) -> Any:
        if isinstance(submission, str):  # a .py submission: left as otter runs it
            return submission
        folder = Path(self.submission_path).resolve().parent
        source = folder.parent / "source"
        week = Week(self.plugin_config["assignment"], Course.unpacked(source.parent))
        first = (f"__import__('sys').path.insert(0, {str(source)!r})\n__import__('nnlab.otter_bridge')"
                 f".otter_bridge.prepare({cell_limits(week, Limits()).cell_cpu_seconds!r}, {str(folder)!r})")
        cells = [nbformat.v4.new_code_cell(first)]
        cells += [nbformat.v4.new_code_cell(code) for _, code in notebook.code_cells(submission, week.demo_cells)]
        return nbformat.v4.new_notebook(cells=cells, metadata=submission.get("metadata", {}))
