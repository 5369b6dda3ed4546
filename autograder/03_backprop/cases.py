"""Case table of week 03_backprop: derivatives, deltas, backprop, gradient checking, SGD, training.

Hidden cases compare with the reference and, when a value is wrong, test the output against the
classic mistakes (sign of the output delta, s(1-s) applied to z, W instead of W.T, sums instead
of means, one-sided differences...) so the message names what went wrong. Layers are never
square unless a case says so, batches have more rows than any layer has units, and inputs come
from the per-student generator. Training is judged in the trusted parent: the digits test split
never leaves it.
"""
from __future__ import annotations

import functools
import importlib.util
import math
from pathlib import Path
from typing import Any, Callable

import numpy as np

from nnlab.cases import Args, Case
from nnlab.judge import PASS, REF, Close, Context, Custom, Form, Letter, Verdict, fail
from nnlab.judge_variants import variant_answer, variant_letter
from nnlab.mistakes import Mistake, known_mistakes
from nnlab.variants import integers
from nnlab.trusted import ACTIVATIONS, DERIVATIVES, XOR_X, layer_params, one_hot, sigmoid, softmax
from nnlab.markers import Marker, generator, scalar_fn

# --------------------------------------------------------------------------------------------
# Trusted numpy helpers (never the submission's code)


def _backprop_variant(X: Any, y: Any, params: Any, activation: str = "sigmoid", *, sign: float = 1.0,
                      dw_scale: str = "mean", db_scale: str = "mean", gprime: str = "ok",
                      transpose: bool = False, use_softmax: bool = True) -> list[tuple[np.ndarray, np.ndarray]]:
    """Backprop as in the reference, with switches that reproduce classic mistakes."""
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    g = ACTIVATIONS[activation]
    A, inputs, pre = X, [], []
    for i, (W, b) in enumerate(params):
        W, b = np.asarray(W, float), np.asarray(b, float)
        inputs.append(A)
        Z = A @ W.T + b
        pre.append(Z)
        A = g(Z) if i < len(params) - 1 else Z
    K = np.asarray(params[-1][0]).shape[0]
    out = softmax(A) if use_softmax else A
    delta = sign * (out - one_hot(y, K))
    grads: list[Any] = [None] * len(params)
    for i in range(len(params) - 1, -1, -1):
        dW = delta.T @ inputs[i]
        db = delta.sum(axis=0)
        grads[i] = (dW / n if dw_scale == "mean" else dW, db / n if db_scale == "mean" else db)
        if i > 0:
            W = np.asarray(params[i][0], float)
            back = delta @ (W.T if transpose else W)
            Z = pre[i - 1]
            if gprime == "ok":
                d = DERIVATIVES[activation](Z)
            elif gprime == "none":
                d = 1.0
            elif gprime == "of-z":  # the s(1-s) / 1-a^2 formula applied to z itself
                d = {"sigmoid": Z * (1 - Z), "tanh": 1 - Z ** 2, "relu": (Z > 0).astype(float)}[activation]
            elif gprime == "sigmoid":
                d = DERIVATIVES["sigmoid"](Z)
            else:
                raise ValueError(gprime)
            delta = back * d
    return grads


# --------------------------------------------------------------------------------------------
# Judges


def _arrays(got: Any) -> list[np.ndarray] | None:
    """A list of 1-D integer index arrays, or None when ``got`` is not one."""
    if not isinstance(got, (list, tuple)):
        return None
    out = []
    for b in got:
        if isinstance(b, (bool, int, float, np.generic)):  # a scalar batch: a batch of one
            b = [b]
        if not isinstance(b, (list, tuple, np.ndarray)):
            return None
        try:
            a = np.asarray(b, dtype=float).ravel()
        except (TypeError, ValueError):
            return None
        if not np.all(np.isfinite(a)) or not np.all(a == np.round(a)):
            return None
        out.append(a.astype(np.int64))
    return out


def judge_minibatches(got: Any, ctx: Context) -> Verdict:
    """The batches are one permutation of range(n), in ceil(n / batch_size) batches of at most
    batch_size indices, shuffled (not range order, not consecutive blocks)."""
    n, bs = int(ctx.args[0]), int(ctx.args[1])
    batches = _arrays(got)
    if batches is None:
        return fail("type", "expected index arrays (yield one integer array per batch), got "
                            f"{type(got).__name__}")
    sizes = [len(b) for b in batches]
    if any(s == 0 for s in sizes):
        return fail("empty", "yielded an empty batch")
    if any(s > bs for s in sizes):
        return fail("too-big", f"yielded a batch of {max(sizes)} indices with batch_size={bs}")
    idx = np.concatenate(batches) if batches else np.zeros(0, np.int64)
    outside = idx[(idx < 0) | (idx >= n)]
    if outside.size:
        return fail("range", f"index {int(outside[0])} is not in range({n})")
    counts = np.bincount(idx, minlength=n)
    if (counts > 1).any():
        twice = int(np.argmax(counts > 1))
        return fail("repeated", f"index {twice} appears {int(counts[twice])} times in one epoch (sampling "
                                "with replacement?); every example must be used exactly once")
    if (counts == 0).any():
        lost = int((counts == 0).sum())
        return fail("lost", f"{lost} of {n} examples never appear (index {int(np.argmax(counts == 0))} "
                            "for one); is the last, smaller batch dropped?")
    want = math.ceil(n / bs)
    if len(batches) != want:
        return fail("count", f"{len(batches)} batches for n={n}, batch_size={bs}; expected {want} "
                             "(full batches, only the last may be smaller)")
    if n >= 10 and np.all(np.diff(idx) > 0):
        return fail("not-shuffled", "the indices come in order 0, 1, 2, ...: shuffle them with rng first")
    if n >= 20 and len(batches) >= 3 and all(np.all(np.diff(b) == 1) for b in batches):
        return fail("not-shuffled", "every batch is a block of consecutive indices: shuffle the "
                                    "indices, not only the order of the blocks")
    return PASS


def judge_same_shuffle(got: Any, ctx: Context) -> Verdict:
    """Valid batches, and the same ones again from a new generator of the same seed."""
    verdict = judge_minibatches(got, ctx)
    if not verdict.passed:
        return verdict
    again = _arrays(ctx.extra.get("again"))
    if again is None or len(again) != len(_arrays(got)) or not all(
            np.array_equal(a, b) for a, b in zip(_arrays(got), again)):
        return fail("not-reproducible", "two calls with generators of the same seed gave different batches: "
                                        "shuffle with the rng argument (rng.permutation(n)), not np.random, "
                                        "so that train_mlp's seed makes training repeatable")
    return PASS


