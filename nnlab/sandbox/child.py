"""The sandboxed side: run a submission's cells, make the calls the parent asks for, stream plain results.

Protocol: the parent gives one JSON job on stdin::

    {"cells": [{"index": 3, "source": "..."}], "calls": [{"id": ..., "name": ..., "mode": "call"|"value",
     "args": [...], "kwargs": {...}, "record": [names of graded helpers, optional]}]}

and the child writes one JSON event per line on the file descriptor given as argv[1]
(argv[2] holds its resource limits):
``cell``/``cell_done`` around each cell, ``call``/``result`` around each call, ``done`` at the end.
Each cell may use ``job["cell_cpu"]`` seconds of CPU time and each call its ``"cpu"``.
The ``result`` of a call with ``record`` also holds ``helpers``: what those were asked and answered.
The parent times every step from those events, so a hung cell or call is killed and skipped.
Only the standard library, numpy and :mod:`plain` are imported here: this runs inside the sandbox.
"""
from __future__ import annotations

import builtins
import copy
import functools
import io
import itertools
import json
import linecache
import math
import os
import resource
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Iterator
from types import FunctionType
from typing import Any, Callable

import numpy as np

from nnlab.markers import Missing, materialize
from nnlab.sandbox import noplot, plain

_write = os.write
_getrusage, _getrlimit, _setrlimit = resource.getrusage, resource.getrlimit, resource.setrlimit
_setitimer = signal.setitimer
_dumps = json.dumps
_perf = time.perf_counter
_catch_warnings = warnings.catch_warnings  # bound before any student code can replace them
_simplefilter = warnings.simplefilter
_errstate = np.errstate
_ndarray, _generic = np.ndarray, np.generic
_same_data = plain.same_data
NUMPY_DEFAULTS = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}


def describe_exception(exc: BaseException) -> str:
    """``Type: message`` plus where in the submission's own code, as the student can find it."""
    return f"{type(exc).__name__}: {short_message(exc)}{_where(exc)}"


def short_message(exc: BaseException, limit: int = 200) -> str:
    """The exception's message on one line of at most ``limit`` characters, without multi-line dumps of values."""
    text = exc.msg if isinstance(exc, SyntaxError) and exc.msg else str(exc)
    first, newline, _ = text.partition("\n")
    if newline:
        first = f"{_before_open_bracket(first)} [...]"
    return first if len(first) <= limit else first[:limit - 3] + "..."


def _before_open_bracket(line: str) -> str:
    """``line`` up to the first bracket it leaves open (where a multi-line repr of an array begins)."""
    opened = []
    for i, char in enumerate(line):
        if char in "([{":
            opened.append(i)
        elif char in ")]}" and opened:
            opened.pop()
    return line[:opened[0]].rstrip() if opened else line.rstrip()


def _where(exc: BaseException) -> str:
    """`` (in f, line 4 of its cell: code)`` for the innermost frame in a function of the submission,
    `` (line 4: code)`` at the top level of a cell (the grader names the cell by its first line)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith("<cell")]
    if frames:
        lineno, name, line = frames[-1].lineno, frames[-1].name, frames[-1].line
    elif isinstance(exc, SyntaxError) and (exc.filename or "").startswith("<cell"):
        lineno, name, line = exc.lineno, "<module>", exc.text
    else:
        return ""
    place = f"line {lineno}" if name == "<module>" else f"in {name}, line {lineno} of its cell"
    return f" ({place}: {(line or '').strip()[:120]})"


def _raised_in(exc: BaseException, fn: Any) -> bool:
    """Whether ``exc`` was raised by ``fn``'s own code (not by a function it called)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and tb.tb_frame.f_code is getattr(fn, "__code__", None)


def evaluate(call: dict[str, Any], namespace: dict[str, Any]) -> dict[str, Any]:
    """Make one call (or read one variable) in ``namespace``; return a plain result record, with
    what the graded helpers that ``call["record"]`` names were asked and answered (see :class:`Recorder`)."""
    with Recorder(namespace, call.get("record") or ()) as recorder:
        record = _evaluate(call, namespace)
    with _catch_warnings(record=True), _errstate(**NUMPY_DEFAULTS):
        recorder.verify()
    return {**record, **recorder.result()}


