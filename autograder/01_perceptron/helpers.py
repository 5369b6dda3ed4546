"""The trusted helpers of week 01_perceptron's case table (cases.py): inputs, the answers of known
mistakes and the judges the table names. Never the submission's code; hidden from students."""
from __future__ import annotations

import numpy as np

from nnlab.cases import Args
from nnlab.judge import PASS, Context, Custom, Verdict, compare_numeric, fail
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
