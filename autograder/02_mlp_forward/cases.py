"""Case table of week 02_mlp_forward: activations, dense layers, the MLP forward pass, softmax and losses.

Conventions (ASSIGNMENTS.md): batches are rows, ``W`` is ``(m, d)``, ``Z = X @ W.T + b``, losses are
batch means. Shapes are chosen so that a transpose, a wrong axis or a missing ``keepdims`` cannot
hide (``n``, ``d``, ``m`` and ``K`` all differ), and hidden inputs are drawn per student.

Tolerances: ``rtol=1e-6, atol=1e-9`` (the judge's defaults) unless a case says otherwise;
counts are exact. The hidden cases judge with :func:`nnlab.mistakes.known_mistakes`, which names the
classic mistake when the output equals what that mistake computes (an activation after the last layer, a sum
instead of a mean, ``P[:, y]``...).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from nnlab.cases import Args, Case
from nnlab.judge import PASS, REF, Close, Context, Custom, Form, Letter, Verdict, fail
from nnlab.judge_variants import variant_answer, variant_letter
from nnlab.mistakes import Mistake, known_mistakes
from nnlab.trusted import ACTIVATIONS, XOR_X, layer_params, softmax
from nnlab.variants import integers, order

RTOL, ATOL = 1e-6, 1e-9


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


def _forward(X: np.ndarray, params: list, act: str, out_act: str | None = None) -> np.ndarray:
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


def _xor_judge(got: Any, ctx: Context) -> Verdict:
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


def _count(sizes: list[int]) -> int:
    return int(sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:])))


# ----------------------------------------------------------------------------------------------
# Inputs
# ----------------------------------------------------------------------------------------------

def _sizes(rng: np.random.Generator, k: int, low: int, high: int) -> list[int]:
    """``k`` distinct integers in ``[low, high)``, in random order."""
    return [int(v) for v in rng.choice(np.arange(low, high), size=k, replace=False)]


def _extreme(rng: np.random.Generator) -> tuple:
    fixed = np.array([1e4, -1e4, 1000.0, -1000.0, 710.0, -710.0, 50.0, -50.0, 0.0])
    z = np.concatenate([fixed, rng.uniform(-1e4, 1e4, size=5), rng.normal(size=4)])
    return (rng.permutation(z),)


def _dense(rng: np.random.Generator, n: int | None = None, bias_scale: float = 1.0) -> tuple:
    n_, d, m = _sizes(rng, 3, 2, 10)
    n = n or n_
    return (rng.normal(size=(n, d)), rng.normal(size=(m, d)), rng.normal(size=m) * bias_scale)


def _dense_integers(rng: np.random.Generator) -> tuple:
    """Integer pixels and weights, as in the lecture's examples, with a bias of halves (a float)."""
    n, d, m = _sizes(rng, 3, 2, 10)
    return rng.integers(0, 17, size=(n, d)), rng.integers(-3, 4, size=(m, d)), rng.integers(-4, 4, size=m) + 0.5


def _mlp(rng: np.random.Generator, layers: int, activation: str | None, keyword: bool = True,
         row_scales: bool = False) -> Args:
    sizes = _sizes(rng, layers + 2, 2, 12)
    n, sizes = sizes[0], sizes[1:]
    X = rng.normal(size=(n, sizes[0]))
    if row_scales:
        X = X * 10.0 ** rng.uniform(-3, 3, size=(n, 1))
    params = layer_params(rng, sizes)
    # make the first score of a random row exactly -1: the raw scores always have a negative entry,
    # so a ReLU after the last layer cannot go unnoticed
    i, k = int(rng.integers(0, n)), int(rng.integers(0, sizes[-1]))
    F = _forward(X, params, activation or "sigmoid")
    params[-1][1][k] -= F[i, k] + 1.0
    if activation is None:
        return Args(X, params)
    return Args(X, params, activation=activation) if keyword else Args(X, params, activation)