def _trained(got: Any, sizes: list[int]) -> tuple[list | None, list | None, Verdict | None]:
    """Unpack ``(params, loss_per_epoch)`` and check the params' shapes against layer_sizes."""
    if not isinstance(got, (list, tuple)) or len(got) != 2:
        return None, None, fail("type", "train_mlp must return a pair (params, loss_per_epoch)")
    params, losses = got
    if not isinstance(params, (list, tuple)) or len(params) != len(sizes) - 1:
        return None, None, fail("shape", f"params must be a list of {len(sizes) - 1} (W, b) pairs for "
                                         f"layer_sizes={sizes}")
    out = []
    for l, layer in enumerate(params):
        if not isinstance(layer, (list, tuple)) or len(layer) != 2:
            return None, None, fail("type", f"layer {l + 1} of params is not a pair (W, b)")
        try:
            W = np.asarray(layer[0], dtype=float)
            b = np.asarray(layer[1], dtype=float)
        except (TypeError, ValueError):
            return None, None, fail("type", f"layer {l + 1}: W and b must be numeric arrays")
        m_in, m_out = sizes[l], sizes[l + 1]
        if W.shape != (m_out, m_in):
            return None, None, fail("shape", f"layer {l + 1}: W has shape {W.shape}, expected "
                                             f"({m_out}, {m_in}) = (units out, inputs in)")
        if b.size != m_out:
            return None, None, fail("shape", f"layer {l + 1}: b has {b.size} entries, expected {m_out}")
        if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
            return None, None, fail("nan", f"layer {l + 1}: the trained weights contain nan or inf "
                                           "(learning rate too large, or a gradient sign error?)")
        out.append((W, b.reshape(m_out)))
    return out, losses, None


def _accuracy(ctx: Context, params: list, X: np.ndarray, y: np.ndarray, activation: str) -> float:
    scores = np.asarray(ctx.ref.mlp_forward(X, params, activation), dtype=float)
    return float(np.mean(np.argmax(scores, axis=1) == y))


def judge_train_accuracy(X_eval: Callable[[Context], tuple[np.ndarray, np.ndarray]], threshold: float,
                         what: str, advice: str) -> Custom:
    """Train in the child, then measure accuracy on (X, y) = X_eval(ctx) with the reference forward."""

    def judge(got: Any, ctx: Context) -> Verdict:
        sizes = list(ctx.args[2])
        activation = ctx.kwargs.get("activation", "sigmoid")
        params, _, bad = _trained(got, sizes)
        if bad:
            return bad
        X, y = X_eval(ctx)
        acc = _accuracy(ctx, params, X, y, activation)
        if acc + 1e-12 < threshold:
            return fail("accuracy", f"{what}: accuracy {acc:.1%}, needs at least {threshold:.0%} - {advice}")
        return PASS

    return Custom(judge)


def judge_loss_curve(got: Any, ctx: Context) -> Verdict:
    """loss_per_epoch has one finite, non-negative loss per epoch, and the last is below the first."""
    epochs = int(ctx.kwargs["epochs"])
    _, losses, bad = _trained(got, list(ctx.args[2]))
    if bad:
        return bad
    if not isinstance(losses, (list, tuple, np.ndarray)):
        return fail("type", f"loss_per_epoch must be a list of floats, got {type(losses).__name__}")
    try:
        L = np.asarray(losses, dtype=float).ravel()
    except (TypeError, ValueError):
        return fail("type", "loss_per_epoch must be a list of floats")
    if L.size != epochs:
        return fail("length", f"loss_per_epoch has {L.size} entries for epochs={epochs}; one loss per epoch")
    if not np.all(np.isfinite(L)):
        return fail("nan", "loss_per_epoch contains nan or inf")
    if np.any(L < 0):
        return fail("negative", "a cross-entropy loss is never negative; check the sign of the loss")
    if not L[-1] < L[0]:
        return fail("not-decreasing", f"the loss went from {L[0]:.4g} to {L[-1]:.4g}: it must go down "
                                      "(gradient sign? W - lr * dW?)")
    return PASS


def judge_final_loss(got: Any, ctx: Context) -> Verdict:
    """The last entry of loss_per_epoch is the mean cross-entropy over the whole training set with
    the returned weights (computed here with the reference forward pass)."""
    X, y = np.asarray(ctx.args[0], dtype=float), np.asarray(ctx.args[1])
    params, losses, bad = _trained(got, list(ctx.args[2]))
    if bad:
        return bad
    try:
        last = float(np.asarray(losses, dtype=float).ravel()[-1])
    except (TypeError, ValueError, IndexError):
        return fail("type", "loss_per_epoch must be a non-empty list of floats")
    scores = ctx.ref.mlp_forward(X, params, ctx.kwargs.get("activation", "sigmoid"))
    whole = float(ctx.ref.cross_entropy(ctx.ref.softmax(scores), y))
    if np.isclose(last, whole, rtol=1e-6, atol=1e-9):
        return PASS
    return fail("not-whole-set", "the last loss is not the mean cross-entropy over the whole training set with the "
                         "final weights (the loss of the last minibatch, or one taken before the epoch's "
                         "updates?): after each epoch, evaluate the loss on all of X",
                f"last loss {last:.6g}, whole-set loss {whole:.6g}")


# --------------------------------------------------------------------------------------------
# Inputs


def _sizes(rng: np.random.Generator, layers: int) -> list[int]:
    """Layer sizes [d, m_1, ..., K]: consecutive sizes differ, so no weight matrix is square."""
    sizes = [int(rng.integers(3, 7))]
    for _ in range(layers):
        s = int(rng.integers(2, 7))
        while s == sizes[-1]:
            s = int(rng.integers(2, 7))
        sizes.append(s)
    return sizes


def _bp_inputs(layers: int, activation: str | None = "sigmoid", n: int | None = None, scales: bool = False,
               square: bool = False, top_class_missing: bool = False) -> Callable[[np.random.Generator], Args]:
    def make(rng: np.random.Generator) -> Args:
        if square:
            m = int(rng.integers(3, 6))
            sizes = [m] * (layers + 1)
        else:
            sizes = _sizes(rng, layers)
        rows = n or int(rng.integers(7, 11))
        X = rng.normal(size=(rows, sizes[0]))
        if scales:
            X = X * 10.0 ** rng.uniform(-3, 1.5, size=(rows, 1))
        if top_class_missing and sizes[-1] < 3:
            sizes[-1] = 3 if sizes[-2] != 3 else 4
        K = sizes[-1]
        y = rng.integers(0, K - 1 if top_class_missing else K, size=rows)
        if top_class_missing:
            y[0] = K - 2  # labels 0..K-2 appear, K-1 never: y.max() + 1 == K - 1 >= 2
        params = layer_params(rng, sizes)
        if activation is None:
            return Args(X, y, params)
        return Args(X, y, params, activation)
    return make


