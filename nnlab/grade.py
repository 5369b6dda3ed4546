"""Grade submissions: notebook in, sandboxed run, verdicts judged in this (trusted) process, gradebook out."""
from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from nnlab import notebook, replay
from nnlab.budgets import call_budgets, cell_limits
from nnlab.calls import Call, Outcome, RunReport
from nnlab.cases import Case, Instance, instantiate, judge_outcome
from nnlab.week import Week
from nnlab.gradebook import CaseResult, Gradebook, SubmissionResult
from nnlab.judge import Context, Verdict
from nnlab.judge_variants import not_checked
from nnlab.sandbox import session
from nnlab.sandbox.launch import Limits, grading_level, isolation_level


@dataclass(frozen=True)
class Submission:
    """One notebook and the student it is filed under (:mod:`nnlab.layouts` reads downloads into these).

    ``matched`` is False when the download names the student only by an LMS number that no roster
    resolved: the per-student variant items are then not checked. ``problem`` says why the notebook
    is not run at all (it is another week's). ``lms`` is the LMS's key for the submitter
    (``canvas:<user id>``, ``moodle:<participant id>``) and ``name`` their name; exports use both."""

    student: str
    path: Path
    matched: bool = True
    problem: str | None = None
    lms: str = ""
    name: str = ""
    submitted_at: str = ""  # the LMS's submission time (ISO), where the download carries one


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
    return SubmissionResult(sub.student, week.assignment, 0.0, week.max_score, tests, error, [], str(sub.path), digest_,
                            isolation=level)


def grade_one(week: Week, sub: Submission, limits: Limits = Limits(), level: str | None = None) -> SubmissionResult:
    """Run one submission in the sandbox at ``level`` (default: the strongest that works here) and
    judge every case here, from plain data only."""
    level = level or isolation_level()
    digest_ = digest(week, sub.path, level)
    try:
        nb = notebook.read(sub.path)
        salt = notebook.code_digest(nb)  # hidden inputs change with the code, not on a regrade
        tests, notes, seconds = run_instances(sub, nb, drawn(week, sub.student, salt), week.ref,
                                              cell_limits(week, limits), level, week.demo_cells)
    except (notebook.NotebookError, StartError) as exc:
        return _failed_all(week, sub, str(exc), digest_, level)
    score = round(sum(t.score for t in tests), 6)
    return SubmissionResult(sub.student, week.assignment, score, week.max_score, tests, None, notes, str(sub.path),
                            digest_, round(seconds, 3), level)


def drawn(week: Week, student: str, salt: str) -> list[Instance]:
    """Every case of ``week`` drawn for ``student`` (hidden inputs also by ``salt``, the digest of
    the submission's code), each call with its CPU budget."""
    cpu = call_budgets(week)
    return [replace(instantiate(c, week.assignment, student, week.ref, salt), cpu=cpu[c.name]) for c in week.cases]


class StartError(Exception):
    """The submission's interpreter could not even start."""


def run_instances(sub: Submission, nb: dict, instances: list[Instance], ref: object, limits: Limits = Limits(),
                  level: str | None = None, skip: frozenset[str] = frozenset()
                  ) -> tuple[list[CaseResult], list[str], float]:
    """Run ``sub``'s notebook ``nb`` (without the unchanged demo cells in ``skip``) in the sandbox,
    make every instance's calls, judge each here; then charge each mistake once (:func:`_charge_once`).
    Returns the test results, notes on cells that raised (named by their first line), and the seconds it took."""
    cells = notebook.code_cells(nb, skip)
    instances = replay.with_helpers(instances, ref) if ref is not None else instances

    def run(calls: list[Call]) -> RunReport:
        return session.run(cells, calls, limits, env={"JUPYTERHUB_USER": sub.student}, level=level)

    report = run([call for inst in instances for call in inst.calls()])
    starts = [o for o in report.outcomes.values() if (o.error or "").startswith("could not start")]
    if starts and len(starts) == len(report.outcomes):
        raise StartError(starts[0].error)
    tests, seconds = judge_run(instances, report.outcomes, ref, sub.student, run)
    notes = [f'in the cell starting "{notebook.cell_start(nb, i)}": {msg}'
             for i, msg in sorted(report.cell_errors.items())]
    return tests, notes, report.seconds + seconds


def judge_run(instances: list[Instance], outcomes: dict[str, Outcome], ref: object, student: str,
              run: Callable[[list[Call]], RunReport]) -> tuple[list[CaseResult], float]:
    """Judge the outcomes of every instance's calls, then charge each mistake once (``run`` makes the
    calls again, recording, where that is needed). Returns the test results and the seconds ``run`` took."""
    verdicts = [judge_outcome(inst, _outcome(inst, outcomes), _context(inst, outcomes, ref, student))
                for inst in instances]
    verdicts, seconds = _charge_once(instances, verdicts, outcomes, ref, student, run)
    return [_result(inst.case, v) for inst, v in zip(instances, verdicts)], seconds