def _softmax_rows(rng: np.random.Generator) -> tuple:
    n, K = 6, 5
    offsets = rng.permutation(np.array([-1e4, -3e3, 0.0, 50.0, 3e3, 1e4]))
    scales = 10.0 ** rng.uniform(-2, 2, size=(n, 1))
    return (rng.normal(size=(n, K)) * scales + offsets[:, None],)


def _probs(rng: np.random.Generator, n: int, K: int) -> np.ndarray:
    return softmax(rng.normal(size=(n, K)) * 1.5)


def _ce_zeros(rng: np.random.Generator) -> tuple:
    """Probability rows with exact zeros, some of them at the true class."""
    n, K = 7, 5
    P = _probs(rng, n, K)
    y = rng.integers(0, K, size=n)
    for i in range(n):
        zero = rng.choice([k for k in range(K) if k != y[i]])
        P[i, zero] = 0.0  # a zero at a wrong class: 0 * log 0 is nan
    P[0, y[0]] = 0.0
    P[3, y[3]] = 0.0
    P /= P.sum(axis=1, keepdims=True)
    return P, y


def _unsorted_labels(rng: np.random.Generator) -> tuple:
    """Ten labels in random order from four of the six classes (5 among them): gaps below the top."""
    classes = np.concatenate([rng.choice(5, size=3, replace=False), [5]])
    y = rng.choice(classes, size=10)
    y[rng.integers(0, 10)] = 5
    return y, 6


def _bce_saturated(rng: np.random.Generator) -> tuple:
    p = np.concatenate([[0.0, 0.0, 1.0, 1.0], rng.uniform(0.01, 0.99, size=6)])
    y = np.concatenate([[0, 1, 0, 1], rng.integers(0, 2, size=6)])
    order = rng.permutation(len(p))
    return p[order], y[order]


def _bce(rng: np.random.Generator, n: int) -> tuple:
    y = rng.permutation(np.concatenate([[0, 1], rng.integers(0, 2, size=n - 2)]))
    return rng.uniform(0.02, 0.98, size=n), y


# ----------------------------------------------------------------------------------------------
# Known mistakes
# ----------------------------------------------------------------------------------------------

NO_BIAS: list[Mistake] = [
    ("no-bias", lambda a: a["X"] @ a["W"].T, "the result is X @ W.T without the bias: add b to every row"),
]

MLP_MISTAKES: list[Mistake] = [
    ("output-activation", lambda a: _forward(a["X"], a["params"], a["activation"], out_act=a["activation"]),
     "the activation is applied after the last layer too; the last layer returns raw scores (no activation)"),
    ("ignored-activation", lambda a: _forward(a["X"], a["params"], "sigmoid"),
     "these are the scores with sigmoid hidden layers: use the activation argument"),
    ("softmax-output", lambda a: softmax(_forward(a["X"], a["params"], a["activation"])),
     "these are softmax probabilities: mlp_forward returns the raw scores F"),
    ("input-activation", lambda a: _forward(ACTIVATIONS[a["activation"]](a["X"]), a["params"], a["activation"]),
     "the activation is applied to the input X too: the first layer takes X as it is"),
    ("no-bias", lambda a: _forward(a["X"], [(W, 0 * b) for W, b in a["params"]], a["activation"]),
     "the biases are missing: every layer computes H @ W.T + b"),
]


def _shifted_exp(F: Any, axis: int | None = -1) -> np.ndarray:
    F = np.asarray(F, dtype=float)
    return np.exp(F - F.max(axis=axis, keepdims=axis is not None))


SOFTMAX_MISTAKES: list[Mistake] = [
    ("whole-array", lambda a: _shifted_exp(a["F"], None) / _shifted_exp(a["F"], None).sum(),
     "the whole array sums to 1: normalise each row on its own (axis=-1)"),
    ("axis", lambda a: softmax(np.asarray(a["F"], dtype=float), axis=0),
     "the columns sum to 1, not the rows: normalise along the last axis (axis=-1)"),
    ("keepdims", lambda a: _shifted_exp(a["F"]) / _shifted_exp(a["F"]).sum(axis=-1),
     "the row sums were divided column-wise: use .sum(axis=-1, keepdims=True) so they broadcast along each row"),
]