def _bp_mistakes(square: bool = False) -> list[Mistake]:
    def v(**flags: Any) -> Callable[[dict], Any]:
        return lambda a: _backprop_variant(a["X"], a["y"], a["params"], a["activation"], **flags)

    out: list[Mistake] = [
        ("sign", v(sign=-1.0), "every gradient has the wrong sign: the output delta is softmax(F) - Y "
                               "(prediction minus target), not Y - softmax(F)"),
        ("sum", v(dw_scale="sum", db_scale="sum"), "the gradients are n times too large: the loss is the "
                                                   "MEAN over the batch, so divide by n"),
        ("mean-twice", lambda a: [(dW / len(a["X"]), db / len(a["X"]))
                                    for dW, db in _backprop_variant(a["X"], a["y"], a["params"], a["activation"])],
         "the gradients are n times too small: divide by n once (output_delta is per sample, "
         "layer_gradients averages)"),
        ("db-sum", v(db_scale="sum"), "db is n times too large: db is the mean of delta over the batch"),
        ("dW-sum", v(dw_scale="sum"), "dW is n times too large: dW = delta.T @ A_prev / n"),
        ("no-softmax", v(use_softmax=False), "the output delta must use the softmax probabilities, "
                                         "softmax(F) - Y, not the raw scores F - Y"),
        ("missing-g'", v(gprime="none"), "the hidden deltas lack the factor g'(Z): "
                                         "delta_l = (delta_{l+1} @ W_{l+1}) * g'(Z_l)"),
        ("derivative-of-z", v(gprime="of-z"), "the activation derivative was computed from Z with the "
                                              "formula meant for the activation: sigmoid'(Z) is "
                                              "s(1 - s) with s = sigmoid(Z), tanh'(Z) is 1 - tanh(Z)^2"),
        ("ignores-activation", v(gprime="sigmoid"), "the hidden deltas always use the sigmoid derivative; "
                                                    "use the derivative of the activation asked for"),
    ]
    if square:
        out.insert(0, ("transpose", v(transpose=True), "the deltas go back through W.T instead of W: "
                                                       "delta_l = delta_{l+1} @ W_{l+1}, (n, m_next) @ "
                                                       "(m_next, m)"))
    return out


BP_NAMES = ("layer {n}", ("dW", "db"))
BP_MESSAGES = {
    "exception": "check the shapes: delta (n, m), A_prev (n, d), W (m, d); dW = delta.T @ A_prev / n "
                 "and the next delta is (delta @ W) * g'(Z)",
    "shape": "return one (dW, db) per layer, first layer first, dW shaped like W (m, d), db like b (m,)",
    "value": "compare your backprop with numerical_gradient on a tiny network to find the layer that is off",
}


def _one_hot_rows(rng: np.random.Generator, n: int, K: int) -> np.ndarray:
    return one_hot(rng.integers(0, K, size=n), K)


def _squared_inputs(rng: np.random.Generator) -> Args:
    n, K = int(rng.integers(6, 10)), int(rng.integers(3, 6))
    return Args(sigmoid(rng.normal(size=(n, K)) * 2), _one_hot_rows(rng, n, K), "squared")


def _ce_inputs(rng: np.random.Generator) -> Args:
    n, K = int(rng.integers(6, 10)), int(rng.integers(3, 6))
    return Args(softmax(rng.normal(size=(n, K)) * 2), _one_hot_rows(rng, n, K), "cross_entropy")


def _hd_inputs(activation: str, square: bool = False) -> Callable[[np.random.Generator], Args]:
    def make(rng: np.random.Generator) -> Args:
        n = int(rng.integers(7, 11))
        if square:
            m = m_next = int(rng.integers(3, 6))
        else:
            m, m_next = rng.choice(np.arange(2, 7), size=2, replace=False)
        return Args(rng.normal(size=(n, int(m_next))), rng.normal(size=(int(m_next), int(m))),
                    rng.normal(size=(n, int(m))) * 1.5, activation)
    return make


def _hd_mistakes() -> list[Mistake]:
    def prop(a: dict) -> np.ndarray:
        return np.asarray(a["delta_next"], float) @ np.asarray(a["W_next"], float)

    Z = lambda a: np.asarray(a["Z"], float)  # noqa: E731
    return [
        ("transpose", lambda a: (np.asarray(a["delta_next"]) @ np.asarray(a["W_next"]).T) * DERIVATIVES[a["activation"]](Z(a)),
         "used W_next.T: the delta goes back through W_next itself, (n, m_next) @ (m_next, m)"),
        ("missing-g'", prop, "the factor g'(Z) is missing: (delta_next @ W_next) * g'(Z)"),
        ("derivative-of-z", lambda a: prop(a) * {"sigmoid": Z(a) * (1 - Z(a)), "tanh": 1 - Z(a) ** 2,
                                                     "relu": np.ones_like(Z(a))}[a["activation"]],
         "the derivative was computed from Z with the formula meant for the activation value: "
         "sigmoid'(Z) = s(1 - s) with s = sigmoid(Z); tanh'(Z) = 1 - tanh(Z)^2"),
        ("ignores-activation", lambda a: prop(a) * DERIVATIVES["sigmoid"](Z(a)),
         "used the sigmoid derivative for another activation"),
        ("activation-not-derivative", lambda a: prop(a) * ACTIVATIONS[a["activation"]](Z(a)),
         "multiplied by g(Z) instead of its derivative g'(Z)"),
    ]


def _lg_inputs(n: int | None = None, scales: bool = False) -> Callable[[np.random.Generator], tuple]:
    def make(rng: np.random.Generator) -> tuple:
        rows = n or int(rng.integers(7, 11))
        m, d = rng.choice(np.arange(2, 7), size=2, replace=False)
        delta = rng.normal(size=(rows, int(m)))
        A_prev = rng.normal(size=(rows, int(d)))
        if scales:
            A_prev = A_prev * 10.0 ** rng.uniform(-3, 2, size=(rows, 1))
            delta = delta * 10.0 ** rng.uniform(-2, 1, size=(rows, 1))
        return delta, A_prev
    return make


def _lg_mistakes() -> list[Mistake]:
    def parts(a: dict) -> tuple[np.ndarray, np.ndarray, int]:
        delta, A = np.asarray(a["delta"], float), np.asarray(a["A_prev"], float)
        return delta.T @ A, delta.sum(axis=0), delta.shape[0]

    return [
        ("sum", lambda a: (parts(a)[0], parts(a)[1]), "dW and db are n times too large: the loss is "
                                                            "averaged over the batch, so divide by n"),
        ("db-sum", lambda a: (parts(a)[0] / parts(a)[2], parts(a)[1]),
         "db is n times too large: db = delta.mean(axis=0), not the sum"),
        ("dW-sum", lambda a: (parts(a)[0], parts(a)[1] / parts(a)[2]),
         "dW is n times too large: dW = delta.T @ A_prev / n"),
        ("db-axis", lambda a: (parts(a)[0] / parts(a)[2], np.asarray(a["delta"], float).mean(axis=1)),
         "db averages over the wrong axis: average over the batch (axis 0), one entry per unit"),
    ]


