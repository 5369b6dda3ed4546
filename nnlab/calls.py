"""What the parent asks the child and what comes back, as plain data: a :class:`Call` (to make, or a
variable to read), its :class:`Outcome` (a value, or an error of some kind), the graded helpers'
calls it recorded (:class:`HelperCall`), and the :class:`RunReport` of one submission."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from nnlab.sandbox import plain


@dataclass(frozen=True)
class Call:
    """One thing to evaluate in the child: call function ``name`` or read variable ``name``.

    ``args`` and ``kwargs`` are encoded already (see :func:`nnlab.markers.encode_args`); the child records the calls
    made to the graded helpers ``record`` names (see :mod:`nnlab.replay`). The call may use ``cpu``
    seconds of CPU time (default: ``timeout``) and ``timeout`` seconds of wall time."""

    id: str
    name: str
    mode: str = "call"
    args: Any = field(default_factory=list)
    kwargs: Any = field(default_factory=lambda: {"$dict": []})
    timeout: float = 10.0
    record: tuple[str, ...] = ()
    cpu: float | None = None

    def spec(self) -> dict[str, Any]:
        spec = {"id": self.id, "name": self.name, "mode": self.mode, "args": self.args, "kwargs": self.kwargs,
                "cpu": self.cpu or self.timeout}
        return {**spec, "record": list(self.record)} if self.record else spec


@dataclass
class Outcome:
    """What happened to one call: a value, or an error of some ``kind``."""

    value: Any = None
    args_after: Any = None
    seconds: float | None = None
    error: str | None = None
    kind: str | None = None  # missing, stub, exception, timeout, crash, protocol, not-run
    warnings: tuple[str, ...] = ()  # what the call warned, with numpy's default error state
    helper_calls: tuple[HelperCall, ...] = ()  # what it asked its graded helpers, as the child recorded it
    helpers_complete: bool = True  # False: the recording stopped at its cap

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class HelperCall:
    """One call a graded function made to a graded helper, as recorded in the child: the arguments, and
    the answer (``kept`` False: it was not plain data, or past the cap) or the exception's type.
    An iterator's answer is the list of its ``items`` (``partial``: the caller did not exhaust it)."""

    name: str
    args: tuple
    kwargs: dict
    value: Any = None
    raised: str = ""
    kept: bool = True
    items: bool = False
    partial: bool = False


@dataclass
class RunReport:
    """Everything the child reported for one submission."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)
    cell_errors: dict[int, str] = field(default_factory=dict)
    seconds: float = 0.0


def outcome_from_event(event: dict[str, Any]) -> Outcome:
    """Rebuild a call's outcome from the child's result record, decoding values strictly."""
    calls, complete = _helper_calls(event.get("helpers"))
    if "error" in event:
        return Outcome(error=str(event["error"])[:800], kind=str(event.get("kind", "exception")),
                       helper_calls=calls, helpers_complete=complete)
    try:
        value = plain.decode(event["value"])
        after = plain.decode(event["args_after"]) if "args_after" in event else None
    except plain.DecodeError as exc:
        return Outcome(error=f"returned something that is not plain data ({exc})", kind="protocol")
    seconds = event.get("seconds")
    said = event.get("warnings")
    said = tuple(str(w)[:200] for w in said[:3]) if isinstance(said, list) else ()
    return Outcome(value=value, args_after=after, warnings=said,
                   seconds=float(seconds) if isinstance(seconds, (int, float)) else None,
                   helper_calls=calls, helpers_complete=complete)


def _helper_calls(data: Any) -> tuple[tuple[HelperCall, ...], bool]:
    """The recorded helper calls of a result event (one JSON text each) and whether the recording is
    complete, decoded strictly: when any record is malformed, none at all."""
    if data is None:
        return (), True
    try:
        return tuple(_helper_call(json.loads(c)) for c in data["calls"]), data["complete"] is True
    except (plain.DecodeError, KeyError, TypeError, ValueError, AttributeError, RecursionError):
        return (), False


def _helper_call(data: dict[str, Any]) -> HelperCall:
    args, kwargs = plain.decode(data["args"]), plain.decode(data["kwargs"])
    if not (isinstance(args, list) and isinstance(kwargs, dict) and all(isinstance(k, str) for k in kwargs)):
        raise ValueError("bad arguments")
    call = HelperCall(str(data["fn"]), tuple(args), kwargs)
    if "raised" in data:
        return replace(call, raised=str(data["raised"])[:100] or "Exception")
    if "value" in data:
        return replace(call, value=plain.decode(data["value"]))
    if "items" in data:
        if not isinstance(data["items"], list):
            raise ValueError("bad items")
        return replace(call, value=plain.decode(data["items"]), items=True, partial=data.get("partial") is not False)
    return replace(call, kept=False)