def _p_true(a: dict) -> np.ndarray:
    P, y = a["P"], a["y"]
    return np.maximum(P[np.arange(len(y)), y], 1e-12)


CE_MISTAKES: list[Mistake] = [
    ("sum", lambda a: -np.log(_p_true(a)).sum(), "this is the sum over the batch: average it (divide by n)"),
    ("column-index", lambda a: -np.log(np.maximum(a["P"][:, a["y"]], 1e-12)).mean(),
     "P[:, y] takes whole columns (an n x n block): pick one entry per row, P[np.arange(n), y]"),
    ("per-sample", lambda a: -np.log(_p_true(a)), "this is one loss per row: return their mean, one number"),
    ("mean-all", lambda a: -np.log(_p_true(a)).sum() / np.size(a["P"]),
     "this divides by n * K (a mean over every entry of P): average over the n rows only"),
    ("sign", lambda a: np.log(_p_true(a)).mean(), "the loss is -log p, a positive number: the minus sign is missing"),
    ("log10", lambda a: -np.log10(_p_true(a)).mean(), "use the natural logarithm np.log, not log10"),
]


def _bce_terms(a: dict) -> tuple[np.ndarray, np.ndarray]:
    return np.clip(np.asarray(a["p"], dtype=float), 1e-12, 1 - 1e-12), np.asarray(a["y"], dtype=float)


BCE_MISTAKES: list[Mistake] = [
    ("missing-term", lambda a: (lambda p, y: np.mean(-y * np.log(p)))(*_bce_terms(a)),
     "only -y log p is there: the points with y = 0 need the term -(1 - y) log(1 - p)"),
    ("swapped", lambda a: (lambda p, y: np.mean(-(1 - y) * np.log(p) - y * np.log(1 - p)))(*_bce_terms(a)),
     "the two terms are swapped: p is the probability of class 1, so y = 1 pays -log p"),
    ("sum", lambda a: (lambda p, y: np.sum(-y * np.log(p) - (1 - y) * np.log(1 - p)))(*_bce_terms(a)),
     "this is the sum over the batch: average it"),
    ("per-sample", lambda a: (lambda p, y: -y * np.log(p) - (1 - y) * np.log(1 - p))(*_bce_terms(a)),
     "this is one loss per point: return their mean, one number"),
]

