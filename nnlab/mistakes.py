"""The known-mistakes judge every week uses: right within tolerance, or name the classic mistake.

A case table lists, per graded function, the mistakes students make as data::

    SIZE_MISTAKES: list[Mistake] = [
        ("ceil", lambda a: -(-(a["n"] - a["k"] + a["p"] + a["s"]) // a["s"]),
         "this rounds up: ... round down (floor, // for integers)"),
    ]
    Case("conv_output_size/odd", "conv_output_size", known_mistakes(SIZE_MISTAKES), ...)

Each mistake computes, here in the trusted grader, what the mistaken code would return on the
case's own arguments, bound by the reference function's parameter names (``a["n"]``), defaults
filled in, however the call passed them; for an answer variable (``mode="value"``), ``a["answer"]``
is the right answer. One rule for every week: when the output is not right,
the first mistake whose output is finite, differs from the right answer on these inputs, and
matches the submission's output (same tolerance) gives the symptom and the message; otherwise the
plain comparison's verdict stands.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple

import numpy as np

from nnlab.judge import REF, Close, Context, Verdict, fail


class Mistake(NamedTuple):
    """A classic mistake: its symptom, what it computes from the bound arguments, and the advice
    (a table may write it as a plain ``(symptom, compute, message)`` tuple)."""

    symptom: str
    compute: Callable[[dict[str, Any]], Any]
    message: str


def arguments(ctx: Context) -> dict[str, Any]:
    """The case's arguments by the reference function's parameter names, defaults filled in."""
    bound = inspect.signature(getattr(ctx.ref, ctx.function)).bind(*ctx.args, **ctx.kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)


def _finite(x: Any) -> bool:
    if isinstance(x, (list, tuple)):
        return all(_finite(e) for e in x)
    return bool(np.all(np.isfinite(np.asarray(x, dtype=float))))


@dataclass(frozen=True)
class KnownMistakes(Close):
    """``Close(expected)``; when the output is not right, the first of ``mistakes`` it matches gives the
    symptom and the advice. ``hint(got, right, verdict)`` may add a sentence to a verdict no mistake
    explains. Hidden cases only: a mistake is trusted code."""

    mistakes: tuple[Mistake, ...] = ()
    hint: Callable[[Any, Any, Verdict], str | None] | None = None
    kind: str = field(default="known-mistakes", init=False)

    def __call__(self, got: Any, ctx: Context) -> Verdict:
        verdict = super().__call__(got, ctx)
        if verdict.passed:
            return verdict
        right = ctx.expected(self.expected)
        args = {"answer": right} if ctx.mode == "value" else arguments(ctx)
        for symptom, compute, message in self.mistakes:
            try:
                with np.errstate(all="ignore"):
                    wrong = compute(args)
                if not _finite(wrong) or Close(right, rtol=self.rtol, atol=self.atol)(wrong, ctx).passed:
                    continue  # the mistake makes no (usable) difference on these inputs
                if Close(wrong, rtol=self.rtol, atol=self.atol)(got, ctx).passed:
                    return fail(symptom, message, verdict.detail)
            except Exception:  # noqa: BLE001 - a mistake that cannot happen on these inputs
                continue
        extra = self.hint(got, right, verdict) if self.hint else None
        return fail(verdict.symptom, f"{verdict.message}; {extra}", verdict.detail) if extra else verdict

    def to_data(self, expected: Any) -> dict[str, Any]:
        raise TypeError("a known-mistakes judge cannot be shipped in a public case: its mistakes are code")


def known_mistakes(mistakes: list[Mistake], rtol: float = 1e-6, atol: float = 1e-9, names: tuple = (),
                   expected: Any = REF,
                   hint: Callable[[Any, Any, Verdict], str | None] | None = None) -> KnownMistakes:
    """The judge of a case with named mistakes (see :class:`KnownMistakes`)."""
    return KnownMistakes(expected, rtol, atol, names, tuple(Mistake(*m) for m in mistakes), hint)