def _evaluate(call: dict[str, Any], namespace: dict[str, Any]) -> dict[str, Any]:
    name = call["name"]
    if name not in namespace:
        return {"error": f"{name} is not defined (did its cell run without an error?)", "kind": "missing"}
    target = namespace[name]
    if call["mode"] != "value" and not callable(target):
        return {"error": f"{name} is not a function", "kind": "missing"}
    try:
        if call["mode"] == "value":
            return {"value": plain.encode(target)}
        args = materialize(call.get("args", []), namespace)
        kwargs = materialize(call.get("kwargs", {"$dict": []}), namespace)
        try:
            pristine = _copy([list(args), kwargs], _refuse)  # to send the arguments back only if changed
        except Exception:  # noqa: BLE001 - not plain data (the student's own objects): always sent back
            pristine = _NOT_KEPT
        with _catch_warnings(record=True) as caught, _errstate(**NUMPY_DEFAULTS):
            _simplefilter("always")
            start = _perf()
            result = target(*args, **kwargs)
            value = plain.encode(result)  # generators are consumed here, inside the timed call
            seconds = _perf() - start
    except Missing as exc:
        return {"error": f"{exc} is not defined (did its cell run without an error?)", "kind": "missing"}
    except NotImplementedError as exc:
        if _raised_in(exc, target):
            return {"error": "not implemented yet (it raises NotImplementedError)", "kind": "stub"}
        return {"error": describe_exception(exc), "kind": "exception"}  # a function it calls is a stub
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt too: it is untrusted code
        return {"error": describe_exception(exc), "kind": "exception"}
    record = {"value": value, "seconds": seconds}
    if pristine is _NOT_KEPT or not _same_data(pristine, [list(args), kwargs]):  # as the parent compares
        record["args_after"] = plain.encode([list(args), kwargs])  # the parent names what changed
    said = list(dict.fromkeys(f"{w.category.__name__}: {w.message}"[:200] for w in caught))
    if said:
        record["warnings"] = said[:3]
    return record


MAX_RECORDED_CALLS = 10_000
MAX_RECORDED_BYTES = 8 * 1024 * 1024  # of arguments and answers, as numbers in memory


