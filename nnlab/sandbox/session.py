"""The trusted side of the sandbox: drive child processes until every call has an outcome.

A child that hangs in a cell or a call is killed when that step's deadline passes; a child that
dies (``os._exit``, a signal, the memory limit) ends only the step it was in. In both cases a new
child starts, skipping the cell or call that failed, so one bad function costs only its own cases.
"""
from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from nnlab.calls import Call, Outcome, RunReport, outcome_from_event
from nnlab.sandbox import warm
from nnlab.sandbox.launch import Limits, isolation_level, spawn

MAX_LINE = 256 * 1024 * 1024
Child = subprocess.Popen | warm.WarmChild
CPU_SIGNALS = (signal.SIGPROF, signal.SIGXCPU)  # the child's step timer, and the kernel's CPU limit behind it


class _Lines:
    """Line reader over a pipe with deadlines."""

    def __init__(self, fd: int) -> None:
        self.fd, self.buf = fd, b""
        self.sel = selectors.DefaultSelector()
        self.sel.register(fd, selectors.EVENT_READ)

    def read(self, deadline: float) -> bytes | None:
        """Next line, ``None`` at end of stream; raises TimeoutError past ``deadline``."""
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not self.sel.select(left):
                raise TimeoutError
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return None
            self.buf += chunk
            if len(self.buf) > MAX_LINE:
                raise ValueError("a result larger than 256 MB")
        line, self.buf = self.buf.split(b"\n", 1)
        return line

    def close(self) -> None:
        self.sel.close()
        os.close(self.fd)


def _kill(proc: Child) -> int:
    """Kill the child and everything it started (its process group); its return code."""
    if isinstance(proc, warm.WarmChild):
        return proc.kill()
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return proc.wait()


def _exit_status(proc: Child) -> int:
    """The child closed its pipe: give it a moment to report how it ended."""
    try:
        return proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return _kill(proc)


def _signal_of(returncode: int) -> int:
    """The signal that ended the child (as a negative code, or 128 + n relayed by an init), or 0."""
    return -returncode if returncode < 0 else returncode - 128 if returncode > 128 else 0


def _death(returncode: int, limits: Limits) -> str:
    sig = _signal_of(returncode)
    if sig in CPU_SIGNALS:
        return f"the process used more than {limits.cpu_seconds} s of CPU time and was stopped"
    if sig == signal.SIGKILL:
        return f"the process was killed (most often: more than {limits.memory_mb} MB of memory)"
    if sig == signal.SIGXFSZ:
        return f"the process wrote a file larger than {limits.file_mb} MB"
    if sig:
        return f"the process died from signal {signal.Signals(sig).name}"
    return f"the process exited with code {returncode} (os._exit or a crash)"


def run(cells: list[tuple[int, str]], calls: list[Call], limits: Limits = Limits(),
        env: dict[str, str] | None = None, level: str | None = None) -> RunReport:
    """Run ``cells`` then ``calls`` in children sandboxed at ``level`` (default: the strongest that
    works here); every call gets an :class:`Outcome`."""
    report, skip, retried = RunReport(), set(), set()
    todo = list(calls)
    start = time.monotonic()
    level = level or isolation_level()
    zygote = warm.zygote(level) if todo else None
    workroot = zygote.workroot() if zygote else Path(tempfile.mkdtemp(prefix="nnlab-run-"))
    try:
        while todo:
            if time.monotonic() - start > limits.total_seconds:
                for call in todo:
                    report.outcomes[call.id] = Outcome(
                        error=f"not run: the submission used up its {limits.total_seconds:g} s budget",
                        kind="not-run")
                break
            progress = (len(report.outcomes), len(skip), len(retried))
            workdir = workroot / "attempt-{}-{}-{}".format(*progress)
            workdir.mkdir()
            _attempt([c for c in cells if c[0] not in skip], todo, limits, env or {}, workdir, report, skip, level,
                     zygote)
            _retry_first_timeout(todo, report, retried)
            _skip_after_timeouts(todo, report)
            todo = [c for c in todo if c.id not in report.outcomes]
            if (len(report.outcomes), len(skip), len(retried)) == progress:  # cannot happen: every attempt charges a step
                for call in todo:
                    report.outcomes[call.id] = Outcome(error="the submission interfered with the grader",
                                                       kind="protocol")
    finally:
        shutil.rmtree(workroot, ignore_errors=True)
    report.seconds = time.monotonic() - start
    return report


def _retry_first_timeout(todo: list[Call], report: RunReport, retried: set[str]) -> None:
    """A call that ran out of time gets one more try in a fresh child before it is charged (a
    neighbour's load, not its code, may have slowed it)."""
    for call in todo:
        outcome = report.outcomes.get(call.id)
        if outcome is not None and outcome.kind == "timeout" and call.id not in retried:
            del report.outcomes[call.id]
            retried.add(call.id)


