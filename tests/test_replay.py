"""Each mistake is charged once (nnlab/replay.py): a function whose own code is right keeps its points
when a graded helper it calls is wrong, and nothing the child records can excuse a wrong function."""
from __future__ import annotations

import json
import types
from pathlib import Path

import numpy as np
import pytest

from nnlab import notebook, replay
from nnlab.cases import Case, instantiate, judge_outcome
from nnlab.gradebook import CaseResult
from nnlab.grade import Submission, run_instances
from nnlab.judge import REF, Close
from nnlab.calls import outcome_from_event
from nnlab.markers import submitted
from nnlab.sandbox import child
from tests.conftest import notebook_of

REFERENCE = '''
import numpy as np

def size(n, k):
    return n - k + 1

def window_sums(x, k):
    out = np.zeros(size(len(x), k))
    for i in range(len(out)):
        out[i] = x[i:i + k].sum()
    return out

def sizes(ns, k):
    return [size(n, k) for n in ns]

def predict(w, X):
    return (np.asarray(X) @ w > 0).astype(int)

W = np.array([1.0, -1.0])
'''
EXACT = dict(rtol=0, atol=0)
CASES = [
    Case("size/a", "size", Close(REF, **EXACT), inputs=lambda rng: (9, 3)),
    Case("size/b", "size", Close(REF, **EXACT), inputs=lambda rng: (12, 5)),
    Case("window_sums/a", "window_sums", Close(REF), inputs=lambda rng: (rng.normal(size=9), 3)),
    Case("window_sums/b", "window_sums", Close(REF), inputs=lambda rng: (rng.normal(size=12), 5)),
    Case("sizes/many", "sizes", Close(REF, **EXACT), inputs=lambda rng: (list(range(10, 30)), 3)),
    Case("predict/a", "predict", Close(REF, **EXACT), inputs=lambda rng: (np.array([0.5, 2.0]), rng.normal(size=(6, 2)))),
    Case("W/through-predict", "W", Close([1, 0, 0], **EXACT), function="predict",
         inputs=lambda rng: (submitted("W"), np.array([[2.0, 1.0], [1.0, 2.0], [0.0, 1.0]]))),
]
SIZE_OFF_BY_ONE = "def size(n, k):\n    return n - k\n"


@pytest.fixture(scope="module")
def ref() -> types.ModuleType:
    module = types.ModuleType("replay_reference")
    exec(REFERENCE, module.__dict__)  # noqa: S102 - the test's own trusted reference
    return module


def graded(ref: types.ModuleType, tmp_path: Path, *cells: str) -> dict[str, CaseResult]:
    """Grade a notebook of the reference followed by ``cells``, as the grader does."""
    path = notebook_of([REFERENCE, *cells], tmp_path / "nb.ipynb")
    instances = [instantiate(c, "replay", "ada", ref) for c in CASES]
    tests, _, _ = run_instances(Submission("ada", path), notebook.read(path), instances, ref)
    return {t.name: t for t in tests}


def lost(results: dict[str, CaseResult]) -> set[str]:
    return {t.target for t in results.values() if t.score < t.max_score}


def test_the_helpers_of_a_function_come_from_its_reference(ref):
    graded_ = replay.graded_functions(CASES, ref)
    assert graded_ == {"size", "window_sums", "sizes", "predict"}
    by_name = {c.name: c for c in CASES}
    assert replay.helpers(by_name["window_sums/a"], graded_, ref) == ("size",)
    assert replay.helpers(by_name["size/a"], graded_, ref) == ()
    assert replay.helpers(by_name["W/through-predict"], graded_, ref) == ("predict",)
    declared = Case("x", "window_sums", Close(REF), helpers=())
    assert replay.helpers(declared, graded_, ref) == ()


def test_a_wrong_helper_costs_only_its_own_cases(ref, tmp_path):
    results = graded(ref, tmp_path, SIZE_OFF_BY_ONE)
    assert lost(results) == {"size"}
    assert results["window_sums/a"].message == "window_sums is right, but it calls your size, which is wrong"