LG_MESSAGES = {"shape": "dW has the shape of W, (m, d) = delta.T @ A_prev; db has shape (m,)"}


def _central(f: Callable, x: np.ndarray, eps: float, kind: str = "central") -> np.ndarray:
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    f0 = f(x.copy())
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        if kind == "central":
            g[i] = (f(xp) - f(xm)) / (2 * eps)
        elif kind == "forward":
            g[i] = (f(xp) - f0) / eps
        elif kind == "backward":
            g[i] = (f0 - f(xm)) / eps
        elif kind == "no-half":
            g[i] = (f(xp) - f(xm)) / eps
    return g


def _ng_mistakes() -> list[Mistake]:
    return [
        ("one-sided", lambda a: _central(a["f"], a["x"], float(a["eps"]), "forward"),
         "this is the forward difference (f(x + eps) - f(x)) / eps; use central differences "
         "(f(x + eps) - f(x - eps)) / (2 eps), whose error shrinks like eps^2 instead of eps"),
        ("one-sided", lambda a: _central(a["f"], a["x"], float(a["eps"]), "backward"),
         "this is the backward difference (f(x) - f(x - eps)) / eps; use central differences "
         "(f(x + eps) - f(x - eps)) / (2 eps)"),
        ("no-half", lambda a: _central(a["f"], a["x"], float(a["eps"]), "no-half"),
         "twice the right values: the central difference divides by 2 eps"),
        ("ignores-eps", lambda a: _central(a["f"], a["x"], 1e-5),
         "these are central differences with eps = 1e-5, not with the eps passed in"),
        ("ignores-eps", lambda a: _central(a["f"], a["x"], 1e-4),
         "these are central differences with eps = 1e-4, not with the eps passed in"),
    ]


def _poly(rng: np.random.Generator, shape: tuple[int, ...]) -> Marker:
    """sum(a x^3 + b x^2 + c x) with |a| in [0.5, 2] and |b| in [1, 4]: the third and second
    derivatives are never small, so one-sided differences and a wrong eps show."""
    sign = lambda: rng.choice([-1.0, 1.0], size=shape)  # noqa: E731
    return scalar_fn("poly", a=sign() * rng.uniform(0.5, 2, size=shape), b=sign() * rng.uniform(1, 4, size=shape),
                             c=rng.normal(size=shape))


def _sgd_inputs(layers: int, as_lists: bool = False) -> Callable[[np.random.Generator], tuple]:
    def make(rng: np.random.Generator) -> tuple:
        sizes = _sizes(rng, layers)
        params, grads = layer_params(rng, sizes), layer_params(rng, sizes)
        if as_lists:
            params = [[W, b] for W, b in params]
            grads = [[W, b] for W, b in grads]
        return params, grads, float(rng.uniform(0.05, 0.9))
    return make


def _sgd_mistakes() -> list[Mistake]:
    def step(a: dict, s: float, use_lr: bool = True) -> list:
        lr = float(a["lr"]) if use_lr else 1.0
        return [(np.asarray(W, float) + s * lr * np.asarray(dW, float), np.asarray(b, float) + s * lr * np.asarray(db, float))
                for (W, b), (dW, db) in zip(a["params"], a["grads"])]

    return [
        ("ascent", lambda a: step(a, +1.0), "the step climbs the loss: descent is W - lr * dW, not W + lr * dW"),
        ("no-lr", lambda a: step(a, -1.0, use_lr=False), "the step ignores the learning rate: W - lr * dW"),
        ("weights-only", lambda a: [(np.asarray(W, float) - a["lr"] * np.asarray(dW, float), np.asarray(b, float))
                                      for (W, b), (dW, db) in zip(a["params"], a["grads"])],
         "the biases were not updated: b - lr * db too"),
    ]


DIGITS_TRAIN = 1344


@functools.lru_cache(maxsize=1)
def digits_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """sklearn's 8x8 digits, pixels scaled to [0, 1]; the notebook's split: 1344 training images
    (84 batches of 16), the other 453 (a quarter) held out, from one permutation with seed 0.
    Read from sklearn's own data file: importing sklearn costs the grader 1.7 s."""
    data = np.loadtxt(digits_file(), delimiter=",")
    X, y = data[:, :-1] / 16.0, data[:, -1].astype(np.int64)
    order = np.random.default_rng(0).permutation(len(X))
    tr, te = order[:DIGITS_TRAIN], order[DIGITS_TRAIN:]
    return X[tr], y[tr], X[te], y[te]


def digits_file() -> Path:
    """sklearn's ``digits.csv.gz`` (pixels, then the label, per row), found without importing sklearn."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None or spec.origin is None:
        raise ImportError("the digits case needs scikit-learn's data: pip install scikit-learn")
    return Path(spec.origin).parent / "datasets" / "data" / "digits.csv.gz"


XOR_Y = np.array([0, 1, 1, 0])
DIGITS_BUDGET = 60.0
DIGITS_EPOCHS = 10  # the notebook trains 30 (98%); 10 give 95-98% for every seed tried (60), in a third of the time
DIGITS_ACCURACY = 0.90


def _blobs(rng: np.random.Generator, n_per: int = 30, K: int = 3) -> tuple[np.ndarray, np.ndarray]:
    angles = rng.uniform(0, 2 * np.pi) + np.arange(K) * 2 * np.pi / K
    centers = 3.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    X = np.concatenate([c + rng.normal(scale=0.6, size=(n_per, 2)) for c in centers])
    y = np.repeat(np.arange(K), n_per)
    order = rng.permutation(len(X))
    return X[order], y[order]


def _blob_inputs(activation: str, epochs: int) -> Callable[[np.random.Generator], Args]:
    def make(rng: np.random.Generator) -> Args:
        X, y = _blobs(rng)
        return Args(X, y, [2, int(rng.integers(5, 9)), 3], lr=0.3, epochs=epochs, batch_size=10,
                    seed=int(rng.integers(1000)), activation=activation)
    return make


def _large_batches(rng: np.random.Generator) -> tuple:
    """n in the thousands, never a multiple of batch_size."""
    bs = int(rng.integers(20, 70))
    return bs * int(rng.integers(20, 40)) + int(rng.integers(1, bs)), bs, generator(int(rng.integers(2**31)))


def _letter_quiz(name: str, advice: str) -> Case:
    """The lecture's own letter item: practice, 0 points (its personal counterpart carries them)."""
    return Case(f"{name}/value", name, Letter(REF), mode="value", points=0, messages={"value": advice})


def my_bias_grad(student: str) -> np.ndarray:
    """dL/db of the student's batch of deltas (4 examples, 3 units), the loss a mean over the batch."""
    return (np.array(integers(student, "bias_grad/delta", -9, 10, size=12)).reshape(4, 3) / 10).mean(axis=0)


