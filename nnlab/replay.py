"""Each mistake is charged once: a graded function whose own code is right keeps its points when a
graded helper it calls is wrong.

A function's *helpers* are the graded functions its reference calls (found in the reference's code,
or declared with ``Case.helpers``). When a case fails and a helper of its function lost points in
cases of its own (its mistake is charged there), the grader runs that case again with recording on:
the child keeps, as plain data, what the function asked its helpers and what they answered, hands
the function copies of the kept answers, then asks each helper again to check every record
(:class:`nnlab.sandbox.child.Recorder`). Nothing of the reference enters the child. Here, the
reference function runs with every helper call answered from those records (the *replay*), and the
output is judged against that: right, given your helper. Then the case keeps its points. The replay
gives up, and the case stays failed, when the reference asks a helper something the student's
function did not; a case that modified its input, warned, hung or crashed is never excused.

A variable judged through a graded function (the AND gate's weights through ``perceptron_predict``)
is judged through the reference function instead, when the student's function lost points of its own.

Records are trusted for nothing else. They can only excuse an output equal to the reference run on
the recorded answers, and only when the helper that answered is charged in its own cases: a helper
right there excuses nothing, whatever it answered its caller. A record the wrapper did not write, or
an answer the helper does not give again, voids the recording. Code that rewrites the grader's own
code in the child can forge records as it can forge any output, and still gains nothing unless a
helper loses points of its own.

A raising or degenerate helper answer stops the function: the case is excused when the reference,
given that answer, fails as well (the rest of the function did not run). Two kinds of call are
checked only in part, and excused only when the function has other cases and all of them are right:
- a call stopped by a helper that is still a stub (raises NotImplementedError): a function that gets
  no further than its unwritten helper, and returns anything after it, gains nothing;
- a run longer than the recording's cap (training on the digits: thousands of helper calls) is
  judged on its beginning: the reference, replayed, must ask for every recorded call, alike, before
  it needs one past the cap.
"""
from __future__ import annotations

import copy
import warnings
from dataclasses import dataclass, replace
from types import CodeType, FunctionType, SimpleNamespace
from typing import Any, Callable, Iterator

import numpy as np

from nnlab.calls import HelperCall, Outcome
from nnlab.cases import Case, Instance
from nnlab.judge import REF, Close, Context, Verdict
from nnlab.sandbox import plain
from nnlab.markers import has_marker

TOO_LONG = "this run is too long for the grader to check"
LONG, STUB = "long", "stub"  # a call the replay checks only in part (see _right_given_helpers)


def graded_functions(cases: list[Case], ref: Any) -> frozenset[str]:
    """The targets that are functions of the reference (quiz answers and other variables are not)."""
    return frozenset(c.target for c in cases if isinstance(getattr(ref, c.target, None), FunctionType))


def helpers(case: Case, graded: frozenset[str], ref: Any) -> tuple[str, ...]:
    """The graded functions whose calls the child records for ``case``: the helpers of its function,
    or, for a variable judged through a graded function, that function itself."""
    fn = case.function
    if case.mode != "call" or fn not in graded:
        return ()
    if case.target not in graded:
        return (fn,)
    if case.helpers is not None:
        return case.helpers
    return tuple(sorted(_global_names(getattr(ref, fn).__code__) & graded - {fn}))


def _global_names(code: CodeType) -> set[str]:
    """The names a function's code, and the lambdas and comprehensions in it, look up."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= _global_names(const)
    return names


def with_helpers(instances: list[Instance], ref: Any) -> list[Instance]:
    """The instances, each knowing the graded helpers its call records."""
    graded = graded_functions([i.case for i in instances], ref)
    return [replace(i, helpers=helpers(i.case, graded, ref)) for i in instances]


def _charged(inst: Instance, outcome: Outcome, faulty: frozenset[str]) -> list[str]:
    """The recorded helpers of this call that lost points in cases of their own (``faulty``)."""
    asked = {c.name for c in outcome.helper_calls}
    return [h for h in inst.helpers if h in asked and h in faulty]


@dataclass(frozen=True)
class Replayed:
    """What the reference, given a failed call's own recorded helper answers, shows about it."""

    right: bool | str  # True, False, or checked in part only: LONG or STUB
    note: str  # what to tell the student when it is excused
    wrong: tuple[str, ...]  # the graded helpers it asked that are wrong
    function: str
    recorded: int  # helper calls recorded


