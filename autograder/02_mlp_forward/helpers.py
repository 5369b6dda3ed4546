"""The trusted helpers of week 02_mlp_forward's case table (cases.py): inputs, the answers of known
mistakes and the judges the table names. Never the submission's code; hidden from students."""
from __future__ import annotations

from typing import Any

import numpy as np

from nnlab.cases import Args
from nnlab.judge import PASS, Context, Verdict, fail
from nnlab.mistakes import Mistake
from nnlab.trusted import ACTIVATIONS, XOR_X, layer_params, softmax
from nnlab.variants import integers, order


# ----------------------------------------------------------------------------------------------
# Judges
# ----------------------------------------------------------------------------------------------

def negative_scores_hint(got: Any, right: Any, verdict: Verdict) -> str | None:
    """Raw scores of a last layer: when no output entry is negative but some right scores are."""
    if verdict.symptom == "value" and (np.asarray(right, dtype=float) < 0).any() \
            and (np.asarray(got, dtype=float) >= 0).all():
        return "no score is negative although the right scores have negative entries: is an activation " \
               "applied after the last layer?"
    return None


def forward(X: np.ndarray, params: list, act: str, out_act: str | None = None) -> np.ndarray:
    """The forward pass, with an optional activation after the last layer (a mistake)."""
    H = np.asarray(X, dtype=float)
    for i, (W, b) in enumerate(params):
        H = H @ np.asarray(W, dtype=float).T + np.asarray(b, dtype=float)
        if i < len(params) - 1:
            H = ACTIVATIONS[act](H)
        elif out_act:
            H = ACTIVATIONS[out_act](H)
    return H


XOR_Y = np.array([False, True, True, False])


def xor_judge(got: Any, ctx: Context) -> Verdict:
    """Any params list that makes the reference ``mlp_forward(X, params, "relu")`` positive exactly on
    the XOR-true points of the four corners passes (one output unit, as in the lecture)."""
    if not isinstance(got, (list, tuple)) or len(got) == 0:
        return fail("type", "xor_params() must return a list of (W, b) pairs, one per layer; "
                            f"got {type(got).__name__}")
    params = []
    for i, layer in enumerate(got, start=1):
        if not isinstance(layer, (list, tuple)) or len(layer) != 2:
            return fail("type", f"layer {i} is not a pair (W, b)")
        try:
            W, b = (np.asarray(layer[0], dtype=float), np.asarray(layer[1], dtype=float))
        except (TypeError, ValueError):
            return fail("type", f"layer {i}: W and b must be arrays of numbers")
        if W.ndim != 2:
            return fail("shape", f"layer {i}: W must be a 2-D array (units out, inputs in), got shape {W.shape}")
        inputs = params[-1][0].shape[0] if params else 2
        if W.shape[1] != inputs:
            where = "the input has 2 features" if i == 1 else f"layer {i - 1} has {inputs} units"
            return fail("shape", f"layer {i}: W has shape {W.shape} but {where}; W is (units out, inputs in), "
                                 f"so it needs {inputs} columns")
        if b.shape != (W.shape[0],):
            return fail("shape", f"layer {i}: b must have shape ({W.shape[0]},) to match W of shape {W.shape}, "
                                 f"got {b.shape}")
        if not (np.isfinite(W).all() and np.isfinite(b).all()):
            return fail("nan", f"layer {i} has nan or inf entries")
        params.append((W, b))
    if params[-1][0].shape[0] != 1:
        return fail("shape", f"the last layer must have one output unit, got {params[-1][0].shape[0]}")
    F = np.asarray(ctx.ref.mlp_forward(XOR_X.copy(), params, "relu"), dtype=float).reshape(-1)
    positive = F > 0
    if (positive == XOR_Y).all():
        return PASS
    wrong = [f"{tuple(int(v) for v in x)} -> {f:g}" for x, f, p, t in zip(XOR_X, F, positive, XOR_Y) if p != t]
    return fail("value", "mlp_forward(X, xor_params(), 'relu') must be > 0 exactly on (0, 1) and (1, 0); "
                         f"wrong at {', '.join(wrong)}")