class Recorder:
    """For one call: wraps the graded helpers ``names`` in ``namespace`` and keeps, as plain data, the
    arguments and the answer (or the exception's type) of each outermost call made to them, until a cap
    (the grader replays them, see ``nnlab/replay.py``). The caller gets a fresh copy of the kept answer,
    so what is kept is what it used; an answer that is not plain data is passed on and not kept.
    A finished record is kept as one JSON string (thousands of small containers would slow the
    garbage collector down). On exit the namespace gets its own functions back; then :meth:`verify`
    checks every record against the helper itself."""

    def __init__(self, namespace: dict[str, Any], names: Any) -> None:
        self.namespace = namespace
        self.own = {n: namespace[n] for n in names if type(namespace.get(n)) is FunctionType}
        self.wrappers = {n: self._wrap(n, fn) for n, fn in self.own.items()}
        self.calls: list[Any] = []  # JSON strings, and the dicts of iterators still being read
        self.again: list[tuple[tuple, dict]] = []  # a copy of each kept call's arguments, for verify()
        self.complete, self.bytes, self.depth = True, 0, 0

    def __enter__(self) -> "Recorder":
        self.namespace.update(self.wrappers)
        return self

    def __exit__(self, *exc: object) -> None:
        for name, wrapper in self.wrappers.items():
            if self.namespace.get(name) is wrapper:
                self.namespace[name] = self.own[name]

    def result(self) -> dict[str, Any]:
        """The kept calls, for the result event; ``complete`` is false when recording stopped at its cap."""
        calls = [c if type(c) is str else _dumps(c) for c in self.calls]
        return {"helpers": {"calls": calls, "complete": self.complete}} if self.own else {}

    def verify(self) -> None:
        """Call each helper again, directly, on a copy of every kept call's arguments: unless every
        answer (or exception) comes back the same, nothing is kept. A record written by anything but
        the wrapper, or a helper that answers its caller otherwise than it answers, is not trusted."""
        for call, (args, kwargs) in zip(self.calls, self.again):
            record = call if type(call) is dict else json.loads(call)
            if not self._same(record, args, kwargs):
                self.calls, self.complete = [], False
                return

    def _wrap(self, name: str, fn: Callable) -> Callable:
        def helper(*args: Any, **kwargs: Any) -> Any:
            record = None if self.depth else self._start(name, args, kwargs)
            if record is None:
                return fn(*args, **kwargs)
            self.depth += 1
            try:
                answer = fn(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - kept, then raised on unchanged
                record["raised"] = type(exc).__name__
                self._finish(record)
                raise
            finally:
                self.depth -= 1
            return self._keep(record, answer)

        return functools.wraps(fn)(helper)

    def _room(self, size: int) -> bool:
        """Whether ``size`` more bytes fit under the cap; past it, recording stops for good."""
        self.complete = self.complete and self.bytes + size <= MAX_RECORDED_BYTES
        self.bytes += size if self.complete else 0
        return self.complete

    def _start(self, name: str, args: tuple, kwargs: dict) -> dict[str, Any] | None:
        """A new record of a call's arguments, kept from a copy (so an iterator is not consumed), or None."""
        if len(self.calls) >= MAX_RECORDED_CALLS:
            self.complete = False
        try:
            again = _copy((args, kwargs), copy.deepcopy)
        except Exception:  # noqa: BLE001 - an argument that cannot be copied: this call goes unrecorded
            return None
        if not self._room(_nbytes(again)):
            return None
        record = {"fn": name, "args": plain.encode(list(again[0])), "kwargs": plain.encode(again[1]),
                  "at": len(self.calls)}
        self.calls.append(record)
        self.again.append(again)
        return record

    def _finish(self, record: dict[str, Any]) -> None:
        at = record.pop("at")
        self.calls[at] = _dumps(record)

    def _keep(self, record: dict[str, Any], answer: Any) -> Any:
        """The answer to hand on: a kept copy, or the answer itself when it cannot be kept."""
        if isinstance(answer, Iterator):
            return self._items(record, answer)
        kept = self._copy_within_cap(answer)
        if kept is not _NOT_KEPT:
            record["value"] = plain.encode(kept)
        self._finish(record)
        return answer if kept is _NOT_KEPT else kept

    def _items(self, record: dict[str, Any], items: Iterator) -> Iterator:
        """An iterator's items, kept as they come (``partial`` until the caller exhausts it)."""
        kept: list[Any] = []
        record.update(items=kept, partial=True)
        record.pop("at")

        def each() -> Iterator:
            keeping = True
            for item in items:
                mine = self._copy_within_cap(item) if keeping else _NOT_KEPT
                keeping = mine is not _NOT_KEPT
                if keeping:
                    kept.append(plain.encode(mine))
                yield mine if keeping else item
            record["partial"] = not keeping

        return each()

    def _same(self, record: dict[str, Any], args: tuple, kwargs: dict) -> bool:
        """Whether the helper, called again, answers (or raises) as the record says."""
        try:
            answer = self.own[record["fn"]](*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - untrusted code; compared with the record
            return record.get("raised") == type(exc).__name__
        if "value" in record:
            return record["value"] == _encoded(answer)
        if "items" in record:
            if not isinstance(answer, Iterator):
                return False
            items = [_encoded(item) for item in itertools.islice(answer, len(record["items"]))]
            return items == record["items"] and (record["partial"] or next(answer, _NOT_KEPT) is _NOT_KEPT)
        return "raised" not in record

    def _copy_within_cap(self, value: Any) -> Any:
        try:
            kept = _copy(value, _refuse)
        except Exception:  # noqa: BLE001 - not plain data (or too deep): not kept
            return _NOT_KEPT
        return kept if self._room(_nbytes(kept)) else _NOT_KEPT


_NOT_KEPT = object()
_SCALARS = (type(None), bool, int, float, str)


def _refuse(x: Any) -> Any:
    raise TypeError(f"{type(x).__name__} is not plain data")


def _copy(x: Any, other: Callable[[Any], Any], depth: int = 0) -> Any:
    """A fresh copy of plain data with its exact types (numbers, strings, numeric arrays, lists,
    tuples, dicts); anything else becomes ``other(x)``."""
    kind = type(x)
    if kind in _SCALARS or (isinstance(x, _generic) and kind.__module__ == "numpy"
                            and x.dtype.kind in plain.NUMERIC_KINDS):
        return x
    if kind is _ndarray and x.dtype.kind in plain.NUMERIC_KINDS:
        return x.copy()
    if kind in (list, tuple) and depth < plain.MAX_DEPTH:
        return kind([_copy(e, other, depth + 1) for e in x])
    if kind is dict and depth < plain.MAX_DEPTH:
        return {_copy(k, other, depth + 1): _copy(v, other, depth + 1) for k, v in x.items()}
    return other(x)


def _encoded(x: Any) -> Any:
    """``x`` encoded as a kept answer is, or None when it cannot be kept."""
    try:
        return plain.encode(_copy(x, _refuse))
    except Exception:  # noqa: BLE001 - not plain data
        return None


def _nbytes(x: Any) -> int:
    """The memory a copy made by :func:`_copy` holds, roughly (8 bytes a scalar)."""
    if type(x) is _ndarray:
        return x.nbytes
    if type(x) in (list, tuple):
        return sum(map(_nbytes, x))
    if type(x) is dict:
        return sum(map(_nbytes, x.values()))
    return 8


class _IPythonStub:
    """Stands in for ``get_ipython()``: magics and shell escapes are not executed while grading."""

    def __getattr__(self, attr: str) -> Callable[..., None]:
        return lambda *a, **k: None


def run_cell(index: int, source: str, namespace: dict[str, Any]) -> str | None:
    """Execute one cell; return None or a description of what went wrong."""
    filename = f"<cell {index}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - the point of the sandbox
    except BaseException as exc:  # noqa: BLE001
        return describe_exception(exc)
    return None


def limit_resources(memory_mb: int, cpu_seconds: int, file_mb: int) -> None:
    """Cap address space, CPU time and file size; student code cannot raise them again."""
    mb = 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * mb, memory_mb * mb))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_mb * mb, file_mb * mb))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def cpu_budget(seconds: float) -> None:
    """Let the next step use ``seconds`` more CPU time: past it a profiling timer stops the process
    (SIGPROF, to the millisecond) and, should the submission disarm that, the kernel does at the
    next whole second (SIGXCPU); so an endless loop costs its budget, not the wall-clock deadline.
    :func:`end_budget` disarms the timer when the step is over."""
    used = _getrusage(resource.RUSAGE_SELF)
    _, hard = _getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(used.ru_utime + used.ru_stime + seconds)
    _setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    _setitimer(signal.ITIMER_PROF, seconds)


