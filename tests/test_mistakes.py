"""The one known-mistakes judge: arguments by name, one rule for mistakes that make no difference."""
from __future__ import annotations

import types

import numpy as np

from nnlab.judge import Context
from nnlab.mistakes import arguments, known_mistakes
from nnlab.markers import encode_args


def _size(n, k, p=0, s=1):
    return (n - k + p) // s + 1


REF = types.SimpleNamespace(size=_size, answer=10.0)
MISTAKES = [
    ("ceil", lambda a: -(-(a["n"] - a["k"] + a["p"]) // a["s"]) + 1, "rounds up"),
    ("stride-ignored", lambda a: a["n"] - a["k"] + a["p"] + 1, "ignores the stride"),
    ("broken", lambda a: float("nan"), "never named: not finite"),
]


def ctx(*args, **kwargs) -> Context:
    return Context(encode_args(list(args)), encode_args(kwargs), "size", "call", REF, "ada")


def test_arguments_are_bound_by_name_with_defaults_however_the_call_passed_them():
    assert arguments(ctx(9, 3, s=2)) == {"n": 9, "k": 3, "p": 0, "s": 2}
    assert arguments(ctx(n=9, k=3, p=1, s=2)) == {"n": 9, "k": 3, "p": 1, "s": 2}


def test_the_first_mistake_the_output_matches_names_the_symptom():
    judge = known_mistakes(MISTAKES, rtol=0, atol=0)
    assert judge(4, ctx(9, 3, 0, 2)).passed
    assert judge(5, ctx(9, 3, 1, 2)).symptom == "ceil"  # (7 / 2) rounded up, + 1
    assert judge(7, ctx(9, 3, 0, 2)).symptom == "stride-ignored"
    assert judge(100, ctx(9, 3, 0, 2)).symptom == "value"


def test_a_mistake_that_gives_the_right_answer_on_these_inputs_is_not_named():
    judge = known_mistakes(MISTAKES, rtol=0, atol=0)
    # stride 1: rounding up and ignoring the stride both give the right 7, so a wrong 9 is blamed on neither
    verdict = judge(9, ctx(9, 3, 0, 1))
    assert verdict.symptom == "value" and not verdict.passed


def test_answer_variables_see_the_right_answer_and_a_hint_can_add_advice():
    value = Context([], encode_args({}), "answer", "value", REF, "ada")
    judge = known_mistakes([("reciprocal", lambda a: 1 / a["answer"], "1/x")],
                           hint=lambda got, right, verdict: "too large" if got > right else None)
    assert judge(0.1, value).symptom == "reciprocal"
    assert judge(12.0, value).message.endswith("; too large")
    assert np.isclose(10.0, REF.answer) and judge(10.0, value).passed
