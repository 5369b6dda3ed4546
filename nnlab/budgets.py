"""CPU budgets that follow from the reference: a call may use ``MULTIPLE`` times the CPU time the
reference needs for the same case, plus ``FLOOR`` seconds, and never more than the case's own
``timeout`` (the cap); a cell ``MULTIPLE`` times what the reference's graded cells take all
together, plus ``CELL_FLOOR``, capped by :attr:`Limits.cell_cpu_seconds`. Budgets count CPU
time, so a busy machine fails nobody; an endless loop costs its budget, not the cap. The
reference's times are measured on the inputs drawn for one calibration student (hidden inputs
differ in values, not in size), once per week version, grader and machine: kept in
``$XDG_CACHE_HOME/nnlab/budgets/`` (``~/.cache``), so a class graded again, or the next class,
does not time the reference again.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import threading
import time
from dataclasses import replace
from pathlib import Path

from nnlab.cases import Case, instantiate
from nnlab.week import Week
from nnlab.sandbox.launch import Limits

MULTIPLE, FLOOR, CELL_FLOOR = 10.0, 1.0, 2.0
CALIBRATION = "budget-calibration"
_measured: dict[tuple[str, str], dict[str, float]] = {}
_cells: dict[tuple[str, str], float] = {}
_lock = threading.Lock()


def reference_seconds(case: Case, week: Week) -> float | None:
    """CPU seconds the reference takes for ``case`` (None when it cannot be timed here: an answer
    variable, or a function the reference module does not define)."""
    fn = getattr(week.ref, case.function, None)
    if case.mode != "call" or not callable(fn):
        return None
    ctx = instantiate(case, week.assignment, CALIBRATION, week.ref).context(week.ref, CALIBRATION, {})
    args, kwargs = ctx.args, ctx.kwargs
    start = time.thread_time()
    try:
        fn(*args, **kwargs)
    except Exception:  # noqa: BLE001 - a case the reference cannot run is timed by its cap
        return None
    return time.thread_time() - start


def call_budgets(week: Week) -> dict[str, float]:
    """CPU seconds each case's call may use, by case name."""
    key = (week.assignment, week.fingerprint)
    with _lock:
        if key not in _measured:
            _measured[key] = {c.name: budget(c, s) for c, s in zip(week.cases, _reference_times(week))}
        return _measured[key]


def _reference_times(week: Week) -> list[float | None]:
    """:func:`reference_seconds` of each case, from this machine's cache when it has them."""
    cache = _cache_file(week)
    try:
        kept = json.loads(cache.read_text())
        if len(kept) == len(week.cases):
            return kept
    except (OSError, ValueError):
        pass
    times = [reference_seconds(c, week) for c in week.cases]
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(times))
    except OSError:
        pass  # a read-only home: measured again next time
    return times


def _cache_file(week: Week) -> Path:
    """Where this machine keeps the reference's times for this version of ``week`` and the grader."""
    machine = hashlib.sha256(f"{platform.node()} {platform.machine()} {platform.processor()} "
                             f"{platform.python_version()}".encode()).hexdigest()[:12]
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return home / "nnlab" / "budgets" / f"{week.assignment}-{week.fingerprint}-{machine}.json"


def budget(case: Case, seconds: float | None) -> float:
    """``MULTIPLE`` times the reference's ``seconds`` plus ``FLOOR``, capped by the case's timeout."""
    return case.timeout if seconds is None else min(case.timeout, MULTIPLE * seconds + FLOOR)


def cell_limits(week: Week, limits: Limits) -> Limits:
    """``limits`` with the cell budget that follows from ``week``'s reference: its graded cells
    (the reference module) run again here, timed."""
    key = (week.assignment, week.fingerprint)
    with _lock:
        if key not in _cells:
            from nnlab.sandbox import noplot

            code = compile(week.course.reference_file(week.assignment).read_text(), "reference", "exec")
            start = time.thread_time()
            with noplot.stand_in():
                exec(code, {"__name__": f"nnlab_budget_{week.assignment}"})  # noqa: S102 - the course's own code
            _cells[key] = time.thread_time() - start
    return replace(limits, cell_cpu_seconds=min(limits.cell_cpu_seconds, MULTIPLE * _cells[key] + CELL_FLOOR))