def replayed(inst: Instance, outcome: Outcome, ctx: Context, verdict: Verdict, faulty: frozenset[str]
             ) -> Replayed | None:
    """Replay a failed call with the answers its graded helpers gave (None when nothing can excuse
    it: it passed, asked no wrong helper, or failed in a way no helper causes)."""
    wrong = _charged(inst, outcome, faulty)
    if verdict.passed or not wrong or ctx.ref is None or not helper_may_cause(outcome, verdict):
        return None
    case = inst.case
    if case.target != case.function and inst.helpers == (case.function,):
        right: bool | str = _right_through_reference(inst, outcome, ctx)
        note = f"{case.target} is right, but it is checked with your {case.function}, which is wrong"
    else:
        right = _right_given_helpers(inst, outcome, ctx)
        note = f"{case.function} is right, but it calls your {_listed(wrong)}, which {_be(wrong)} wrong"
    return Replayed(right, note, tuple(wrong), case.function, len(outcome.helper_calls))


def excuse(shown: Replayed | None, verdict: Verdict, siblings_right: bool = False) -> Verdict:
    """``verdict``, or a pass when the replay shows the case failed only because graded helpers it
    asked are wrong. A call the replay can check only in part (a run longer than the recording's
    cap, judged on its recorded beginning; a call stopped by a stub helper) is excused only when
    ``siblings_right`` (every other case of the function is right, given its helpers); otherwise the
    message says what could not be checked."""
    if shown is None:
        return verdict
    if shown.right is True:
        return Verdict(1.0, shown.note)
    if shown.right == LONG and siblings_right:
        return Verdict(1.0, f"{shown.note} (this long run was checked on its first {shown.recorded} helper calls)")
    if shown.right == STUB and siblings_right:
        return Verdict(1.0, f"{shown.note} (it stopped at the stub; its other cases are right)")
    if shown.right in (LONG, STUB):
        wrong = list(shown.wrong)
        them = "it" if len(wrong) == 1 else "them"
        why = (f"{TOO_LONG} {shown.function} on its own" if shown.right == LONG else
               f"{shown.function} stops at the stub, so the rest of it cannot be checked")
        return replace(verdict, message=f"{verdict.message} (it calls your {_listed(wrong)}, which {_be(wrong)} "
                                        f"wrong: fix {them} first; {why})")
    return verdict


def helper_may_cause(outcome: Outcome, verdict: Verdict) -> bool:
    """Whether a wrong helper can explain this failure: a wrong value or an exception can, a changed
    input, a warning, a timeout or a crash cannot, and neither can a stub (the function's own code
    raising NotImplementedError)."""
    if outcome.ok:
        return verdict.symptom not in ("modified", "warning")
    return outcome.kind == "exception"


def _right_given_helpers(inst: Instance, outcome: Outcome, ctx: Context) -> bool | str:
    """Whether the output is the reference's given the recorded helper answers (for a call that
    raised: whether the reference, given them, raises too). Checked in part only: ``LONG`` when the
    recording stopped at its cap and the reference asked for every recorded call, alike, before it
    needed one past the cap; ``STUB`` when both stopped where a helper raised NotImplementedError."""
    replay = Replay(outcome.helper_calls)
    given = replace(ctx, ref=replay.module(ctx.ref, inst.helpers, inst.case.function))
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():  # a wrong helper's answers may
            warnings.simplefilter("ignore")  # overflow in the reference, or leave it an empty window
            if outcome.ok:
                return Close(REF)(outcome.value, given).passed or inst.case.judge(outcome.value, given).passed
            given.expected(REF)
    except ReplayMiss as miss:
        return LONG if miss.beyond and not outcome.helpers_complete and replay.used_all() else False
    except HelperRaised as raised:
        return False if outcome.ok else STUB if raised.args[1] == "NotImplementedError" else True
    except Exception:  # noqa: BLE001 - the reference, given the student's helpers, fails
        return not outcome.ok
    return False


def _right_through_reference(inst: Instance, outcome: Outcome, ctx: Context) -> bool:
    """Whether the student's values pass when the reference function is called on them: the
    arguments the child built (their variables) as recorded, the others as the case gave them."""
    first = outcome.helper_calls[0]
    specs = {plain.decode(k): v for k, v in inst.kwargs_spec.get("$dict", [])}
    if first.name != inst.case.function or len(first.args) != len(inst.args_spec):
        return False
    try:
        args = [theirs if has_marker(spec) else ours
                for spec, theirs, ours in zip(inst.args_spec, first.args, ctx.args)]
        kwargs = {k: first.kwargs[k] if has_marker(spec) else ctx.kwargs[k] for k, spec in specs.items()}
        value = plain.decode(plain.encode(getattr(ctx.ref, inst.case.function)(*args, **kwargs)))
        return inst.case.judge(value, ctx).passed
    except Exception:  # noqa: BLE001 - the reference cannot take these values: not excused
        return False