def my_layers(student: str) -> list[int]:
    """The layer sizes of the per-student parameter-count question (the notebook draws the same)."""
    return integers(student, "param_count", 2, 65, size=4)


def my_p(student: str) -> float:
    """The probability of the true class in the per-student cross-entropy question."""
    return integers(student, "ce_example/p", 5, 96) / 100


def my_predictions(student: str) -> np.ndarray:
    """The argmax classes of the student's three rows of scores (each row a permutation: no ties)."""
    return (np.array([order(student, f"argmax/{r}", 4) for r in range(3)]) * 1.5 - 2).argmax(axis=1)


def my_ce_5class(student: str) -> float:
    """The lecture's five-class quiz for the student: -log of the labelled class's probability."""
    p = [integers(student, f"ce_5class/p{i}", 1, 25) for i in range(4)]
    p.append(100 - sum(p))
    return float(-np.log(p[integers(student, "ce_5class/label", 1, 6) - 1] / 100))


def my_bce(student: str) -> float:
    """The binary cross-entropy of the student's p and y."""
    p, y = integers(student, "bce/p", 2, 99) / 100, integers(student, "bce/y", 0, 2)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)))


def count(sizes: list[int]) -> int:
    return int(sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:])))


# ----------------------------------------------------------------------------------------------
# Inputs
# ----------------------------------------------------------------------------------------------

def draw_sizes(rng: np.random.Generator, k: int, low: int, high: int) -> list[int]:
    """``k`` distinct integers in ``[low, high)``, in random order."""
    return [int(v) for v in rng.choice(np.arange(low, high), size=k, replace=False)]


def extreme(rng: np.random.Generator) -> tuple:
    fixed = np.array([1e4, -1e4, 1000.0, -1000.0, 710.0, -710.0, 50.0, -50.0, 0.0])
    z = np.concatenate([fixed, rng.uniform(-1e4, 1e4, size=5), rng.normal(size=4)])
    return (rng.permutation(z),)


def dense(rng: np.random.Generator, n: int | None = None, bias_scale: float = 1.0) -> tuple:
    n_, d, m = draw_sizes(rng, 3, 2, 10)
    n = n or n_
    return (rng.normal(size=(n, d)), rng.normal(size=(m, d)), rng.normal(size=m) * bias_scale)


def dense_integers(rng: np.random.Generator) -> tuple:
    """Integer pixels and weights, as in the lecture's examples, with a bias of halves (a float)."""
    n, d, m = draw_sizes(rng, 3, 2, 10)
    return rng.integers(0, 17, size=(n, d)), rng.integers(-3, 4, size=(m, d)), rng.integers(-4, 4, size=m) + 0.5


def mlp(rng: np.random.Generator, layers: int, activation: str | None, keyword: bool = True,
         row_scales: bool = False) -> Args:
    sizes = draw_sizes(rng, layers + 2, 2, 12)
    n, sizes = sizes[0], sizes[1:]
    X = rng.normal(size=(n, sizes[0]))
    if row_scales:
        X = X * 10.0 ** rng.uniform(-3, 3, size=(n, 1))
    params = layer_params(rng, sizes)
    # make the first score of a random row exactly -1: the raw scores always have a negative entry,
    # so a ReLU after the last layer cannot go unnoticed
    i, k = int(rng.integers(0, n)), int(rng.integers(0, sizes[-1]))
    F = forward(X, params, activation or "sigmoid")
    params[-1][1][k] -= F[i, k] + 1.0
    if activation is None:
        return Args(X, params)
    return Args(X, params, activation=activation) if keyword else Args(X, params, activation)