def _skip_after_timeouts(todo: list[Call], report: RunReport) -> None:
    """A function that hung once is not called again: each retry would cost a full timeout."""
    hung = {c.name for c in todo if (o := report.outcomes.get(c.id)) is not None and o.kind == "timeout"}
    for call in todo:
        if call.name in hung and call.id not in report.outcomes:
            report.outcomes[call.id] = Outcome(error=f"not run: an earlier call of {call.name} timed out",
                                               kind="timeout")


def _start(workdir: Path, job: Path, result_fd: int, limits: Limits, env: dict[str, str], level: str,
           zygote: warm.Zygote | None) -> Child:
    """A child forked by ``zygote`` (a new one if that one went away), else a fresh interpreter."""
    if zygote is not None:
        try:
            return zygote.start(workdir, job, result_fd, limits, env)
        except warm.WorkerGone:
            pass  # the next run gets a new zygote; this attempt a fresh child
    return spawn(workdir, job, result_fd, limits, env, level)


def _attempt(cells: list[tuple[int, str]], calls: list[Call], limits: Limits, env: dict[str, str],
             workdir: Path, report: RunReport, skip: set[int], level: str, zygote: warm.Zygote | None) -> None:
    """One child process; stops at the first step that hangs or kills it."""
    job = workdir.with_suffix(".job")  # beside the child's folder, not in it
    job.write_text(json.dumps({"cells": [{"index": i, "source": s} for i, s in cells],
                               "cell_cpu": limits.cell_cpu_seconds, "calls": [c.spec() for c in calls]}))
    read_fd, write_fd = os.pipe()
    try:
        proc = _start(workdir, job, write_fd, limits, env, level, zygote)
    finally:
        os.close(write_fd)
    lines = _Lines(read_fd)
    by_id = {c.id: c for c in calls}
    step: tuple[str, Any] = ("startup", None)
    deadline = time.monotonic() + limits.startup_seconds
    try:
        while True:
            line = lines.read(deadline)
            if line is None:
                returncode = _exit_status(proc)
                if _signal_of(returncode) in CPU_SIGNALS and step[0] in ("cell", "call"):
                    budget = limits.cell_cpu_seconds if step[0] == "cell" else by_id[step[1]].spec()["cpu"]
                    what = "this cell" if step[0] == "cell" else "this call"
                    _fail(step, f"timed out: {what} used more than {budget:.3g} s of CPU time (an endless loop?)",
                          "timeout", report, skip, calls)
                else:
                    _fail(step, _death(returncode, limits), "crash", report, skip, calls)
                return
            event = json.loads(line)
            kind = event.get("ev")
            if kind == "cell":
                step, deadline = ("cell", event["i"]), time.monotonic() + limits.cell_seconds
            elif kind == "cell_done":
                if event.get("error"):
                    report.cell_errors[event["i"]] = str(event["error"])[:600]
            elif kind == "call":
                call = by_id[event["id"]]
                step, deadline = ("call", call.id), time.monotonic() + call.timeout
            elif kind == "result":
                if step != ("call", event["id"]):
                    raise ValueError("a result for a call that was not running")
                report.outcomes[event["id"]] = outcome_from_event(event)
            elif kind == "done":
                if any(c.id not in report.outcomes for c in calls):
                    raise ValueError("the end of the run, forged while calls were left")
                _kill(proc)
                return
    except TimeoutError:
        _kill(proc)
        what = {"startup": "starting Python", "cell": "running this cell", "call": "this call"}[step[0]]
        limit = {"startup": limits.startup_seconds, "cell": limits.cell_seconds}.get(
            step[0], by_id[step[1]].timeout if step[0] == "call" else 0)
        _fail(step, f"timed out: {what} took longer than {limit:g} s (an endless loop?)", "timeout",
              report, skip, calls)
    except (ValueError, KeyError, TypeError) as exc:  # unreadable event: the submission wrote to our pipe
        _kill(proc)
        _fail(step, f"the submission interfered with the grader ({exc})"[:300], "protocol", report, skip, calls)
    finally:
        lines.close()
        if proc.poll() is None:
            _kill(proc)


def _fail(step: tuple[str, Any], message: str, kind: str, report: RunReport, skip: set[int],
          calls: list[Call]) -> None:
    """Charge a failure to the step that was running when it happened."""
    where, key = step
    if where == "cell":
        report.cell_errors[key] = message
        skip.add(key)
    elif where == "call":
        report.outcomes[key] = Outcome(error=message, kind=kind)
    else:  # the interpreter itself could not start: nothing can be graded
        for call in calls:
            report.outcomes.setdefault(call.id, Outcome(error=f"could not start: {message}", kind=kind))
