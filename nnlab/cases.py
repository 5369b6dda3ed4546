"""Test cases as data: what to call, on which inputs, how to judge it, for how many points.

A week's case table (``autograder/<id>/cases.py``) is a list of :class:`Case`. Each case is
instantiated per student with inputs drawn from a seed of (assignment, student, case) salted with the
submission's code, so hidden inputs differ between students, between submissions and from the public
ones, and grading the same notebook twice gives the same result.
Public cases are instantiated with the student ``"public"`` and shipped to students as JSON
(:func:`public_data`); the same :func:`judge_outcome` judges them in a student's notebook and in
the grader.
"""
from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from nnlab.judge import Context, Verdict, describe, fail, judge_from_data
from nnlab.sandbox import plain
from nnlab.calls import Call, Outcome
from nnlab.markers import encode_args, has_marker

PUBLIC = "public"


@dataclass(frozen=True)
class Args:
    """Positional and keyword arguments of one call."""

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        object.__setattr__(self, "args", args)
        object.__setattr__(self, "kwargs", kwargs)


@dataclass(frozen=True)
class Case:
    """One graded check of one target (a contract function or ``answer_...`` variable).

    ``inputs(rng)`` builds the arguments (an :class:`Args` or a tuple) from a seeded generator;
    ``function`` is the function the child calls (default: ``target``; another one judges a variable
    through a graded function); ``mode="value"`` reads the variable instead. ``about`` says in a few
    words what the case feeds in ("scores near 1e4");
    ``messages`` adds advice per symptom (``"nan"``, ``"shape"``, ``"value"``, ``"modified"``...).
    ``warning_free=True`` fails a right value that came with a warning (overflow in ``exp``...).
    ``repeat=True`` makes the call a second time on fresh copies of the same arguments (a new
    generator of the same seed); the judge finds that value in ``ctx.extra["again"]``, to check that
    a function draws its randomness from its ``rng`` argument only.
    ``helpers`` names the graded functions the function calls (default: those its reference calls);
    a case that fails only because one of them is wrong keeps its points (see :mod:`nnlab.replay`).
    """

    name: str
    target: str
    judge: Any
    inputs: Callable[[np.random.Generator], Args | tuple] | None = None
    points: float = 1.0
    public: bool = False
    function: str = ""
    mode: str = "call"
    about: str = ""
    timeout: float = 5.0
    pure: bool = True
    extra_values: tuple[str, ...] = ()
    messages: dict[str, str] = field(default_factory=dict)
    warning_free: bool = False
    repeat: bool = False
    helpers: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "function", self.function or self.target)


def seed_for(assignment: str, student: str, case: str, salt: str = "") -> int:
    """A stable 64-bit seed for one (assignment, student, case) and, when given, the submission's ``salt``."""
    digest = hashlib.sha256(f"{assignment}\x00{student}\x00{case}".encode()
                            + (f"\x00{salt}".encode() if salt else b"")).digest()
    return int.from_bytes(digest[:8], "little")


@dataclass(frozen=True)
class Instance:
    """A case with concrete (encoded) arguments, ready to run and judge; ``helpers`` are the graded
    functions whose calls the child can record (see :func:`nnlab.replay.with_helpers`)."""

    case: Case
    args_spec: Any
    kwargs_spec: Any
    arg_names: tuple[str, ...] = ()
    helpers: tuple[str, ...] = ()
    cpu: float | None = None  # CPU seconds the call may use (see nnlab.budgets); None: the case's timeout

    def calls(self, record: bool = False) -> list[Call]:
        """The child calls this instance needs: the target (twice with ``repeat``), then any extra variables;
        with ``record``, the target's calls to its graded helpers are recorded."""
        case = self.case
        main = Call(case.name, case.function, case.mode, self.args_spec, self.kwargs_spec, case.timeout,
                    self.helpers if record else (), self.cpu)
        again = [Call(f"{case.name}#again", case.function, case.mode, self.args_spec, self.kwargs_spec,
                      case.timeout, cpu=self.cpu)] if case.repeat else []
        return [main] + again + [Call(f"{case.name}#{v}", v, "value") for v in case.extra_values]

    def context(self, ref: Any, student: str, extra: dict[str, Any]) -> Context:
        return Context(self.args_spec, self.kwargs_spec, self.case.function, self.case.mode, ref, student, extra)


def instantiate(case: Case, assignment: str, student: str, ref: Any = None, salt: str = "") -> Instance:
    """Draw the case's inputs for ``student`` and the submission's ``salt`` (public cases: for
    ``PUBLIC``, unsalted) and encode them."""
    drawn_for, salt = (PUBLIC, "") if case.public else (student, salt)
    made = case.inputs(np.random.default_rng(seed_for(assignment, drawn_for, case.name, salt))) if case.inputs else Args()
    if not isinstance(made, Args):
        made = Args(*made)
    names: tuple[str, ...] = ()
    fn = getattr(ref, case.function, None) if ref is not None else None
    if fn is not None and case.mode == "call":
        names = tuple(inspect.signature(fn).parameters)
    return Instance(case, encode_args(list(made.args)), encode_args(dict(made.kwargs)), names)


