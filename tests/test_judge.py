"""Judges say what is wrong (shape, NaN, inf, value) and never fail an equivalent answer."""
import numpy as np

from nnlab.judge import Close, Context, Flag, Form, Letter
from nnlab.sandbox.plain import Unsupported


def ctx():
    return Context([], {"$dict": []}, "f")


def test_close_accepts_lists_bools_and_ints_for_numbers():
    assert Close(np.array([1.0, 0.0, 1.0]))([True, False, True], ctx()).passed
    assert Close((np.array([1, 2]), True))([[1.0, 2.0], 1], ctx()).passed


def test_close_reports_shape_with_transpose_hint():
    v = Close(np.zeros((2, 3)))(np.zeros((3, 2)), ctx())
    assert v.symptom == "shape" and "(2, 3)" in v.message and "transpose" in v.message


def test_close_reports_nan_and_inf_separately():
    assert Close(np.ones(4))(np.array([1, np.nan, 1, 1]), ctx()).symptom == "nan"
    assert Close(np.ones(4))(np.array([1, np.inf, 1, 1]), ctx()).symptom == "inf"


def test_close_reports_the_worst_entry_and_keeps_values_and_tolerance_for_the_ta():
    v = Close(np.array([[0.0, 1.0], [2.0, 3.0]]), rtol=0, atol=1e-6)(np.array([[0.0, 1.0], [2.0, 3.5]]), ctx())
    assert v.symptom == "value" and "1 of 4 entries differ" in v.message and "index (1, 1)" in v.message
    assert "3.5" not in v.message and "expected 3, got 3.5" in v.detail and "1e-06" in v.detail


def test_a_wrong_value_says_how_it_is_wrong_without_the_value():
    right = np.array([[1.5, -2.25], [0.75, 4.125]])
    flipped = Close(right)(-right, ctx())
    doubled = Close(right)(2 * right, ctx())
    off = Close(right)(right + np.array([[0, 0], [0, 0.4125]]), ctx())
    assert "wrong sign" in flipped.message and "same factor, 2" in doubled.message
    assert "relative error 0.1 there" in off.message
    for v in (flipped, doubled, off):
        assert not any(f"{x:g}" in v.message for x in right.flat), v.message


def test_quiz_judges_do_not_give_the_key_away():
    value = Context([], {"$dict": []}, "answer_x", mode="value")
    number = Close(0.223144, rtol=1e-3, atol=0)(2 * 0.223144, value)
    assert number.message == "not the right value" and "0.223144" in number.detail
    letter, flag = Letter("C")("B", value), Flag(False)(True, value)
    assert "C" not in letter.message and "expected C" in letter.detail
    assert "False" not in flag.message and "expected False" in flag.detail


def test_close_names_nested_parts():
    judge = Close([(np.zeros((2, 2)), np.zeros(2))], names=("layer {n}", ("dW", "db")))
    v = judge([(np.zeros((2, 2)), np.ones(2))], ctx())
    assert v.message.startswith("layer 1 db:")


def test_close_rejects_non_numbers_with_their_type():
    assert Close(1.0)(Unsupported("function"), ctx()).symptom == "type"
    assert "str" in Close(1.0)("1.0", ctx()).message


def test_letter_accepts_common_spellings_only():
    for good in ("C", "c", " C ", "(c)", "C)", "C. Softmax"):
        assert Letter("C")(good, ctx()).passed, good
    assert not Letter("C")("B", ctx()).passed
    assert Letter("C")("Cat", ctx()).symptom == "type"


def test_flag_wants_a_boolean():
    assert Flag(False)(False, ctx()).passed and Flag(False)(0, ctx()).passed
    assert not Flag(False)(True, ctx()).passed
    assert Flag(False)("no", ctx()).symptom == "type"


def _judged(warnings: tuple[str, ...], value, warning_free: bool):
    from nnlab.cases import Case, instantiate, judge_outcome
    from nnlab.calls import Outcome
    case = Case("sigmoid/extreme", "sigmoid", Close([0.0, 1.0]), inputs=lambda rng: ([-1e4, 1e4],),
                about="values up to 1e4", warning_free=warning_free)
    inst = instantiate(case, "02_mlp_forward", "ada")
    return judge_outcome(inst, Outcome(value=value, args_after=[[[-1e4, 1e4]], {}], warnings=warnings),
                         inst.context(None, "ada", {}))


def test_a_right_value_that_warned_fails_only_where_the_case_wants_silence():
    said = ("RuntimeWarning: overflow encountered in exp",)
    loud = _judged(said, [0.0, 1.0], warning_free=True)
    assert not loud.passed and loud.symptom == "warning" and "overflow encountered in exp" in loud.message
    assert _judged(said, [0.0, 1.0], warning_free=False).passed
    assert _judged((), [0.0, 1.0], warning_free=True).passed


def test_a_wrong_value_mentions_what_numpy_warned():
    wrong = _judged(("RuntimeWarning: invalid value encountered in divide",), [float("nan"), 1.0], warning_free=False)
    assert wrong.symptom == "nan" and "numpy warned: RuntimeWarning: invalid value encountered in divide" in wrong.message


def test_a_shape_form_takes_what_the_value_check_takes_and_says_what_it_wanted():
    form = Form([4])
    for answer in ([1, 0, 0, 1], (1, 0, 0, 1), np.array([1, 0, 0, 1]), [True, False, False, True]):
        assert form(answer, ctx()).passed, answer
    for answer, said in (([1, 0, 1], "got a list of 3"), ("1001", "got"), ([[1, 0], [0, 1]], "got")):
        verdict = form(answer, ctx())
        assert not verdict.passed and verdict.symptom == "type", answer
        assert "expected numbers of shape (4,)" in verdict.message and said in verdict.message


def test_a_number_form_takes_a_0d_array_but_not_a_flag_a_string_or_a_list():
    form = Form("number")
    assert form(np.array(-0.02), ctx()).passed and form(np.float32(2), ctx()).passed and form(3, ctx()).passed
    for answer in (True, "-0.02", [0.5], np.array([0.5]), np.array("x")):
        assert not form(answer, ctx()).passed, answer