def softmax_rows(rng: np.random.Generator) -> tuple:
    n, K = 6, 5
    offsets = rng.permutation(np.array([-1e4, -3e3, 0.0, 50.0, 3e3, 1e4]))
    scales = 10.0 ** rng.uniform(-2, 2, size=(n, 1))
    return (rng.normal(size=(n, K)) * scales + offsets[:, None],)


def probs(rng: np.random.Generator, n: int, K: int) -> np.ndarray:
    return softmax(rng.normal(size=(n, K)) * 1.5)


def ce_zeros(rng: np.random.Generator) -> tuple:
    """Probability rows with exact zeros, some of them at the true class."""
    n, K = 7, 5
    P = probs(rng, n, K)
    y = rng.integers(0, K, size=n)
    for i in range(n):
        zero = rng.choice([k for k in range(K) if k != y[i]])
        P[i, zero] = 0.0  # a zero at a wrong class: 0 * log 0 is nan
    P[0, y[0]] = 0.0
    P[3, y[3]] = 0.0
    P /= P.sum(axis=1, keepdims=True)
    return P, y


def unsorted_labels(rng: np.random.Generator) -> tuple:
    """Ten labels in random order from four of the six classes (5 among them): gaps below the top."""
    classes = np.concatenate([rng.choice(5, size=3, replace=False), [5]])
    y = rng.choice(classes, size=10)
    y[rng.integers(0, 10)] = 5
    return y, 6


def bce_saturated(rng: np.random.Generator) -> tuple:
    p = np.concatenate([[0.0, 0.0, 1.0, 1.0], rng.uniform(0.01, 0.99, size=6)])
    y = np.concatenate([[0, 1, 0, 1], rng.integers(0, 2, size=6)])
    order = rng.permutation(len(p))
    return p[order], y[order]


def bce(rng: np.random.Generator, n: int) -> tuple:
    y = rng.permutation(np.concatenate([[0, 1], rng.integers(0, 2, size=n - 2)]))
    return rng.uniform(0.02, 0.98, size=n), y


# ----------------------------------------------------------------------------------------------
# Known mistakes
# ----------------------------------------------------------------------------------------------

NO_BIAS: list[Mistake] = [
    ("no-bias", lambda a: a["X"] @ a["W"].T, "the result is X @ W.T without the bias: add b to every row"),
]

MLP_MISTAKES: list[Mistake] = [
    ("output-activation", lambda a: forward(a["X"], a["params"], a["activation"], out_act=a["activation"]),
     "the activation is applied after the last layer too; the last layer returns raw scores (no activation)"),
    ("ignored-activation", lambda a: forward(a["X"], a["params"], "sigmoid"),
     "these are the scores with sigmoid hidden layers: use the activation argument"),
    ("softmax-output", lambda a: softmax(forward(a["X"], a["params"], a["activation"])),
     "these are softmax probabilities: mlp_forward returns the raw scores F"),
    ("input-activation", lambda a: forward(ACTIVATIONS[a["activation"]](a["X"]), a["params"], a["activation"]),
     "the activation is applied to the input X too: the first layer takes X as it is"),
    ("no-bias", lambda a: forward(a["X"], [(W, 0 * b) for W, b in a["params"]], a["activation"]),
     "the biases are missing: every layer computes H @ W.T + b"),
]


def shifted_exp(F: Any, axis: int | None = -1) -> np.ndarray:
    F = np.asarray(F, dtype=float)
    return np.exp(F - F.max(axis=axis, keepdims=axis is not None))


SOFTMAX_MISTAKES: list[Mistake] = [
    ("whole-array", lambda a: shifted_exp(a["F"], None) / shifted_exp(a["F"], None).sum(),
     "the whole array sums to 1: normalise each row on its own (axis=-1)"),
    ("axis", lambda a: softmax(np.asarray(a["F"], dtype=float), axis=0),
     "the columns sum to 1, not the rows: normalise along the last axis (axis=-1)"),
    ("keepdims", lambda a: shifted_exp(a["F"]) / shifted_exp(a["F"]).sum(axis=-1),
     "the row sums were divided column-wise: use .sum(axis=-1, keepdims=True) so they broadcast along each row"),
]


