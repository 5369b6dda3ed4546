"""The sandboxed side: run a submission's cells, make the calls the parent asks for, stream plain results.

Protocol: the parent gives one JSON job on stdin::

    {"cells": [{"index": 3, "source": "..."}], "calls": [{"id": ..., "name": ..., "mode": "call"|"value",
     "args": [...], "kwargs": {...}}]}

and the child writes one JSON event per line on the file descriptor given as argv[1]
(argv[2] holds its resource limits):
``cell``/``cell_done`` around each cell, ``call``/``result`` around each call, ``done`` at the end.
The parent times every step from those events, so a hung cell or call is killed and skipped.
Only the standard library, numpy and :mod:`plain` are imported here: this runs inside the sandbox.
"""
from __future__ import annotations

import builtins
import io
import json
import linecache
import os
import resource
import sys
import time
import traceback
import warnings
from typing import Any, Callable

import numpy as np

from nnlab.sandbox import plain

_write = os.write
_dumps = json.dumps
_perf = time.perf_counter
_catch_warnings = warnings.catch_warnings  # bound before any student code can replace them
_simplefilter = warnings.simplefilter
_errstate = np.errstate
NUMPY_DEFAULTS = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}


def _poly(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> Callable[[np.ndarray], float]:
    """Scalar test function ``sum(a x^3 + b x^2 + c x)`` used to check numerical gradients."""

    def f(x: np.ndarray) -> float:
        x = np.asarray(x, dtype=float)
        return float(np.sum(a * x**3 + b * x**2 + c * x))

    return f


def _sin_dot(a: np.ndarray) -> Callable[[np.ndarray], float]:
    """Scalar test function ``sum(sin(a * x))``."""

    def f(x: np.ndarray) -> float:
        return float(np.sum(np.sin(a * np.asarray(x, dtype=float))))

    return f


FUNCTIONS: dict[str, Callable[..., Callable[[np.ndarray], float]]] = {"poly": _poly, "sin_dot": _sin_dot}


def materialize(data: Any, namespace: dict[str, Any]) -> Any:
    """Turn an argument spec into live values: ``$ref`` names a submission variable,
    ``$rng`` builds a seeded Generator, ``$fn`` a known scalar function; the rest is plain data."""
    if isinstance(data, list):
        return [materialize(x, namespace) for x in data]
    if isinstance(data, dict) and len(data) == 1:
        (tag, body), = data.items()
        if tag == "$ref":
            if body not in namespace:
                raise NameError(f"name {body!r} is not defined")
            return namespace[body]
        if tag == "$rng":
            return np.random.default_rng(body)
        if tag == "$fn":
            kind, params = body
            return FUNCTIONS[kind](**{k: plain.decode(v) for k, v in params.items()})
        if tag == "$tuple":
            return tuple(materialize(x, namespace) for x in body)
        if tag == "$dict":
            return {plain.decode(k): materialize(v, namespace) for k, v in body}
    return plain.decode(data)


def describe_exception(exc: BaseException) -> str:
    """``Type: message`` plus the innermost line of the submission's own code."""
    text = f"{type(exc).__name__}: {exc}"[:400]
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith("<cell")]
    if frames:
        last = frames[-1]
        text += f" (in {last.filename[1:-1]}, line {last.lineno}: {(last.line or '').strip()[:120]})"
    return text


def evaluate(call: dict[str, Any], namespace: dict[str, Any]) -> dict[str, Any]:
    """Make one call (or read one variable) in ``namespace``; return a plain result record."""
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
        with _catch_warnings(record=True) as caught, _errstate(**NUMPY_DEFAULTS):
            _simplefilter("always")
            start = _perf()
            result = target(*args, **kwargs)
            value = plain.encode(result)  # generators are consumed here, inside the timed call
            seconds = _perf() - start
    except NotImplementedError:
        return {"error": "not implemented yet (it raises NotImplementedError)", "kind": "stub"}
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt too: it is untrusted code
        return {"error": describe_exception(exc), "kind": "exception"}
    record = {"value": value, "args_after": plain.encode([list(args), kwargs]), "seconds": seconds}
    said = list(dict.fromkeys(f"{w.category.__name__}: {w.message}"[:200] for w in caught))
    if said:
        record["warnings"] = said[:3]
    return record


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


def main() -> None:
    """Entry point inside the sandbox: limit resources, read the job, stream events, exit."""
    fd = int(sys.argv[1])
    limit_resources(**json.loads(sys.argv[2]))
    job = json.loads(sys.stdin.read())
    sys.stdin = io.StringIO()

    def send(event: dict[str, Any]) -> None:
        _write(fd, (_dumps(event) + "\n").encode())

    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins,
                                 "get_ipython": _IPythonStub}
    send({"ev": "ready"})
    for cell in job["cells"]:
        send({"ev": "cell", "i": cell["index"]})
        send({"ev": "cell_done", "i": cell["index"], "error": run_cell(cell["index"], cell["source"], namespace)})
    for call in job["calls"]:
        send({"ev": "call", "id": call["id"]})
        send({"ev": "result", "id": call["id"], **evaluate(call, namespace)})
    send({"ev": "done"})
    sys.stdout.flush()
    os._exit(0)  # skip atexit hooks and threads the submission may have left behind


if __name__ == "__main__":
    main()
