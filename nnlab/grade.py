"""Grade submissions: notebook in, sandboxed run, verdicts judged in this (trusted) process, gradebook out."""
from __future__ import annotations

import hashlib
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from nnlab import notebook
from nnlab.cases import Instance, instantiate, judge_outcome
from nnlab.course import Week
from nnlab.gradebook import CaseResult, Gradebook, SubmissionResult
from nnlab.sandbox import session
from nnlab.sandbox.launch import Limits, grading_level, isolation_level


@dataclass(frozen=True)
class Submission:
    """One notebook and the student it is filed under."""

    student: str
    path: Path


def notebooks_under(folder: Path) -> list[Path]:
    """Every ``*.ipynb`` below ``folder``, sorted, without Jupyter's checkpoint copies."""
    return [nb for nb in sorted(folder.rglob("*.ipynb")) if ".ipynb_checkpoints" not in nb.parts]


def discover(paths: Iterable[Path]) -> list[Submission]:
    """Submissions under ``paths`` as the contract says: in a folder, the student is the first folder
    below it that holds the notebook, or the notebook's stem when it lies directly in the folder."""
    found: dict[str, Submission] = {}
    for root in paths:
        root = Path(root)
        if root.is_file():
            candidates = [(root.stem, root)]
        elif root.is_dir():
            candidates = [(nb.relative_to(root).parts[0] if len(nb.relative_to(root).parts) > 1 else nb.stem, nb)
                          for nb in notebooks_under(root)]
        else:
            raise FileNotFoundError(f"{root} does not exist")
        for student, nb in candidates:
            if student in found:
                print(f"warning: {student} has more than one notebook; grading {found[student].path}, "
                      f"not {nb}", file=sys.stderr)
                continue
            found[student] = Submission(student, nb)
    return sorted(found.values(), key=lambda s: s.student)


def digest(week: Week, path: Path, level: str) -> str:
    """Identifies a (notebook content, grader, isolation level) triple: equal digests give equal
    results, and a notebook graded at a weaker level is graded again at a stronger one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        data = repr(exc).encode()
    return hashlib.sha256(data + week.fingerprint.encode() + level.encode()).hexdigest()[:24]


def _failed_all(week: Week, sub: Submission, error: str, digest_: str, level: str) -> SubmissionResult:
    tests = [CaseResult(c.name, c.target, 0.0, float(c.points), f"not graded: {error}", "error")
             for c in week.cases]
    return SubmissionResult(sub.student, week.id, 0.0, week.max_score, tests, error, [], str(sub.path), digest_,
                            isolation=level)


def grade_one(week: Week, sub: Submission, limits: Limits = Limits(), level: str | None = None) -> SubmissionResult:
    """Run one submission in the sandbox at ``level`` (default: the strongest that works here) and
    judge every case here, from plain data only."""
    level = level or isolation_level()
    digest_ = digest(week, sub.path, level)
    instances = [instantiate(c, week.id, sub.student, week.ref) for c in week.cases]
    try:
        tests, notes, seconds = run_instances(sub, instances, week.ref, limits, level)
    except (notebook.NotebookError, StartError) as exc:
        return _failed_all(week, sub, str(exc), digest_, level)
    score = round(sum(t.score for t in tests), 6)
    return SubmissionResult(sub.student, week.id, score, week.max_score, tests, None, notes, str(sub.path),
                            digest_, round(seconds, 3), level)


class StartError(Exception):
    """The submission's interpreter could not even start."""


def run_instances(sub: Submission, instances: list[Instance], ref: object, limits: Limits = Limits(),
                  level: str | None = None) -> tuple[list[CaseResult], list[str], float]:
    """Run ``sub``'s notebook in the sandbox, make every instance's calls, judge each here.
    Returns the test results, notes on cells that raised, and the seconds it took."""
    cells = notebook.code_cells(notebook.read(sub.path))
    calls = [call for inst in instances for call in inst.calls()]
    report = session.run(cells, calls, limits, env={"JUPYTERHUB_USER": sub.student}, level=level)
    starts = [o for o in report.outcomes.values() if (o.error or "").startswith("could not start")]
    if starts and len(starts) == len(report.outcomes):
        raise StartError(starts[0].error)
    tests = [judge_instance(inst, report.outcomes, ref, sub.student) for inst in instances]
    notes = [f"cell {i}: {msg}" for i, msg in sorted(report.cell_errors.items())]
    return tests, notes, report.seconds


def judge_instance(inst: Instance, outcomes: dict[str, session.Outcome], ref: object, student: str) -> CaseResult:
    """Score one case from the outcomes of its calls (the target, then any extra variables)."""
    case = inst.case
    names = case.extra_values + (("again",) if case.repeat else ())
    extra = {v: o.value for v in names if (o := outcomes.get(f"{case.name}#{v}")) is not None and o.ok}
    outcome = outcomes.get(case.name) or session.Outcome(error="not run", kind="not-run")
    verdict = judge_outcome(inst, outcome, inst.context(ref, student, extra))
    return CaseResult(case.name, case.target, round(case.points * verdict.fraction, 6), float(case.points),
                      verdict.message, verdict.symptom)


def grade_all(week: Week, subs: list[Submission], gradebook: Gradebook, jobs: int = 2,
              limits: Limits = Limits(),
              progress: Callable[[SubmissionResult], None] | None = None,
              unsandboxed: bool = False) -> list[SubmissionResult]:
    """Grade every submission not already in the gradebook with the same digest; save as they finish.
    Raises :class:`~nnlab.sandbox.launch.IsolationError` where no sandbox starts, unless ``unsandboxed``."""
    level = grading_level(unsandboxed)
    digests = {s.student: digest(week, s.path, level) for s in subs}
    done = gradebook.cached(week.id, digests)
    results = [done[s.student] for s in subs if s.student in done]
    for r in results:
        if progress:
            progress(r)
    todo = [s for s in subs if s.student not in done]
    if todo:
        week.cases, week.ref  # load trusted code once, before the threads start
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(grade_one, week, s, limits, level): s for s in todo}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a grader bug on one notebook must not stop the class
                sub = futures[future]
                result = _failed_all(week, sub, f"internal grader error: {type(exc).__name__}: {exc}"[:300],
                                     "", level)
            gradebook.save([result])
            results.append(result)
            if progress:
                progress(result)
    return sorted(results, key=lambda r: r.student)