def end_budget() -> None:
    """The step is over: its timer must not stop the process while it reports."""
    _setitimer(signal.ITIMER_PROF, 0)


def main() -> None:
    """Entry point inside the sandbox: limit resources, read the job, stream events, exit."""
    serve(int(sys.argv[1]), json.loads(sys.argv[2]), sys.stdin)


def serve(fd: int, caps: dict[str, int], job_file: Any) -> None:
    """Set the resource limits ``caps``, read the job from ``job_file``, write its events to ``fd``
    and end the process."""
    limit_resources(**caps)
    job = json.loads(job_file.read())
    sys.stdin = io.StringIO()

    def send(event: dict[str, Any]) -> None:
        _write(fd, (_dumps(event) + "\n").encode())

    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins,
                                 "get_ipython": _IPythonStub}
    noplot.install()  # grading looks at no picture: plotting cells cost nothing
    send({"ev": "ready"})
    for cell in job["cells"]:
        send({"ev": "cell", "i": cell["index"]})
        cpu_budget(job["cell_cpu"])
        error = run_cell(cell["index"], cell["source"], namespace)
        end_budget()
        send({"ev": "cell_done", "i": cell["index"], "error": error})
    for call in job["calls"]:
        send({"ev": "call", "id": call["id"]})
        cpu_budget(call["cpu"])
        record = evaluate(call, namespace)
        end_budget()
        send({"ev": "result", "id": call["id"], **record})
    send({"ev": "done"})
    sys.stdout.flush()
    os._exit(0)  # skip atexit hooks and threads the submission may have left behind


if __name__ == "__main__":
    main()