def test_a_wrong_function_still_fails_beside_a_wrong_helper(ref, tmp_path):
    mean = "def window_sums(x, k):\n    return np.array([x[i:i + k].mean() for i in range(size(len(x), k))])\n"
    assert lost(graded(ref, tmp_path, SIZE_OFF_BY_ONE, mean)) == {"size", "window_sums"}


def test_a_call_stopped_by_a_raising_helper_is_excused_when_the_reference_fails_there_too(ref, tmp_path):
    raises_on_5 = "def size(n, k):\n    if k == 5:\n        raise ValueError('no')\n    return n - k + 1\n"
    results = graded(ref, tmp_path, raises_on_5)
    assert lost(results) == {"size"}
    assert results["window_sums/b"].message == "window_sums is right, but it calls your size, which is wrong"


def test_a_call_stopped_by_a_stub_is_excused_only_when_the_functions_other_cases_are_right(ref, tmp_path):
    stub_on_5 = "def size(n, k):\n    if k == 5:\n        raise NotImplementedError\n    return n - k + 1\n"
    results = graded(ref, tmp_path, stub_on_5)
    assert lost(results) == {"size"}
    assert results["window_sums/b"].message == ("window_sums is right, but it calls your size, which is wrong "
                                                "(it stopped at the stub; its other cases are right)")


def test_a_function_that_only_gets_as_far_as_a_stub_helper_keeps_no_points(ref, tmp_path):
    stub = "def size(n, k):\n    raise NotImplementedError\n"
    garbage_after = "def window_sums(x, k):\n    size(len(x), k)\n    return None\n"
    results = graded(ref, tmp_path, stub, garbage_after)
    assert lost(results) == {"size", "window_sums", "sizes"}
    assert results["size/a"].symptom == "not implemented"
    assert results["window_sums/a"].symptom == "exception"
    assert "window_sums stops at the stub, so the rest of it cannot be checked" in results["window_sums/a"].message
    assert "sizes stops at the stub" in results["sizes/many"].message  # its only case: nothing shows it right


def test_a_function_that_does_not_call_the_helper_is_judged_as_usual(ref, tmp_path):
    inline = "def window_sums(x, k):\n    return np.array([x[i:i + k].sum() for i in range({})])\n"
    assert lost(graded(ref, tmp_path, SIZE_OFF_BY_ONE, inline.format("len(x) - k + 1"))) == {"size"}
    assert lost(graded(ref, tmp_path, SIZE_OFF_BY_ONE, inline.format("len(x) - k"))) == {"size", "window_sums"}


def test_a_variable_checked_through_a_wrong_function_keeps_its_points(ref, tmp_path):
    wrong_predict = "def predict(w, X):\n    return (np.asarray(X) @ w < 0).astype(int)\n"
    results = graded(ref, tmp_path, wrong_predict)
    assert lost(results) == {"predict"}
    assert "W is right" in results["W/through-predict"].message
    assert lost(graded(ref, tmp_path, wrong_predict, "W = np.array([1.0, 1.0])")) == {"predict", "W"}


def test_a_helper_that_answers_its_caller_wrongly_but_its_own_cases_rightly_excuses_nothing(ref, tmp_path):
    liar = ("import sys\n"
            "def size(n, k):\n"
            "    frame, lie = sys._getframe(1), False\n"
            "    while frame:\n"
            "        lie = lie or frame.f_code.co_name in ('window_sums', '_same')\n"
            "        frame = frame.f_back\n"
            "    return n - k if lie else n - k + 1\n")
    assert lost(graded(ref, tmp_path, liar)) == {"window_sums"}