def _arg_label(instance: Instance, i: int) -> str:
    return f"`{instance.arg_names[i]}`" if i < len(instance.arg_names) else f"number {i + 1}"


def _modified(instance: Instance, outcome: Outcome) -> str | None:
    """Name the first argument the call changed in place, if any (child-built arguments excepted)."""
    after = outcome.args_after
    if not (isinstance(after, list) and len(after) == 2 and isinstance(after[1], dict)):
        return None
    args_after, kwargs_after = after
    sent_kwargs = {plain.decode(k): v for k, v in instance.kwargs_spec.get("$dict", [])}
    pairs = [(_arg_label(instance, i), spec, back)
             for i, (spec, back) in enumerate(zip(instance.args_spec, args_after))]
    pairs += [(f"`{k}`", spec, kwargs_after.get(k)) for k, spec in sent_kwargs.items()]
    for label, spec, back in pairs:
        if not has_marker(spec) and not plain.same_data(plain.decode(spec), back):
            return label
    return None


ERROR_SYMPTOMS = {"missing": "missing", "stub": "not implemented", "exception": "exception",
                  "timeout": "timeout", "crash": "crash", "protocol": "interference", "not-run": "not run"}


def judge_outcome(instance: Instance, outcome: Outcome, ctx: Context) -> Verdict:
    """Decide one case from the child's plain outcome; the message names function, case and symptom,
    and shows expected values (the verdict's detail) for public cases only."""
    case = instance.case
    head = case.function + (f" on {case.about}" if case.about else f" [{case.name}]")
    if case.mode == "value":
        head = case.target
    elif case.function != case.target:
        head = f"{case.target} ({head})"
    if not outcome.ok:
        verdict = fail(ERROR_SYMPTOMS.get(outcome.kind or "", "exception"), str(outcome.error))
    elif case.pure and case.mode == "call" and (arg := _modified(instance, outcome)):
        verdict = fail("modified", f"changed its argument {arg} in place; a graded function must not modify "
                                   "its inputs (work on a copy)")
    else:
        try:
            verdict = case.judge(outcome.value, ctx)
        except Exception as exc:  # noqa: BLE001 - an odd output must not stop grading
            verdict = fail("type", f"could not check the output, {describe(outcome.value)}"[:300], str(exc)[:300])
        if verdict.passed and case.warning_free and outcome.warnings:
            verdict = fail("warning", f"the values are right, but numpy warned ({outcome.warnings[0]}); "
                                      "it must stay warning-free here")
    if verdict.passed:
        return verdict
    advice = case.messages.get(verdict.symptom)
    shown = verdict.message + (f"; {verdict.detail}" if case.public and verdict.detail else "")
    message = f"{head}: {shown}" + (f" - {advice}" if advice else "")
    if outcome.warnings and verdict.symptom != "warning":
        message += f" (numpy warned: {'; '.join(outcome.warnings)})"
    return Verdict(verdict.fraction, message, verdict.symptom, verdict.detail)


def public_data(cases: list[Case], assignment: str, ref: Any,
                helpers: Callable[[Case], tuple[str, ...]] = lambda case: ()) -> list[dict[str, Any]]:
    """The public cases with their inputs and expected outputs, and the graded ``helpers`` each
    case's function calls, as JSON-able data for students."""
    out = []
    for case in cases:
        if not case.public:
            continue
        inst = instantiate(case, assignment, PUBLIC, ref)
        expected = inst.case.judge.expected
        resolved = inst.context(ref, PUBLIC, {}).expected(expected)
        out.append({"name": case.name, "target": case.target, "function": case.function, "mode": case.mode,
                    "about": case.about, "points": case.points, "timeout": case.timeout, "pure": case.pure,
                    "warning_free": case.warning_free, "repeat": case.repeat,
                    "messages": case.messages, "arg_names": list(inst.arg_names),
                    "args": inst.args_spec, "kwargs": inst.kwargs_spec, "helpers": list(helpers(case)),
                    "judge": case.judge.to_data(plain.encode(resolved))})
    return out


def case_from_data(data: dict[str, Any]) -> Instance:
    """Rebuild a shipped public case as an :class:`Instance` with a literal expected value."""
    judge_data = dict(data["judge"])
    judge_data["expected"] = plain.decode(judge_data["expected"])
    case = Case(name=data["name"], target=data["target"], judge=judge_from_data(judge_data),
                points=data["points"], public=True, mode=data["mode"], about=data["about"],
                timeout=data["timeout"], pure=data["pure"], messages=data["messages"],
                warning_free=data.get("warning_free", False), repeat=data.get("repeat", False),
                helpers=tuple(data.get("helpers", ())),
                function=data.get("function", data.get("call", "")))  # "call": as releases before v4/v5 named it
    return Instance(case, data["args"], data["kwargs"], tuple(data["arg_names"]))


__all__ = ["Args", "Case", "Instance", "PUBLIC", "instantiate", "judge_outcome", "public_data",
           "case_from_data", "seed_for"]