def p_true(a: dict) -> np.ndarray:
    P, y = a["P"], a["y"]
    return np.maximum(P[np.arange(len(y)), y], 1e-12)


CE_MISTAKES: list[Mistake] = [
    ("sum", lambda a: -np.log(p_true(a)).sum(), "this is the sum over the batch: average it (divide by n)"),
    ("column-index", lambda a: -np.log(np.maximum(a["P"][:, a["y"]], 1e-12)).mean(),
     "P[:, y] takes whole columns (an n x n block): pick one entry per row, P[np.arange(n), y]"),
    ("per-sample", lambda a: -np.log(p_true(a)), "this is one loss per row: return their mean, one number"),
    ("mean-all", lambda a: -np.log(p_true(a)).sum() / np.size(a["P"]),
     "this divides by n * K (a mean over every entry of P): average over the n rows only"),
    ("sign", lambda a: np.log(p_true(a)).mean(), "the loss is -log p, a positive number: the minus sign is missing"),
    ("log10", lambda a: -np.log10(p_true(a)).mean(), "use the natural logarithm np.log, not log10"),
]


def bce_terms(a: dict) -> tuple[np.ndarray, np.ndarray]:
    return np.clip(np.asarray(a["p"], dtype=float), 1e-12, 1 - 1e-12), np.asarray(a["y"], dtype=float)


BCE_MISTAKES: list[Mistake] = [
    ("missing-term", lambda a: (lambda p, y: np.mean(-y * np.log(p)))(*bce_terms(a)),
     "only -y log p is there: the points with y = 0 need the term -(1 - y) log(1 - p)"),
    ("swapped", lambda a: (lambda p, y: np.mean(-(1 - y) * np.log(p) - y * np.log(1 - p)))(*bce_terms(a)),
     "the two terms are swapped: p is the probability of class 1, so y = 1 pays -log p"),
    ("sum", lambda a: (lambda p, y: np.sum(-y * np.log(p) - (1 - y) * np.log(1 - p)))(*bce_terms(a)),
     "this is the sum over the batch: average it"),
    ("per-sample", lambda a: (lambda p, y: -y * np.log(p) - (1 - y) * np.log(1 - p))(*bce_terms(a)),
     "this is one loss per point: return their mean, one number"),
]

COUNT_MISTAKES: list[Mistake] = [
    ("no-biases", lambda a: sum(m * n for m, n in zip(a["layer_sizes"][:-1], a["layer_sizes"][1:])),
     "only the weights are counted: every unit of every layer after the input has a bias too"),
    ("bias-side", lambda a: sum(m * (n + 1) for m, n in zip(a["layer_sizes"][:-1], a["layer_sizes"][1:])),
     "the biases were counted per input unit: a layer with m units has m biases, one per unit"),
    ("input-biases", lambda a: count(a["layer_sizes"]) + a["layer_sizes"][0],
     "the input layer has no biases: it only holds the features"),
    ("neurons", lambda a: sum(a["layer_sizes"]), "that is the number of units; count the weights and biases"),
]


# ----------------------------------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------------------------------

DENSE_ADVICE = "X is (n, d), W is (m, d) and b is (m,): X @ W.T + b has shape (n, m)"
INTEGER_ADVICE = ("X @ W.T of integer arrays is an integer array: `Z += b` cannot add a float bias into it "
                  "(numpy refuses the cast); write Z = X @ W.T + b")

SIGMOID_ADVICE = {
    "nan": "for large z, exp(z) is inf and inf/inf is nan; use a = exp(-|z|), which is in (0, 1]: "
           "1/(1+a) for z >= 0 and a/(1+a) for z < 0",
    "inf": "exp overflowed: use exp(-|z|), which never exceeds 1",
    "warning": "exp of a large argument overflows even where the result rounds right (np.where evaluates "
               "both branches): take exp only of -|z|",
}
