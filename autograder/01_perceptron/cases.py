"""Cases for week 01_perceptron: step, predictions, the update rule, training, gates, quiz."""
from __future__ import annotations

import numpy as np

from nnlab.cases import Args, Case
from nnlab.judge import PASS, REF, Close, Context, Custom, Flag, Form, Letter, Verdict, compare_numeric, fail
from nnlab.judge_variants import variant_answer, variant_letter
from nnlab.markers import submitted
from nnlab.variants import integers

EXACT = dict(rtol=0.0, atol=1e-9)
UPDATE = (("new_w_ext", "mistake"),)
TRAINED = (("w_ext", "mistakes_per_epoch"),)
EXAMPLE_X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [1.0, 2.0]])
EXAMPLE_Y = np.array([0, 0, 1, 1])
GATE_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
TRUTH = {"AND_WEIGHTS": (GATE_X, [0, 0, 0, 1]), "OR_WEIGHTS": (GATE_X, [0, 1, 1, 1]),
         "NOT_WEIGHTS": (np.array([[0.0], [1.0]]), [1, 0])}


def separable(rng: np.random.Generator, n: int, d: int, margin: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    """Points with labels from a random line, none closer to it than ``margin``: training converges."""
    w, b = rng.normal(size=d), rng.normal()
    X = rng.uniform(-3, 3, size=(8 * n, d))
    s = (X @ w + b) / np.linalg.norm(w)
    keep = np.abs(s) > margin
    return X[keep][:n].round(2), (s[keep][:n] > 0).astype(int)


def on_boundary(rng: np.random.Generator) -> Args:
    """Weights and points with w.x + b exactly 0 for some rows (integers: no rounding)."""
    w = np.array([2.0, -1.0, 3.0])
    X = rng.integers(-4, 5, size=(9, 2)).astype(float)
    X[::3, 1] = 2 * X[::3, 0] + 3  # 2*x1 - x2 + 3 == 0
    return Args(w, X)


def integer_mistake(rng: np.random.Generator) -> tuple:
    """Integer weights (d + 1,) and an integer point (d,) whose label they get wrong."""
    w, x = rng.integers(-3, 4, size=4), rng.integers(-2, 3, size=3)
    return w, x, 1 - int(w @ np.r_[x, 1] > 0)


INTEGER_ADVICE = {"exception": "integer weights must work too: build the result as a new float array "
                               "(np.array(w_ext, dtype=float), then w + x_ext); += on a copy of an integer "
                               "array cannot hold floats"}


def gate(name: str) -> Custom:
    """Any weights that compute the gate pass: predictions made here, with the reference rule."""
    X, truth = TRUTH[name]

    def judge(got: object, ctx: Context) -> Verdict:
        w = np.asarray(got, dtype=float) if isinstance(got, (list, tuple, np.ndarray)) else None
        if w is None or w.shape != (X.shape[1] + 1,):
            return fail("shape", f"expected {X.shape[1] + 1} extended weights (bias last), got "
                                 f"{np.shape(got) if w is not None else type(got).__name__}")
        if not np.isfinite(w).all():
            return fail("nan", "the weights contain nan or inf")
        verdict = compare_numeric(ctx.ref.perceptron_predict(w, X), truth, 0, 0, "truth table outputs")
        return PASS if verdict.passed else fail("value", f"these weights do not compute the gate: {verdict.message}")

    return Custom(judge)


EXAMPLE_X, EXAMPLE_Y = np.array([[0, 1], [1, 0], [2, 1], [1, 2]]), np.array([0, 0, 1, 1])


def my_w_init(student: str) -> list[int]:
    """The starting weights of the per-student first-epoch question (the notebook draws the same)."""
    return integers(student, "first_epoch/w", -2, 3, size=3)


def first_epoch(w_init: list[int]) -> np.ndarray:
    """The extended weights after one epoch of the perceptron rule over the lecture's four points."""
    w = np.array(w_init, dtype=float)
    for x, y in zip(EXAMPLE_X, EXAMPLE_Y):
        x_ext = np.append(x, 1.0)
        predicted = int(w @ x_ext > 0)
        w = w + (y - predicted) * x_ext
    return w


def my_gate_circuit(student: str) -> tuple[str, str, list[int]]:
    """The per-student circuit of section 8 (the notebook draws the same): its output gate, the kind
    of its two first-level gates (the other one: an OR of two ANDs, like the lecture's XOR, or an AND
    of two ORs, never a constant) and whether a NOT stands in front of x1, x2 of the first gate and
    of x1, x2 of the second (1: negated)."""
    outer = ("OR", "AND")[integers(student, "gate_circuit/outer", 0, 2)]
    return outer, ("AND" if outer == "OR" else "OR"), integers(student, "gate_circuit/not", 0, 2, size=4)


def circuit_outputs(circuit: tuple[str, str, list[int]]) -> list[int]:
    """A circuit's outputs on (0,0), (0,1), (1,0), (1,1), in plain logic (no perceptron)."""
    outer, inner, negated = circuit
    logic = {"AND": lambda a, b: a & b, "OR": lambda a, b: a | b}
    outputs = []
    for x1, x2 in GATE_X.astype(int):
        a, b, c, d = (v ^ n for v, n in zip((x1, x2, x1, x2), negated))
        outputs.append(int(logic[outer](logic[inner](a, b), logic[inner](c, d))))
    return outputs


CASES = [
    # step
    Case("step/mixed", "step", Close(REF, **EXACT), public=True, about="[-2, -0.5, 0, 0.5, 3]",
         inputs=lambda rng: (np.array([-2.0, -0.5, 0.0, 0.5, 3.0]),),
         messages={"value": "step(0) is 0: use z > 0, not z >= 0"}),
    Case("step/zero-and-tiny", "step", Close(REF, **EXACT), about="exact zeros and values near 1e-300",
         inputs=lambda rng: (rng.permutation(np.array([0.0, -0.0, 1e-300, -1e-300, 0.0, 7.5, -7.5, 0.0])),),
         messages={"value": "only strictly positive z give 1: step(0) = 0 and step(1e-300) = 1"}),
    Case("step/integers", "step", Close(REF, **EXACT), about="an integer array, as in the lecture",
         inputs=lambda rng: (rng.permutation(np.r_[0, rng.integers(-3, 4, size=8)]),)),
    Case("step/matrix", "step", Close(REF, **EXACT), about="a (6, 4) matrix",
         inputs=lambda rng: (rng.normal(size=(6, 4)),),
         messages={"shape": "keep the input's shape (any shape, not only vectors)"}),
    # perceptron_predict
    Case("perceptron_predict/lecture-example", "perceptron_predict", Close(REF, **EXACT), public=True,
         about="the lecture's w = (1, 2, -1) and its four points",
         inputs=lambda rng: (np.array([1.0, 2.0, -1.0]), EXAMPLE_X)),
    Case("perceptron_predict/bias-last", "perceptron_predict", Close(REF, **EXACT), points=2,
         about="random 3-d points and a large bias (the last entry)",
         inputs=lambda rng: (np.r_[rng.normal(size=3), rng.choice([-1, 1]) * rng.uniform(2, 4)],
                             rng.normal(size=(11, 3))),
         messages={"value": "the bias is the LAST entry of w_ext, and x_ext = (x, 1)"}),
    Case("perceptron_predict/on-the-boundary", "perceptron_predict", Close(REF, **EXACT),
         about="points exactly on the decision line", inputs=on_boundary,
         messages={"value": "points with w.x + b = 0 are class 0 (use z > 0)"}),
    Case("perceptron_predict/one-point", "perceptron_predict", Close(REF, **EXACT),
         about="a batch of one point", inputs=lambda rng: (rng.normal(size=3), rng.normal(size=(1, 2))),
         messages={"shape": "return shape (n,) even for n = 1"}),
    Case("perceptron_predict/integers", "perceptron_predict", Close(REF, **EXACT),
         about="integer weights and points, as in the lecture",
         inputs=lambda rng: (rng.integers(-3, 4, size=3), rng.integers(-2, 3, size=(7, 2)))),
    # perceptron_update
    Case("perceptron_update/integers", "perceptron_update", Close(REF, names=UPDATE, **EXACT), public=True,
         about="the lecture's integer weights w = (1, 2, -1) and an integer point (1, 1) of class 0",
         inputs=lambda rng: (np.array([1, 2, -1]), np.array([1, 1]), 0), messages=INTEGER_ADVICE),
    Case("perceptron_update/integers-mistake", "perceptron_update", Close(REF, names=UPDATE, **EXACT),
         about="integer weights and an integer point it misclassifies", inputs=integer_mistake,
         messages=INTEGER_ADVICE),
    Case("perceptron_update/lecture-first-step", "perceptron_update", Close(REF, names=UPDATE, **EXACT),
         public=True, about="the lecture's first step (x1 = (0, 1), y = 0)",
         inputs=lambda rng: (np.array([1.0, 2.0, -1.0]), np.array([0.0, 1.0]), 0)),
    Case("perceptron_update/mistake-on-1", "perceptron_update", Close(REF, names=UPDATE, **EXACT), points=2,
         about="a class-1 point predicted 0",
         inputs=lambda rng: (np.r_[-rng.uniform(1, 2, size=3), -1.0], rng.uniform(0.5, 2, size=3), 1),
         messages={"value": "with y = 1 and prediction 0, ADD x_ext = (x, 1) (the bias gets +1)"}),
    Case("perceptron_update/mistake-on-0", "perceptron_update", Close(REF, names=UPDATE, **EXACT),
         about="a class-0 point predicted 1",
         inputs=lambda rng: (np.r_[rng.uniform(1, 2, size=4), 1.0], rng.uniform(0.5, 2, size=4), 0),
         messages={"value": "with y = 0 and prediction 1, SUBTRACT x_ext = (x, 1)"}),
    Case("perceptron_update/correct-no-change", "perceptron_update", Close(REF, names=UPDATE, **EXACT),
         about="correctly classified points (weights must not change)",
         inputs=lambda rng: (np.r_[rng.uniform(1, 2, size=2), 0.5], rng.uniform(0.5, 2, size=2), 1),
         messages={"value": "no mistake, no change: return the weights unchanged and mistake False"}),
    Case("perceptron_update/on-the-boundary", "perceptron_update", Close(REF, names=UPDATE, **EXACT),
         about="a class-1 point exactly on the boundary (predicted 0: a mistake)",
         inputs=lambda rng: (np.array([2.0, -1.0, 0.0]), np.array([1.0, 2.0]), 1)),
    # train_perceptron
    Case("train_perceptron/lecture-example", "train_perceptron", Close(REF, names=TRAINED, **EXACT),
         public=True, about="the lecture's worked example from w = (1, 2, -1)",
         inputs=lambda rng: (EXAMPLE_X, EXAMPLE_Y, np.array([1.0, 2.0, -1.0]))),
    Case("train_perceptron/zero-init", "train_perceptron", Close(REF, names=TRAINED, **EXACT), points=2,
         about="separable random 2-d data from w_init=None (zeros)",
         inputs=lambda rng: Args(*separable(rng, 12, 2)),
         messages={"value": "visit the points in the given order; start from zeros when w_init is None"}),
    Case("train_perceptron/bigger", "train_perceptron", Close(REF, names=TRAINED, **EXACT),
         about="separable random 4-d data and a random w_init",
         inputs=lambda rng: Args(*separable(rng, 25, 4), w_init=rng.integers(-3, 4, size=5).astype(float))),
    Case("train_perceptron/max-epochs", "train_perceptron", Close(REF, names=TRAINED, **EXACT), points=2,
         about="XOR-like data that no line separates, max_epochs=7",
         inputs=lambda rng: Args(np.vstack([GATE_X, GATE_X + rng.uniform(-0.1, 0.1, size=(4, 2))]),
                                 np.array([0, 1, 1, 0, 0, 1, 1, 0]), max_epochs=7),
         messages={"shape": "stop after max_epochs epochs and return one mistake count per epoch run"}),
    Case("train_perceptron/integers", "train_perceptron", Close(REF, names=TRAINED, **EXACT),
         about="integer points and integer starting weights, as in the lecture",
         inputs=lambda rng: (EXAMPLE_X.astype(int), EXAMPLE_Y, rng.integers(-2, 3, size=3)),
         messages=INTEGER_ADVICE),
    Case("train_perceptron/labels-0-1", "train_perceptron", Close(REF, names=TRAINED, **EXACT),
         about="the OR truth table from zeros (labels 0 and 1, not -1 and 1)",
         inputs=lambda rng: (GATE_X, np.array([0, 1, 1, 1]))),
    # gates
    Case("AND_WEIGHTS/public", "AND_WEIGHTS", Close([0, 0, 0, 1], **EXACT), call="perceptron_predict",
         public=True, about="the AND truth table, with your perceptron_predict",
         inputs=lambda rng: (submitted("AND_WEIGHTS"), GATE_X)),
    Case("AND_WEIGHTS/truth-table", "AND_WEIGHTS", gate("AND_WEIGHTS"), mode="value"),
    Case("OR_WEIGHTS/public", "OR_WEIGHTS", Close([0, 1, 1, 1], **EXACT), call="perceptron_predict",
         public=True, about="the OR truth table, with your perceptron_predict",
         inputs=lambda rng: (submitted("OR_WEIGHTS"), GATE_X)),
    Case("OR_WEIGHTS/truth-table", "OR_WEIGHTS", gate("OR_WEIGHTS"), mode="value"),
    Case("NOT_WEIGHTS/public", "NOT_WEIGHTS", Close([1, 0], **EXACT), call="perceptron_predict",
         public=True, about="the NOT truth table, with your perceptron_predict",
         inputs=lambda rng: (submitted("NOT_WEIGHTS"), np.array([[0.0], [1.0]]))),
    Case("NOT_WEIGHTS/truth-table", "NOT_WEIGHTS", gate("NOT_WEIGHTS"), mode="value"),
    # quiz: public checks of the form only (no points), hidden checks of the value
    Case("answer_first_epoch_w/form", "answer_first_epoch_w", Form([3]), mode="value", public=True, points=0),
    Case("answer_xor_separable/form", "answer_xor_separable", Form("flag"), mode="value", public=True, points=0),
    Case("answer_not_true/form", "answer_not_true", Form("letter"), mode="value", public=True, points=0),
    # the lecture's own example is practice (its key is in the slides); the personal one carries the point
    Case("answer_first_epoch_w/value", "answer_first_epoch_w", Close(REF, **EXACT), mode="value", points=0),
    Case("answer_my_first_epoch_w/form", "answer_my_first_epoch_w", Form([3]), mode="value", public=True, points=0),
    Case("answer_my_first_epoch_w/value", "answer_my_first_epoch_w",
         variant_answer(lambda student: first_epoch(my_w_init(student)), rtol=0, atol=0), mode="value",
         extra_values=("STUDENT_ID",),
         messages={"value": "run the perceptron rule over the four points once, in their order, from MY_W_INIT"}),
    Case("answer_xor_separable/value", "answer_xor_separable", Flag(REF), mode="value", points=0),
    Case("answer_not_true/value", "answer_not_true", Letter(REF), mode="value", points=0),
    Case("answer_my_not_true/form", "answer_my_not_true", Form("letter"), mode="value", public=True, points=0),
    Case("answer_my_not_true/value", "answer_my_not_true", variant_letter("not_true", 4, right=2), mode="value",
         extra_values=("STUDENT_ID",)),
    Case("answer_my_gate_circuit/form", "answer_my_gate_circuit", Form([4]), mode="value", public=True, points=0),
    Case("answer_my_gate_circuit/value", "answer_my_gate_circuit",
         variant_answer(lambda student: circuit_outputs(my_gate_circuit(student)), **EXACT), mode="value",
         extra_values=("STUDENT_ID",),
         messages={"value": "wire the circuit printed for you (MY_CIRCUIT) from your AND_WEIGHTS, OR_WEIGHTS and "
                            "NOT_WEIGHTS, a NOT only where it says NOT, and give its outputs on (0,0), (0,1), (1,0), "
                            "(1,1) in that order"}),
]