def my_relu_square_grad(student: str) -> float:
    """d/dw1 of (ReLU(w1 x1 + w2 x2) - y)^2 at the student's values (the notebook draws the same)."""
    x1, x2 = integers(student, "relu_grad/x1", 1, 4), integers(student, "relu_grad/x2", -3, 0)
    w1, w2 = integers(student, "relu_grad/w1", 1, 4), integers(student, "relu_grad/w2", -3, 0)
    z = w1 * x1 + w2 * x2  # > 0: both products are positive
    return 2.0 * (max(z, 0) - integers(student, "relu_grad/y", 0, 3)) * (z > 0) * x1


def my_partial_w1(student: str) -> float:
    """df/dw1 of the log-likelihood at the student's values, y = 1 (the notebook draws the same)."""
    x1, x2 = integers(student, "partial_w1/x1", 1, 4), integers(student, "partial_w1/x2", -2, 3)
    w1, w2 = integers(student, "partial_w1/w1", 1, 10) / 10, integers(student, "partial_w1/w2", -2, 3)
    return float((1 - sigmoid(w1 * x1 + w2 * x2)) * x1)


def _partial_w1_mistakes() -> list[Mistake]:
    return [
        ("sign", lambda a: -a["answer"],
         "f is the log-likelihood y log(a) + (1 - y) log(1 - a), with no minus sign in front: its "
         "derivative is (1 - sigma(z)) x1, which is positive here"),
        ("missing-x1", lambda a: a["answer"] / 2,
         "the chain rule ends with dz/dw1 = x1 = 2"),
        ("sigma-not-1-minus", lambda a: 2 - a["answer"],
         "with y = 1, df/dz = (1/a) * a(1 - a) = 1 - sigma(z), not sigma(z)"),
    ]


# --------------------------------------------------------------------------------------------
# The table

SIGMOID_GRAD_MISTAKES: list[Mistake] = [
    ("derivative-of-z", lambda a: np.asarray(a["z"], float) * (1 - np.asarray(a["z"], float)),
     "this is z(1 - z): the formula s(1 - s) needs s = sigmoid(z), not z itself"),
    ("sigmoid-not-derivative", lambda a: sigmoid(a["z"]), "returned sigmoid(z), not its derivative"),
    ("sign", lambda a: -DERIVATIVES["sigmoid"](np.asarray(a["z"], float)), "sign flipped: s(1 - s) >= 0"),
]

RELU_GRAD_MISTAKES: list[Mistake] = [
    ("relu-at-zero", lambda a: (np.asarray(a["z"]) >= 0).astype(float),
     "relu_grad is 1 at z == 0; the contract uses 0 for z <= 0 (z > 0 gives 1)"),
    ("relu-not-derivative", lambda a: np.maximum(np.asarray(a["z"], float), 0),
     "returned relu(z), not its derivative (1 where z > 0, else 0)"),
]


def _nb_inputs(y: int) -> Callable[[np.random.Generator], tuple]:
    def make(rng: np.random.Generator) -> tuple:
        d = int(rng.integers(3, 7))
        x = rng.normal(size=d) * 1.5
        w = rng.normal(size=d)
        return x, w, y
    return make


def _nb_mistakes() -> list[Mistake]:
    def parts(a: dict) -> tuple[float, np.ndarray, float, float]:
        x, w, y = np.asarray(a["x"], float), np.asarray(a["w"], float), float(a["y"])
        a = float(sigmoid(w @ x))
        loss = float(-y * np.log(a) - (1 - y) * np.log(1 - a))
        return loss, x, a, y

    return [
        ("sign", lambda a: (parts(a)[0], (parts(a)[3] - parts(a)[2]) * parts(a)[1]),
         "grad_w has the wrong sign: d loss / d z = y_hat - y (prediction minus label), so grad_w = (y_hat - y) x"),
        ("extra-sigma-prime", lambda a: (parts(a)[0], (parts(a)[2] - parts(a)[3]) * parts(a)[2]
                                           * (1 - parts(a)[2]) * parts(a)[1]),
         "sigma'(z) is counted twice: (d loss / d y_hat) * sigma'(z) simplifies to y_hat - y already"),
        ("missing-x", lambda a: (parts(a)[0], (parts(a)[2] - parts(a)[3]) * np.ones_like(parts(a)[1])),
         "the last chain-rule factor dz/dw = x is missing"),
        ("loss-sign", lambda a: (-parts(a)[0], (parts(a)[2] - parts(a)[3]) * parts(a)[1]),
         "the loss is -y log(y_hat) - (1 - y) log(1 - y_hat), a positive number"),
    ]


def _od_mistakes() -> list[Mistake]:
    def AY(a: dict) -> tuple[np.ndarray, np.ndarray]:
        return np.asarray(a["A"], float), np.asarray(a["Y"], float)

    def sq(a: dict) -> bool:
        return a["loss"] == "squared"

    return [
        ("sign", lambda a: (2 * (AY(a)[1] - AY(a)[0]) * AY(a)[0] * (1 - AY(a)[0])) if sq(a)
         else AY(a)[1] - AY(a)[0],
         "the sign is flipped: the delta is dE/dz, prediction minus target (A - Y). One lecture slide "
         "prints 2(y - a); with that sign gradient descent climbs the error"),
        ("factor-2", lambda a: (AY(a)[0] - AY(a)[1]) * AY(a)[0] * (1 - AY(a)[0]) if sq(a) else None,
         "the per-sample error is sum_c (a_c - y_c)^2 without a 1/2, so its derivative carries a factor 2"),
        ("missing-g'", lambda a: 2 * (AY(a)[0] - AY(a)[1]) if sq(a) else None,
         "dE/dz also needs the sigmoid derivative a(1 - a) (the chain rule through the output unit)"),
        ("softmax-derivative", lambda a: None if sq(a) else (AY(a)[0] - AY(a)[1]) * AY(a)[0] * (1 - AY(a)[0]),
         "with softmax outputs and cross-entropy the derivative simplifies to A - Y: no extra A(1 - A)"),
        ("divided-by-n", lambda a: (2 * (AY(a)[0] - AY(a)[1]) * AY(a)[0] * (1 - AY(a)[0]) if sq(a)
                                      else AY(a)[0] - AY(a)[1]) / AY(a)[0].shape[0],
         "the delta is per sample; the 1/n of the batch average belongs in layer_gradients"),
    ]