def _charge_once(instances: list[Instance], verdicts: list[Verdict], outcomes: dict[str, Outcome],
                 ref: object, student: str, run: Callable[[list[Call]], RunReport]
                 ) -> tuple[list[Verdict], float]:
    """Each mistake is charged once: the failed cases whose function calls graded helpers that lost
    points too (and failed in a way a helper can cause) run again, recording those calls, and each that
    is right given its helpers keeps its points (:func:`nnlab.replay.replayed`, once per call, and
    :func:`nnlab.replay.excuse`). Returns the verdicts and the seconds the second run took."""
    lost = [v.fraction < 1 and inst.case.points > 0 for inst, v in zip(instances, verdicts)]
    faulty = frozenset(inst.case.target for inst, lose in zip(instances, lost) if lose)
    again = [k for k, inst in enumerate(instances) if lost[k] and faulty & set(inst.helpers)
             and replay.helper_may_cause(_outcome(inst, outcomes), verdicts[k])]
    if not again:
        return verdicts, 0.0
    report = run([call for k in again for call in instances[k].calls(record=True)])
    shown = {k: replay.replayed(instances[k], _outcome(instances[k], report.outcomes),
                                _context(instances[k], report.outcomes, ref, student), verdicts[k], faulty)
             for k in again}

    # first what the replay checks in full; then a call it checks only in part is excused when its
    # function has other cases and every one of them is right
    checked = list(verdicts)
    for k in again:
        checked[k] = replay.excuse(shown[k], verdicts[k])
    final = list(checked)
    for k in again:
        target = instances[k].case.target
        siblings = [v.passed for j, (other, v) in enumerate(zip(instances, checked))
                    if j != k and other.case.target == target and other.case.points > 0]
        if not checked[k].passed and siblings and all(siblings):
            final[k] = replay.excuse(shown[k], verdicts[k], siblings_right=True)
    return final, report.seconds


def _outcome(inst: Instance, outcomes: dict[str, Outcome]) -> Outcome:
    return outcomes.get(inst.case.name) or Outcome(error="not run", kind="not-run")


def _context(inst: Instance, outcomes: dict[str, Outcome], ref: object, student: str) -> Context:
    """The judge's context, with the extra values (and the repeated call's value) the case asked for."""
    case = inst.case
    names = case.extra_values + (("again",) if case.repeat else ())
    extra = {v: o.value for v in names if (o := outcomes.get(f"{case.name}#{v}")) is not None and o.ok}
    return inst.context(ref, student, extra)


def _result(case: Case, verdict: Verdict) -> CaseResult:
    return CaseResult(case.name, case.target, round(case.points * verdict.fraction, 6), float(case.points),
                      verdict.message, verdict.symptom, verdict.detail)


def submission_digest(week: Week, sub: Submission, level: str) -> str:
    """:func:`digest`, changed too by what discovery found (another week's notebook, an unknown submitter,
    the LMS's submission time)."""
    return digest(week, sub.path, f"{level}\x00{sub.problem or ''}\x00{sub.matched}\x00{sub.submitted_at}")


def grade_discovered(week: Week, sub: Submission, limits: Limits = Limits(), level: str | None = None,
                     key: str | None = None) -> SubmissionResult:
    """:func:`grade_one` for a discovered submission: another week's notebook is not run, the variant
    items of an unknown submitter are not checked; the result is filed with the submission's LMS key and
    name under ``key`` (default: :func:`submission_digest`)."""
    level = level or isolation_level()
    key = key or submission_digest(week, sub, level)
    if sub.problem:
        result = _failed_all(week, sub, sub.problem, key, level)
    else:
        result = grade_one(week, sub, limits, level)
        if not sub.matched:
            result = not_checked(result, week.cases)
    return replace(result, digest=key, lms=sub.lms, name=sub.name, matched=sub.matched,
                   submitted_at=sub.submitted_at)


def grade_all(week: Week, subs: list[Submission], gradebook: Gradebook, jobs: int = 2,
              limits: Limits = Limits(),
              progress: Callable[[SubmissionResult], None] | None = None,
              unsandboxed: bool = False) -> list[SubmissionResult]:
    """Grade every submission not already in the gradebook with the same digest; save as they finish.
    Raises :class:`~nnlab.sandbox.launch.IsolationError` where no sandbox starts, unless ``unsandboxed``."""
    level = grading_level(unsandboxed)
    digests = {s.student: submission_digest(week, s, level) for s in subs}
    done = gradebook.cached(week.assignment, digests)
    results = [done[s.student] for s in subs if s.student in done]
    for r in results:
        if progress:
            progress(r)
    todo = [s for s in subs if s.student not in done]
    if todo:
        week.cases, week.ref  # load trusted code once, before the threads start
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(grade_discovered, week, s, limits, level, digests[s.student]): s for s in todo}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a grader bug on one notebook must not stop the class
                sub = futures[future]
                result = replace(_failed_all(week, sub, f"internal grader error: {type(exc).__name__}: {exc}"[:300],
                                             "", level), lms=sub.lms, name=sub.name, matched=sub.matched,
                                 submitted_at=sub.submitted_at)
            gradebook.save([result])
            results.append(result)
            if progress:
                progress(result)
    return sorted(results, key=lambda r: r.student)