def test_records_a_function_writes_itself_are_not_trusted(ref, tmp_path):
    forger = ("import gc, json\n"
              "def window_sums(x, k):\n"
              "    recorder = next(o for o in gc.get_objects() if type(o).__name__ == 'Recorder'\n"
              "                    and o.wrappers.get('size') is globals()['size'])\n"
              "    n = len(x) - k\n"
              "    recorder.calls.append(json.dumps({'fn': 'size', 'args': [len(x), k], 'kwargs': {'$dict': []},"
              " 'value': n}))\n"
              "    recorder.again.append(((len(x), k), {}))\n"
              "    return np.array([x[i:i + k].sum() for i in range(n)])\n")
    assert lost(graded(ref, tmp_path, "def size(n, k):\n    return n - k + 2\n", forger)) == {"size", "window_sums"}


def test_the_caller_gets_a_copy_of_what_is_recorded():
    namespace: dict = {}
    exec("import numpy as np\nkept = np.zeros(2)\n"  # noqa: S102 - a tiny stand-in for a submission
         "def helper():\n    return kept\n"
         "def caller():\n    a = helper()\n    a += 1\n    return [a, helper()]\n", namespace)
    event = child.evaluate({"name": "caller", "mode": "call", "args": [], "record": ["helper"]}, namespace)
    outcome = outcome_from_event(json.loads(json.dumps(event)))
    assert [c.value.tolist() for c in outcome.helper_calls] == [[0.0, 0.0], [0.0, 0.0]]
    assert np.asarray(outcome.value).tolist() == [[1.0, 1.0], [0.0, 0.0]]
    assert namespace["helper"].__name__ == "helper" and outcome.helpers_complete


def capped_sizes(ref, monkeypatch, cells: str) -> tuple:
    """The ``sizes`` case of a notebook (the reference, then ``cells``) with recording capped at 5 calls:
    its instance, outcome, context and first verdict."""
    monkeypatch.setattr(child, "MAX_RECORDED_CALLS", 5)
    namespace: dict = {}
    exec(REFERENCE + cells, namespace)  # noqa: S102 - in process: the cap is this module's
    inst = next(i for i in replay.with_helpers([instantiate(c, "replay", "ada", ref) for c in CASES], ref)
                if i.case.target == "sizes")
    event = child.evaluate(inst.calls(record=True)[0].spec(), namespace)
    outcome = outcome_from_event(json.loads(json.dumps(event)))
    ctx = inst.context(ref, "ada", {})
    return inst, outcome, ctx, judge_outcome(inst, outcome, ctx)


def test_a_long_run_is_excused_on_its_recorded_beginning_only_when_the_functions_other_cases_are_right(
        ref, monkeypatch):
    inst, outcome, ctx, verdict = capped_sizes(ref, monkeypatch, SIZE_OFF_BY_ONE)
    assert not verdict.passed and not outcome.helpers_complete
    excused = replay.excuse(replay.replayed(inst, outcome, ctx, verdict, frozenset({"size"})), verdict, siblings_right=True)
    assert excused.passed and "checked on its first 5 helper calls" in excused.message
    assert "sizes is right, but it calls your size" in excused.message
    assert len(outcome.helper_calls) == 5
    alone = replay.excuse(replay.replayed(inst, outcome, ctx, verdict, frozenset({"size"})), verdict, siblings_right=False)
    assert not alone.passed and replay.TOO_LONG in alone.message and verdict.message in alone.message


def test_a_long_run_whose_beginning_differs_from_the_reference_is_not_excused(ref, monkeypatch):
    """A caller that asks its helper other things than the reference would (here: k + 1 from the
    start) is wrong in its own code, whatever the helper answers and however long the run."""
    own_mistake = SIZE_OFF_BY_ONE + "def sizes(ns, k):\n    return [size(n, k + 1) for n in ns]\n"
    inst, outcome, ctx, verdict = capped_sizes(ref, monkeypatch, own_mistake)
    assert not verdict.passed and not outcome.helpers_complete
    still = replay.excuse(replay.replayed(inst, outcome, ctx, verdict, frozenset({"size"})), verdict, siblings_right=True)
    assert not still.passed and "right, but" not in still.message