class ReplayMiss(BaseException):
    """The reference asked a helper something the student's function did not (``beyond``: after the
    last record of that helper). A BaseException, so that no ``except Exception`` can swallow it."""

    def __init__(self, beyond: bool) -> None:
        super().__init__(beyond)
        self.beyond = beyond


class HelperRaised(BaseException):
    """The student's helper raised at this call."""


class Replay:
    """Answers the reference's helper calls from the recorded ones: each call takes the first unused
    record of that helper with alike arguments (repeated calls are answered in their order)."""

    def __init__(self, calls: tuple[HelperCall, ...]) -> None:
        self.calls = calls
        self.pending: dict[str, list[HelperCall]] = {}

    def reset(self) -> None:
        self.pending = {}
        for call in self.calls:
            self.pending.setdefault(call.name, []).append(call)

    def used_all(self) -> bool:
        """Whether every record was asked for, but at most one per helper (the last, unfinished step)."""
        return all(len(left) <= 1 for left in self.pending.values())

    def answer(self, name: str, args: tuple, kwargs: dict) -> Any:
        pending = self.pending.get(name, [])
        for i, call in enumerate(pending):
            if _alike(call.args, args) and _alike(call.kwargs, kwargs):
                del pending[i]
                return _answer(call)
        raise ReplayMiss(beyond=not pending)

    def module(self, ref: Any, names: tuple[str, ...], entry: str) -> SimpleNamespace:
        """The reference with the helpers ``names`` answered by this replay (in every one of its
        functions), whose function ``entry`` starts the replay afresh on each call."""
        space = {**vars(ref), **{name: self._helper(name) for name in names}}
        for key, value in vars(ref).items():
            if isinstance(value, FunctionType) and value.__globals__ is vars(ref) and key not in names:
                space[key] = _rebound(value, space)
        return SimpleNamespace(**{**space, entry: self._fresh(space[entry])})

    def _helper(self, name: str) -> Callable:
        def helper(*args: Any, **kwargs: Any) -> Any:
            return self.answer(name, args, kwargs)

        return helper

    def _fresh(self, fn: Callable) -> Callable:
        def run(*args: Any, **kwargs: Any) -> Any:
            self.reset()
            return fn(*args, **kwargs)

        return run


def _rebound(fn: FunctionType, space: dict[str, Any]) -> FunctionType:
    """``fn`` looking up its global names in ``space``."""
    new = FunctionType(fn.__code__, space, fn.__name__, fn.__defaults__, fn.__closure__)
    new.__kwdefaults__ = fn.__kwdefaults__
    return new


def _answer(call: HelperCall) -> Any:
    """A fresh copy of the student's recorded answer (an iterator again, if it was one)."""
    if call.raised:
        raise HelperRaised(call.name, call.raised)
    if not call.kept or _unsupported(call.value):
        raise ReplayMiss(beyond=not call.kept)
    value = copy.deepcopy(call.value)
    return _each(value, call.partial) if call.items else value


def _each(items: list, partial: bool) -> Iterator:
    yield from items
    if partial:  # the student's caller stopped early, or the items stopped being kept
        raise ReplayMiss(beyond=True)


def _unsupported(x: Any) -> bool:
    if isinstance(x, plain.Unsupported):
        return True
    if isinstance(x, (list, tuple)):
        return any(map(_unsupported, x))
    return isinstance(x, dict) and any(map(_unsupported, x.values()))


def _alike(recorded: Any, actual: Any) -> bool:
    """Whether the reference's argument is the recorded one: equal as plain data, numbers up to
    rounding (a list and a tuple alike; a recorded Generator stands for any Generator)."""
    if isinstance(recorded, plain.Unsupported):
        return recorded.kind == "Generator" and isinstance(actual, np.random.Generator)
    if isinstance(recorded, (list, tuple)):
        return isinstance(actual, (list, tuple)) and len(recorded) == len(actual) and all(map(_alike, recorded, actual))
    if isinstance(recorded, dict):
        return (isinstance(actual, dict) and recorded.keys() == actual.keys()
                and all(_alike(v, actual[k]) for k, v in recorded.items()))
    if isinstance(recorded, np.ndarray) and isinstance(actual, np.ndarray):
        return _close(recorded, actual)
    if isinstance(recorded, (int, float)) and isinstance(actual, (int, float, np.number, np.bool_)):
        return recorded == actual or _close(np.asarray(recorded), np.asarray(actual))
    return type(recorded) is type(actual) and recorded == actual


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    """Same shape and values, up to rounding (equal first: the common case, and fast)."""
    if a.shape != b.shape or a.dtype.kind not in "biuf" or b.dtype.kind not in "biuf":
        return False
    return bool(np.array_equal(a, b, equal_nan=True) or np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True))


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _be(names: list[str]) -> str:
    return "is" if len(names) == 1 else "are"