CASES: list[Case] = [
    # ---- derivatives of the activations
    Case("sigmoid_grad/public", "sigmoid_grad", Close(REF), public=True,
         inputs=lambda rng: (np.array([[-3.0, -1.0, 0.0], [0.5, 2.0, 4.0]]),), about="a 2x3 array"),
    Case("sigmoid_grad/batch", "sigmoid_grad", known_mistakes(SIGMOID_GRAD_MISTAKES),
         inputs=lambda rng: (rng.normal(size=(int(rng.integers(4, 8)), int(rng.integers(3, 6)))) * 3,),
         about="a batch of pre-activations"),
    Case("sigmoid_grad/large-z", "sigmoid_grad", known_mistakes(SIGMOID_GRAD_MISTAKES, atol=1e-12),
         inputs=lambda rng: (np.concatenate([rng.uniform(-1e4, -500, 4), rng.normal(size=4),
                                             rng.uniform(500, 1e4, 4)]),),
         about="z up to 1e4 in size",
         messages={"nan": "compute it as s * (1 - s) with s = sigmoid(z); exp(-z) / (1 + exp(-z))**2 "
                          "overflows for large |z|", "inf": "compute it from s = sigmoid(z)"}),
    Case("relu_grad/public", "relu_grad", Close(REF), public=True,
         inputs=lambda rng: (np.array([-2.0, -0.5, 0.0, 0.5, 3.0]),), about="a vector with a zero"),
    Case("relu_grad/zeros", "relu_grad", known_mistakes(RELU_GRAD_MISTAKES),
         inputs=lambda rng: (np.where(rng.random((5, 6)) < 0.3, 0.0, rng.normal(size=(5, 6))),),
         about="a matrix with exact zeros"),
    Case("relu_grad/batch", "relu_grad", known_mistakes(RELU_GRAD_MISTAKES),
         inputs=lambda rng: (rng.normal(size=(int(rng.integers(4, 9)), 7)) * 5,), about="a batch"),

    # ---- one neuron, the lecture's example
    Case("neuron_backprop/lecture-example", "neuron_backprop", Close(REF, names=("loss", "grad_w")), public=True,
         inputs=lambda rng: (np.array([1.0, -1.0]), np.array([1.0, 2.0]), 1),
         about="the lecture's x=(1,-1), w=(1,2), y=1"),
    Case("neuron_backprop/y1", "neuron_backprop", known_mistakes(_nb_mistakes(), names=("loss", "grad_w")),
         inputs=_nb_inputs(1), about="a random point with y=1"),
    Case("neuron_backprop/y0", "neuron_backprop", known_mistakes(_nb_mistakes(), names=("loss", "grad_w")),
         inputs=_nb_inputs(0), about="a random point with y=0"),

    # ---- output deltas
    Case("output_delta/public-squared", "output_delta", Close(REF), public=True,
         inputs=lambda rng: (np.array([[0.8, 0.3], [0.1, 0.6], [0.5, 0.9]]),
                             np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]), "squared"),
         about="3 sigmoid outputs, squared error"),
    Case("output_delta/public-cross-entropy", "output_delta", Close(REF), public=True,
         inputs=lambda rng: (np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]]),
                             np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), "cross_entropy"),
         about="2 softmax outputs, cross-entropy"),
    Case("output_delta/squared", "output_delta", known_mistakes(_od_mistakes()), inputs=_squared_inputs,
         about="sigmoid outputs with squared error"),
    Case("output_delta/cross-entropy", "output_delta", known_mistakes(_od_mistakes()), inputs=_ce_inputs,
         about="softmax outputs with cross-entropy"),

    # ---- hidden deltas
    Case("hidden_delta/public", "hidden_delta", Close(REF), public=True,
         inputs=lambda rng: (np.array([[0.5, -1.0], [0.25, 0.0], [1.0, 2.0]]),
                             np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.5]]),
                             np.array([[0.0, 1.0, -2.0], [0.5, -0.5, 3.0], [1.0, 0.0, -1.0]]), "sigmoid"),
         about="3 rows, 2 units above, 3 units here, sigmoid"),
    Case("hidden_delta/sigmoid", "hidden_delta", known_mistakes(_hd_mistakes()), inputs=_hd_inputs("sigmoid"),
         about="non-square W_next, sigmoid",
         messages={"exception": "delta_next is (n, m_next), W_next is (m_next, m): delta_next @ W_next is "
                                "(n, m) like Z, with no transpose"}),
    Case("hidden_delta/relu", "hidden_delta", known_mistakes(_hd_mistakes()), inputs=_hd_inputs("relu"),
         about="non-square W_next, relu",
         messages={"exception": "delta_next @ W_next has the shape of Z; relu'(Z) is 1 where Z > 0"}),
    Case("hidden_delta/tanh", "hidden_delta", known_mistakes(_hd_mistakes()), inputs=_hd_inputs("tanh"),
         about="non-square W_next, tanh",
         messages={"exception": "tanh'(Z) = 1 - tanh(Z)**2; delta_next @ W_next has the shape of Z"}),
    Case("hidden_delta/square", "hidden_delta", known_mistakes(_hd_mistakes()), inputs=_hd_inputs("sigmoid", square=True),
         about="a square W_next, sigmoid"),

    # ---- gradients of one layer
    Case("layer_gradients/public", "layer_gradients", Close(REF, names=("dW", "db")), public=True,
         inputs=lambda rng: (np.array([[1.0, -1.0], [0.5, 0.0], [0.0, 2.0]]),
                             np.array([[1.0, 2.0, 0.0, -1.0], [0.0, 1.0, 1.0, 0.0], [2.0, 0.0, 1.0, 1.0]])),
         about="3 rows, 2 units, 4 inputs", messages=LG_MESSAGES),
    Case("layer_gradients/batch", "layer_gradients", known_mistakes(_lg_mistakes(), names=("dW", "db")),
         inputs=_lg_inputs(), about="a batch, non-square", messages=LG_MESSAGES),
    Case("layer_gradients/one-row", "layer_gradients", known_mistakes(_lg_mistakes(), names=("dW", "db")),
         inputs=_lg_inputs(n=1), about="a batch of one row", messages=LG_MESSAGES),
    Case("layer_gradients/scales", "layer_gradients", known_mistakes(_lg_mistakes(), rtol=1e-6, atol=1e-12,
                                                                  names=("dW", "db")),
         inputs=_lg_inputs(scales=True), about="rows of very different sizes", messages=LG_MESSAGES),

    # ---- full backprop
    Case("backprop/public", "backprop", Close(REF, rtol=1e-5, atol=1e-8, names=BP_NAMES), public=True,
         inputs=lambda rng: Args(np.array([[1.0, -1.0, 0.5], [0.0, 2.0, -0.5], [1.5, 0.5, 1.0], [-1.0, 0.0, 2.0]]),
                                 np.array([0, 1, 1, 0]),
                                 [(np.array([[0.5, -0.5, 1.0], [1.0, 0.5, -1.0], [-0.5, 1.0, 0.5], [0.2, 0.3, -0.4]]),
                                   np.array([0.1, -0.1, 0.0, 0.2])),
                                  (np.array([[1.0, -1.0, 0.5, 0.0], [-0.5, 0.5, 1.0, 1.0]]), np.array([0.0, 0.1]))],
                                 "sigmoid"),
         about="3 inputs, 4 sigmoid units, 2 classes, 4 rows", messages=BP_MESSAGES),
    Case("backprop/1-layer", "backprop", known_mistakes(_bp_mistakes(), 1e-5, 1e-8, BP_NAMES), inputs=_bp_inputs(1),
         about="one layer (softmax regression)", messages=BP_MESSAGES),
    *[Case(f"backprop/{layers}-layers-{act}", "backprop", known_mistakes(_bp_mistakes(), 1e-5, 1e-8, BP_NAMES),
           inputs=_bp_inputs(layers, act), about=f"{layers} layers, {act}", messages=BP_MESSAGES)
      for layers in (2, 3) for act in ("sigmoid", "relu", "tanh")],
    Case("backprop/default-activation", "backprop", known_mistakes(_bp_mistakes(), 1e-5, 1e-8, BP_NAMES),
         inputs=_bp_inputs(2, None), about="2 layers, activation left at its default (sigmoid)",
         messages=BP_MESSAGES),
    Case("backprop/square-layers", "backprop", known_mistakes(_bp_mistakes(square=True), 1e-5, 1e-8, BP_NAMES),
         inputs=_bp_inputs(3, "tanh", square=True), about="3 square layers, tanh", messages=BP_MESSAGES),
    Case("backprop/one-row", "backprop", known_mistakes(_bp_mistakes(), 1e-5, 1e-8, BP_NAMES),
         inputs=_bp_inputs(2, "sigmoid", n=1), about="a batch of one row", messages=BP_MESSAGES),
    Case("backprop/scales", "backprop", known_mistakes(_bp_mistakes(), 1e-5, 1e-9, BP_NAMES),
         inputs=_bp_inputs(2, "relu", scales=True), about="rows of very different sizes, relu",
         messages=BP_MESSAGES),
    Case("backprop/missing-top-class", "backprop", known_mistakes(_bp_mistakes(), 1e-5, 1e-8, BP_NAMES),
         inputs=_bp_inputs(2, "sigmoid", top_class_missing=True), about="labels that skip the last class",
         messages={**BP_MESSAGES, "exception": "take the number of classes K from the last layer's weights "
                                               "(W.shape[0]), not from y.max() + 1: a batch need not "
                                               "contain every class",
                   "shape": "take the number of classes K from the last layer (W.shape[0]), not from y"}),

    # ---- gradient checking
    Case("numerical_gradient/public", "numerical_gradient", Close(REF, rtol=1e-6, atol=1e-7), public=True,
         inputs=lambda rng: (scalar_fn("poly", a=np.array([1.0, -0.5, 2.0]), b=np.array([3.0, 1.0, -2.0]),
                                               c=np.array([0.0, 1.0, 0.5])), np.array([0.5, -1.0, 2.0])),
         about="a cubic in 3 variables"),
    Case("numerical_gradient/one-sided", "numerical_gradient", known_mistakes(_ng_mistakes(), 1e-7, 1e-7),
         inputs=lambda rng: (_poly(rng, (5,)), rng.normal(size=5) * 2, 1e-2),
         about="a cubic with eps=1e-2"),
    Case("numerical_gradient/matrix", "numerical_gradient", known_mistakes(_ng_mistakes(), 1e-6, 1e-7),
         inputs=lambda rng: (_poly(rng, (3, 4)), rng.normal(size=(3, 4))), about="a 3x4 matrix x",
         messages={"shape": "return an array shaped like x (3x4 here): loop over every entry, e.g. with "
                            "np.ndindex(x.shape)"}),
    Case("numerical_gradient/sin", "numerical_gradient", known_mistakes(_ng_mistakes(), 1e-7, 1e-8),
         inputs=lambda rng: Args(scalar_fn("sin_dot", a=rng.uniform(2, 5, size=6)), rng.normal(size=6),
                                 eps=1e-2),
         about="sum(sin(a x)) with eps=1e-2 by keyword"),

    # ---- SGD
    Case("sgd_step/public", "sgd_step", Close(REF, names=BP_NAMES), public=True,
         inputs=lambda rng: ([(np.array([[1.0, 2.0], [3.0, 4.0], [0.0, -1.0]]), np.array([0.5, -0.5, 1.0])),
                              (np.array([[1.0, 0.0, -1.0]]), np.array([2.0]))],
                             [(np.array([[0.1, 0.2], [-0.3, 0.4], [1.0, 0.0]]), np.array([1.0, 0.0, -1.0])),
                              (np.array([[0.5, 0.5, 0.5]]), np.array([-1.0]))], 0.1),
         about="2 layers, lr=0.1"),
    Case("sgd_step/3-layers", "sgd_step", known_mistakes(_sgd_mistakes(), names=BP_NAMES), inputs=_sgd_inputs(3),
         about="3 layers", messages={"modified": "build new arrays (W - lr * dW); W -= ... changes the caller's weights"}),
    Case("sgd_step/lists", "sgd_step", known_mistakes(_sgd_mistakes(), names=BP_NAMES),
         inputs=_sgd_inputs(2, as_lists=True), about="params given as lists [W, b]",
         messages={"modified": "build new arrays (W - lr * dW); W -= ... changes the caller's weights"}),

    # ---- minibatches (any shuffle order is fine; the public check looks at the batch sizes only)
    Case("minibatches/public-form", "minibatches", Form([3, 4]), public=True, points=0,
         inputs=lambda rng: (12, 4, generator(0)), about="n=12, batch_size=4 (3 batches of 4 indices)"),
    Case("minibatches/public-last-smaller", "minibatches", Close((3, 4, list(range(10))), rtol=0, atol=0),
         call="minibatch_summary", public=True, points=0, inputs=lambda rng: (10, 4, 0),
         about="n=10, batch_size=4 (3 batches of at most 4 indices; every index once)",
         messages={"value": "3 batches with every index exactly once: the last, smaller batch must be "
                            "yielded too", "shape": "every index exactly once: do not drop the last batch"}),
    Case("minibatches/divisible", "minibatches", Custom(judge_minibatches),
         inputs=lambda rng: (40, 8, generator(int(rng.integers(2**31)))), about="n=40, batch_size=8"),
    Case("minibatches/last-smaller", "minibatches", Custom(judge_minibatches),
         inputs=lambda rng: (int(rng.integers(51, 90)) // 16 * 16 + int(rng.integers(1, 16)), 16,
                             generator(int(rng.integers(2**31)))),
         about="n not a multiple of batch_size=16"),
    Case("minibatches/one-batch", "minibatches", Custom(judge_minibatches),
         inputs=lambda rng: (int(rng.integers(3, 9)), 32, generator(int(rng.integers(2**31)))),
         about="n smaller than batch_size"),
    Case("minibatches/uses-rng", "minibatches", Custom(judge_same_shuffle), repeat=True,
         inputs=lambda rng: (int(rng.integers(30, 60)), 7, generator(int(rng.integers(2**31)))),
         about="two generators of the same seed"),
    Case("minibatches/large", "minibatches", Custom(judge_minibatches),
         inputs=lambda rng: _large_batches(rng),
         about="n in the thousands"),

    # ---- training, judged with the trusted forward pass
    Case("train_mlp/public-shapes", "train_mlp",
         Close((3, [((3, 2), (3,)), ((2, 3), (2,))], True), rtol=0, atol=0), call="train_mlp_summary",
         public=True, points=0,
         inputs=lambda rng: Args(XOR_X, XOR_Y, [2, 3, 2], lr=0.5, epochs=3, batch_size=2, seed=0),
         about="XOR, layers [2, 3, 2], 3 epochs (one loss per epoch; W of shape (units out, inputs in); "
               "the last loss over the whole training set)",
         messages={"value": "the last entry of loss_per_epoch must be the loss over the whole training set "
                            "after the last epoch, not the loss of the last minibatch"}),
    Case("train_mlp/whole-set-loss", "train_mlp", Custom(judge_final_loss), inputs=_blob_inputs("sigmoid", 6),
         timeout=30, about="3 clouds of points, sigmoid, 6 epochs, batch_size=10"),
    Case("train_mlp/xor", "train_mlp",
         judge_train_accuracy(lambda ctx: (XOR_X, XOR_Y), 1.0, "XOR",
                              "the net should fit all four points; check backprop against numerical_gradient, "
                              "and that each epoch updates the weights with W - lr * dW"),
         inputs=lambda rng: Args(XOR_X, XOR_Y, [2, 8, 2], lr=2.0, epochs=300, batch_size=4,
                                 seed=int(rng.integers(1000)), activation="sigmoid"),
         points=2, timeout=60, about="XOR, layers [2, 8, 2], lr=2, 300 epochs"),  # the reference fits XOR
    # in 200 epochs for each of the 1000 seeds
    Case("train_mlp/relu-blobs", "train_mlp",
         judge_train_accuracy(lambda ctx: (ctx.args[0], ctx.args[1]), 0.9, "three separated clouds",
                              "train the hidden layers with the activation asked for (relu here)"),
         inputs=_blob_inputs("relu", 30), timeout=30, about="3 clouds of points, relu, 30 epochs"),
    Case("train_mlp/loss-per-epoch", "train_mlp", Custom(judge_loss_curve), inputs=_blob_inputs("tanh", 12),
         timeout=30, about="3 clouds of points, tanh, 12 epochs"),
    Case("train_mlp/digits", "train_mlp",
         judge_train_accuracy(lambda ctx: digits_split()[2:], DIGITS_ACCURACY, "held-out 8x8 digits",
                              "check backprop with numerical_gradient, the minibatch loop and the weight "
                              "initialisation (normal with std 1/sqrt(fan_in))"),
         inputs=lambda rng: Args(*digits_split()[:2], [64, 64, 10], lr=0.5, epochs=DIGITS_EPOCHS,
                                 batch_size=16, seed=int(rng.integers(1000)), activation="sigmoid"),
         points=3, timeout=DIGITS_BUDGET, about=f"the digits training set (budget {DIGITS_BUDGET:.0f} s)",
         messages={"timeout": "vectorise backprop over the batch (no loop over examples)"}),

    # ---- quiz: public checks of the form only (no points), hidden checks of the value
    Case("answer_gd_blanks/form", "answer_gd_blanks", Form("letter"), mode="value", public=True, points=0),
    Case("answer_large_dataset/form", "answer_large_dataset", Form("letter"), mode="value", public=True, points=0),
    Case("answer_relu_square_grad/form", "answer_relu_square_grad", Form("number"), mode="value", public=True,
         points=0),
    *[Case(f"{name}/form", name, Form("number"), mode="value", public=True, points=0)
      for name in ("answer_partial_w1", "answer_my_relu_square_grad", "answer_my_partial_w1")],
    Case("answer_my_bias_grad/form", "answer_my_bias_grad", Form([3]), mode="value", public=True, points=0),
    Case("answer_my_bias_grad/value", "answer_my_bias_grad", variant_answer(my_bias_grad, rtol=0, atol=5e-3),
         mode="value", extra_values=("STUDENT_ID",),
         messages={"value": "dL/db_j is delta_j for one example; for the batch's mean loss, the mean of each column"}),
    *[Case(f"{name}/form", name, Form("letter"), mode="value", public=True, points=0)
      for name in ("answer_my_gd_blanks", "answer_my_large_dataset")],
    Case("answer_my_gd_blanks/value", "answer_my_gd_blanks", variant_letter("gd_blanks", 4, right=0), mode="value",
         extra_values=("STUDENT_ID",)),
    Case("answer_my_large_dataset/value", "answer_my_large_dataset", variant_letter("large_dataset", 4, right=2),
         mode="value", extra_values=("STUDENT_ID",)),
    _letter_quiz("answer_gd_blanks", "gradient descent computes the gradients of the loss with respect to "
                                     "the parameters"),
    _letter_quiz("answer_large_dataset", "full gradient descent touches all 1,000,000 images per step; "
                                         "single-example SGD is noisy and slow on hardware"),
    # the lecture's own numbers are practice (their keys are in the slides); the personal ones carry the points
    Case("answer_relu_square_grad/value", "answer_relu_square_grad", Close(REF, rtol=0, atol=1e-6), mode="value",
         points=0, messages={"value": "forward: z, then y_hat = ReLU(z); backward: multiply 2(y_hat - y), ReLU'(z) and "
                             "dz/dw1 = x1, all at the notebook's values"}),
    Case("answer_partial_w1/value", "answer_partial_w1", known_mistakes(_partial_w1_mistakes(), rtol=0, atol=2e-3),
         mode="value", points=0,
         messages={"value": "df/dw1 = (1 - sigma(w1 x1 + w2 x2)) x1 at the values the notebook gives"}),
    Case("answer_my_relu_square_grad/value", "answer_my_relu_square_grad",
         variant_answer(my_relu_square_grad, rtol=0, atol=1e-6), mode="value", extra_values=("STUDENT_ID",),
         messages={"value": "forward: z, then y_hat = ReLU(z); backward: multiply 2(y_hat - y), ReLU'(z) and "
                            "dz/dw1 = x1, at your values"}),
    Case("answer_my_partial_w1/value", "answer_my_partial_w1", variant_answer(my_partial_w1, rtol=0, atol=2e-3),
         mode="value", extra_values=("STUDENT_ID",),
         messages={"value": "df/dw1 = (1 - sigma(w1 x1 + w2 x2)) x1 at your values"}),
]