COUNT_MISTAKES: list[Mistake] = [
    ("no-biases", lambda a: sum(m * n for m, n in zip(a["layer_sizes"][:-1], a["layer_sizes"][1:])),
     "only the weights are counted: every unit of every layer after the input has a bias too"),
    ("bias-side", lambda a: sum(m * (n + 1) for m, n in zip(a["layer_sizes"][:-1], a["layer_sizes"][1:])),
     "the biases were counted per input unit: a layer with m units has m biases, one per unit"),
    ("input-biases", lambda a: _count(a["layer_sizes"]) + a["layer_sizes"][0],
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

CASES = [
    # --- sigmoid -------------------------------------------------------------------------------
    Case("sigmoid/matrix", "sigmoid", Close(REF), inputs=lambda rng: (rng.normal(size=(3, 4)) * 3,),
         public=True, about="a 3x4 matrix of moderate values"),
    Case("sigmoid/extreme", "sigmoid", Close(REF), inputs=_extreme, warning_free=True,
         about="values up to 1e4 in size", messages=SIGMOID_ADVICE),
    Case("sigmoid/3d", "sigmoid", Close(REF), inputs=lambda rng: (rng.normal(size=(2, 3, 4)) * 4,),
         about="a 3-D array (elementwise means any shape)"),
    Case("sigmoid/integers", "sigmoid", Close(REF), inputs=lambda rng: (rng.integers(-6, 7, size=9),),
         about="an integer array",
         messages={"value": "integer input must still give fractions: allocate the output as float "
                            "(np.zeros_like of an integer array is an integer array)"}),

    # --- relu ----------------------------------------------------------------------------------
    Case("relu/matrix", "relu", Close(REF), inputs=lambda rng: (rng.normal(size=(4, 3)),), public=True,
         about="a 4x3 matrix"),
    Case("relu/zeros", "relu", Close(REF),
         inputs=lambda rng: (rng.permutation(np.concatenate([[0.0, -0.0, 0.0, 1e-300, -1e-300, 1e4, -1e4],
                                                             rng.normal(size=5)])),),
         about="exact zeros, tiny and huge values",
         messages={"value": "relu(z) = max(0, z): z itself where z > 0, else 0"}),
    Case("relu/3d", "relu", Close(REF), inputs=lambda rng: (rng.normal(size=(3, 2, 5)),),
         about="a 3-D array (elementwise means any shape)"),

    # --- dense_forward -------------------------------------------------------------------------
    Case("dense_forward/basic", "dense_forward", Close(REF),
         inputs=lambda rng: (rng.normal(size=(5, 3)), rng.normal(size=(4, 3)), rng.normal(size=4)),
         public=True, about="X (5, 3), W (4, 3), b (4,)",
         messages={"exception": DENSE_ADVICE}),
    Case("dense_forward/lecture-integers", "dense_forward", Close(REF),
         inputs=lambda rng: (XOR_X.astype(int), np.array([[1, 2], [2, 1]]), np.array([-0.5, -1.5])), public=True,
         about="integer X and W, as in the lecture's examples, and a bias of halves",
         messages={"exception": INTEGER_ADVICE}),
    Case("dense_forward/integers", "dense_forward", known_mistakes(NO_BIAS), inputs=_dense_integers,
         about="integer X (pixels 0..16) and W, a bias of halves", messages={"exception": INTEGER_ADVICE}),
    Case("dense_forward/non-square", "dense_forward", known_mistakes(NO_BIAS), inputs=_dense,
         about="X (n, d) and W (m, d) with n, d, m all different",
         messages={"exception": DENSE_ADVICE,
                   "shape": "one row per sample, one column per unit: X @ W.T + b has shape (n, m)"}),
    Case("dense_forward/one-row", "dense_forward", known_mistakes(NO_BIAS), inputs=lambda rng: _dense(rng, n=1),
         about="a batch of one row",
         messages={"shape": "keep the batch axis: one row in gives a (1, m) array out"}),
    Case("dense_forward/large-bias", "dense_forward", known_mistakes(NO_BIAS),
         inputs=lambda rng: _dense(rng, bias_scale=100.0), about="large biases",
         messages={"exception": DENSE_ADVICE}),

    # --- mlp_forward ---------------------------------------------------------------------------
    Case("mlp_forward/two-layers", "mlp_forward", Close(REF),
         inputs=lambda rng: Args(rng.normal(size=(4, 3)), layer_params(rng, [3, 5, 2])), public=True,
         about="2 layers (3 -> 5 -> 2), default activation"),
    Case("mlp_forward/one-layer", "mlp_forward", known_mistakes(MLP_MISTAKES, hint=negative_scores_hint),
         inputs=lambda rng: _mlp(rng, 1, "relu"), about="a single layer (no hidden layer)",
         messages={"value": "with one layer there is no hidden layer: the output is X @ W.T + b"}),
    Case("mlp_forward/relu", "mlp_forward", known_mistakes(MLP_MISTAKES, hint=negative_scores_hint),
         inputs=lambda rng: _mlp(rng, 2, "relu"), about="2 layers with activation='relu'"),
    Case("mlp_forward/tanh", "mlp_forward", known_mistakes(MLP_MISTAKES, hint=negative_scores_hint),
         inputs=lambda rng: _mlp(rng, 3, "tanh", keyword=False), about="3 layers with tanh (positional)"),
    Case("mlp_forward/sigmoid-deep", "mlp_forward", known_mistakes(MLP_MISTAKES, hint=negative_scores_hint),
         inputs=lambda rng: _mlp(rng, 4, None), about="4 layers, default activation"),
    Case("mlp_forward/row-scales", "mlp_forward", known_mistakes(MLP_MISTAKES, hint=negative_scores_hint),
         inputs=lambda rng: _mlp(rng, 3, "sigmoid", row_scales=True),
         about="3 sigmoid layers on rows of very different scale (1e-3 to 1e3)",
         messages={"nan": "a hidden layer's sigmoid overflowed: make sigmoid stable for large |z|"}),

    # --- xor_params ----------------------------------------------------------------------------
    Case("xor_params/truth-table", "xor_params", Custom(_xor_judge), points=2,
         about="the four XOR points with the reference mlp_forward and ReLU"),

    # --- softmax -------------------------------------------------------------------------------
    Case("softmax/rows", "softmax", Close(REF), inputs=lambda rng: (rng.normal(size=(3, 4)),), public=True,
         about="a 3x4 matrix of scores"),
    Case("softmax/vector", "softmax", Close(REF), inputs=lambda rng: (rng.normal(size=5) * 2,), public=True,
         about="a 1-D vector of scores",
         messages={"exception": "softmax must also take a 1-D vector: use axis=-1, the last axis"}),
    Case("softmax/large-scores", "softmax", known_mistakes(SOFTMAX_MISTAKES),
         warning_free=True,
         inputs=lambda rng: (rng.normal(size=(5, 7)) * 1e4,), about="scores near 1e4",
         messages={"nan": "exp of scores near 1e4 overflows: subtract each row's maximum before exp "
                          "(softmax(f) = softmax(f - c))"}),
    Case("softmax/non-square", "softmax", known_mistakes(SOFTMAX_MISTAKES),
         inputs=lambda rng: (rng.normal(size=(4, 7)) * 3,), about="a 4x7 matrix",
         messages={"exception": "normalise each row: .max(axis=-1, keepdims=True) and "
                                ".sum(axis=-1, keepdims=True) broadcast against (n, K)"}),
    Case("softmax/square", "softmax", known_mistakes(SOFTMAX_MISTAKES),
         inputs=lambda rng: (rng.normal(size=(5, 5)) * 3,), about="a 5x5 matrix"),
    Case("softmax/vector-large", "softmax", known_mistakes(SOFTMAX_MISTAKES),
         warning_free=True,
         inputs=lambda rng: (rng.permutation(np.append(rng.normal(size=5) * 1e4, rng.uniform(2e3, 1e4))),),
         about="a 1-D vector of scores near 1e4",
         messages={"nan": "subtract the maximum before exp",
                   "exception": "softmax must also take a 1-D vector: use axis=-1, the last axis"}),
    Case("softmax/row-scales", "softmax", known_mistakes(SOFTMAX_MISTAKES),
         warning_free=True, inputs=_softmax_rows,
         about="rows of very different scale and offset (-1e4 to 1e4)",
         messages={"nan": "subtract each row's own maximum (axis=-1, keepdims=True), not one maximum of the "
                          "whole array: a row far below it underflows to 0/0"}),

    # --- one_hot -------------------------------------------------------------------------------
    Case("one_hot/basic", "one_hot", Close(REF), inputs=lambda rng: (np.array([0, 2, 1, 2]), 3), public=True,
         about="y = [0, 2, 1, 2], K = 3"),
    Case("one_hot/unused-classes", "one_hot", Close(REF),
         inputs=lambda rng: (rng.permutation(np.concatenate([np.arange(4), rng.integers(0, 4, size=5)])),
                             int(rng.integers(10, 13))),  # K != n = 9: a transpose shows
         about="K larger than the largest label + 1",
         messages={"shape": "the matrix has K columns even when the largest classes do not occur in y"}),
    Case("one_hot/unsorted", "one_hot", Close(REF), inputs=_unsorted_labels,
         about="unsorted labels with gaps, K = 6",
         messages={"value": "row i has its 1 in column y[i] itself (the label is the column index)"}),
    Case("one_hot/single", "one_hot", Close(REF), inputs=lambda rng: (np.array([int(rng.integers(1, 3))]), 4),
         about="a single label", messages={"shape": "one label gives a (1, K) matrix"}),

    # --- cross_entropy -------------------------------------------------------------------------
    Case("cross_entropy/basic", "cross_entropy", Close(REF),
         inputs=lambda rng: (_probs(rng, 4, 3), rng.integers(0, 3, size=4)), public=True,
         about="4 rows of 3 probabilities"),
    Case("cross_entropy/n-not-K", "cross_entropy", known_mistakes(CE_MISTAKES),
         inputs=lambda rng: (_probs(rng, 7, 4), rng.integers(0, 4, size=7)), about="7 rows of 4 probabilities"),
    Case("cross_entropy/zeros", "cross_entropy", known_mistakes(CE_MISTAKES), inputs=_ce_zeros,
         about="probabilities with exact zeros, some at the true class",
         messages={"inf": "log(0) is -inf: clip the probabilities to at least 1e-12 before the log",
                   "nan": "0 * log(0) is nan: take -log P[i, y_i] at the true class only, or clip P first",
                   "value": "a true-class probability of 0 counts as 1e-12: -log(1e-12) = 27.63"}),
    Case("cross_entropy/one-row", "cross_entropy", known_mistakes(CE_MISTAKES),
         inputs=lambda rng: (_probs(rng, 1, 5), rng.integers(0, 5, size=1)), about="a batch of one row"),

    # --- binary_cross_entropy ------------------------------------------------------------------
    Case("binary_cross_entropy/basic", "binary_cross_entropy", Close(REF), inputs=lambda rng: _bce(rng, 6),
         public=True, about="6 probabilities with labels 0 and 1"),
    Case("binary_cross_entropy/both-labels", "binary_cross_entropy", known_mistakes(BCE_MISTAKES),
         inputs=lambda rng: _bce(rng, 11), about="11 probabilities with labels 0 and 1"),
    # rtol 1e-5: clipping 1 - p at 1e-12 instead of p at 1 - 1e-12 changes -log(1e-12) in the 6th digit.
    Case("binary_cross_entropy/saturated", "binary_cross_entropy", known_mistakes(BCE_MISTAKES, rtol=1e-5),
         inputs=_bce_saturated, about="p exactly 0 and 1 with both labels",
         messages={"inf": "log(0) is -inf: clip p to [1e-12, 1 - 1e-12] (both ends) before the logs",
                   "nan": "0 * log(0) is nan: clip p to [1e-12, 1 - 1e-12] before the logs",
                   "value": "clip p to [1e-12, 1 - 1e-12] exactly"}),

    # --- count_parameters ----------------------------------------------------------------------
    Case("count_parameters/small", "count_parameters", Close(REF, rtol=0, atol=0),
         inputs=lambda rng: ([2, 3, 1],), public=True, about="[2, 3, 1]"),
    Case("count_parameters/lecture", "count_parameters", known_mistakes(COUNT_MISTAKES, rtol=0, atol=0),
         inputs=lambda rng: ([2, 1024, 512, 3],), about="the lecture's [2, 1024, 512, 3]"),
    Case("count_parameters/one-layer", "count_parameters", known_mistakes(COUNT_MISTAKES, rtol=0, atol=0),
         inputs=lambda rng: ([int(rng.integers(10, 800)), int(rng.integers(2, 12))],),
         about="two sizes (a single layer)"),
    Case("count_parameters/two-layers", "count_parameters", known_mistakes(COUNT_MISTAKES, rtol=0, atol=0),
         inputs=lambda rng: (_sizes(rng, 3, 2, 200),), about="three sizes (one hidden layer)"),
    Case("count_parameters/deep", "count_parameters", known_mistakes(COUNT_MISTAKES, rtol=0, atol=0),
         inputs=lambda rng: ([int(v) for v in rng.integers(1, 300, size=int(rng.integers(6, 9)))],),
         about="a deep network of 5 to 7 layers"),

    # --- quiz ----------------------------------------------------------------------------------
    # public checks of the quiz answers' form only (no points)
    *[Case(f"{name}/form", name, Form(form), mode="value", public=True, points=0)
      for name, form in (("answer_multiclass_output", "letter"), ("answer_param_count", "number"),
                         ("answer_linear_xor", "letter"), ("answer_ce_example", "number"),
                         ("answer_my_param_count", "number"), ("answer_my_ce_example", "number"),
                         ("answer_my_multiclass_output", "letter"), ("answer_my_linear_xor", "letter"),
                         ("answer_my_ce_5class", "number"), ("answer_my_bce", "number"))],
    Case("answer_my_predictions/form", "answer_my_predictions", Form([3]), mode="value", public=True, points=0),
    Case("answer_my_predictions/value", "answer_my_predictions", variant_answer(my_predictions, rtol=0, atol=0),
         mode="value", extra_values=("STUDENT_ID",),
         messages={"value": "the index of the largest score in each row, the first class being class zero"}),
    Case("answer_multiclass_output/value", "answer_multiclass_output", Letter(REF), mode="value", points=0),
    # the lecture's own numbers are practice (their keys are in the slides); the personal ones carry the points
    Case("answer_param_count/value", "answer_param_count", Close(REF, rtol=0, atol=0), mode="value", points=0,
         messages={"value": "count every layer's weights (inputs x units) and biases (one per unit)"}),
    Case("answer_linear_xor/value", "answer_linear_xor", Letter(REF), mode="value", points=0),
    Case("answer_my_ce_5class/value", "answer_my_ce_5class", variant_answer(my_ce_5class, rtol=1e-3, atol=0),
         mode="value", extra_values=("STUDENT_ID",),
         messages={"value": "-log of the probability of the labelled class; the lecture counts classes from 1"}),
    Case("answer_my_bce/value", "answer_my_bce", variant_answer(my_bce, rtol=1e-3, atol=0), mode="value",
         extra_values=("STUDENT_ID",), messages={"value": "-[y log p + (1 - y) log(1 - p)], natural log"}),
    Case("answer_my_multiclass_output/value", "answer_my_multiclass_output",
         variant_letter("multiclass_output", 4, right=2), mode="value", extra_values=("STUDENT_ID",)),
    Case("answer_my_linear_xor/value", "answer_my_linear_xor", variant_letter("linear_xor", 2, right=1),
         mode="value", extra_values=("STUDENT_ID",)),
    # rtol 1e-3: a typed answer with four significant digits (0.2231) is right.
    Case("answer_ce_example/value", "answer_ce_example", Close(REF, rtol=1e-3, atol=0), mode="value", points=0,
         messages={"value": "the loss is -log of the probability of the true class, natural log"}),
    Case("answer_my_ce_example/value", "answer_my_ce_example",
         variant_answer(lambda student: -np.log(my_p(student)), rtol=1e-3, atol=0), mode="value",
         extra_values=("STUDENT_ID",), messages={"value": "the loss is -log of the probability of the true class, "
                                                           "natural log"}),
    Case("answer_my_param_count/value", "answer_my_param_count",
         variant_answer(lambda student: _count(my_layers(student)), rtol=0, atol=0), mode="value",
         extra_values=("STUDENT_ID",)),
]
