"""The trusted helpers of week 03_backprop's case table (cases.py): inputs, the answers of known
mistakes and the judges the table names. Never the submission's code; hidden from students."""
from __future__ import annotations

import functools
import importlib.util
import math
from pathlib import Path
from typing import Any, Callable

import numpy as np

from nnlab.cases import Args, Case
from nnlab.judge import PASS, REF, Context, Custom, Letter, Verdict, fail
from nnlab.mistakes import Mistake
from nnlab.variants import integers
from nnlab.trusted import ACTIVATIONS, DERIVATIVES, layer_params, one_hot, sigmoid, softmax
from nnlab.markers import Marker, generator, scalar_fn

# --------------------------------------------------------------------------------------------
# Trusted numpy helpers (never the submission's code)


def backprop_variant(X: Any, y: Any, params: Any, activation: str = "sigmoid", *, sign: float = 1.0,
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


def arrays(got: Any) -> list[np.ndarray] | None:
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
    batches = arrays(got)
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
    again = arrays(ctx.extra.get("again"))
    if again is None or len(again) != len(arrays(got)) or not all(
            np.array_equal(a, b) for a, b in zip(arrays(got), again)):
        return fail("not-reproducible", "two calls with generators of the same seed gave different batches: "
                                        "shuffle with the rng argument (rng.permutation(n)), not np.random, "
                                        "so that train_mlp's seed makes training repeatable")
    return PASS


def trained(got: Any, sizes: list[int]) -> tuple[list | None, list | None, Verdict | None]:
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


def accuracy(ctx: Context, params: list, X: np.ndarray, y: np.ndarray, activation: str) -> float:
    scores = np.asarray(ctx.ref.mlp_forward(X, params, activation), dtype=float)
    return float(np.mean(np.argmax(scores, axis=1) == y))


def judge_train_accuracy(X_eval: Callable[[Context], tuple[np.ndarray, np.ndarray]], threshold: float,
                         what: str, advice: str) -> Custom:
    """Train in the child, then measure accuracy on (X, y) = X_eval(ctx) with the reference forward."""

    def judge(got: Any, ctx: Context) -> Verdict:
        sizes = list(ctx.args[2])
        activation = ctx.kwargs.get("activation", "sigmoid")
        params, _, bad = trained(got, sizes)
        if bad:
            return bad
        X, y = X_eval(ctx)
        acc = accuracy(ctx, params, X, y, activation)
        if acc + 1e-12 < threshold:
            return fail("accuracy", f"{what}: accuracy {acc:.1%}, needs at least {threshold:.0%} - {advice}")
        return PASS

    return Custom(judge)


def judge_loss_curve(got: Any, ctx: Context) -> Verdict:
    """loss_per_epoch has one finite, non-negative loss per epoch, and the last is below the first."""
    epochs = int(ctx.kwargs["epochs"])
    _, losses, bad = trained(got, list(ctx.args[2]))
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
    params, losses, bad = trained(got, list(ctx.args[2]))
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


def bp_inputs(layers: int, activation: str | None = "sigmoid", n: int | None = None, scales: bool = False,
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


def bp_mistakes(square: bool = False) -> list[Mistake]:
    def v(**flags: Any) -> Callable[[dict], Any]:
        return lambda a: backprop_variant(a["X"], a["y"], a["params"], a["activation"], **flags)

    out: list[Mistake] = [
        ("sign", v(sign=-1.0), "every gradient has the wrong sign: the output delta is softmax(F) - Y "
                               "(prediction minus target), not Y - softmax(F)"),
        ("sum", v(dw_scale="sum", db_scale="sum"), "the gradients are n times too large: the loss is the "
                                                   "MEAN over the batch, so divide by n"),
        ("mean-twice", lambda a: [(dW / len(a["X"]), db / len(a["X"]))
                                    for dW, db in backprop_variant(a["X"], a["y"], a["params"], a["activation"])],
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


def one_hot_rows(rng: np.random.Generator, n: int, K: int) -> np.ndarray:
    return one_hot(rng.integers(0, K, size=n), K)


def squared_inputs(rng: np.random.Generator) -> Args:
    n, K = int(rng.integers(6, 10)), int(rng.integers(3, 6))
    return Args(sigmoid(rng.normal(size=(n, K)) * 2), one_hot_rows(rng, n, K), "squared")


def ce_inputs(rng: np.random.Generator) -> Args:
    n, K = int(rng.integers(6, 10)), int(rng.integers(3, 6))
    return Args(softmax(rng.normal(size=(n, K)) * 2), one_hot_rows(rng, n, K), "cross_entropy")


def hd_inputs(activation: str, square: bool = False) -> Callable[[np.random.Generator], Args]:
    def make(rng: np.random.Generator) -> Args:
        n = int(rng.integers(7, 11))
        if square:
            m = m_next = int(rng.integers(3, 6))
        else:
            m, m_next = rng.choice(np.arange(2, 7), size=2, replace=False)
        return Args(rng.normal(size=(n, int(m_next))), rng.normal(size=(int(m_next), int(m))),
                    rng.normal(size=(n, int(m))) * 1.5, activation)
    return make


def hd_mistakes() -> list[Mistake]:
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


def lg_inputs(n: int | None = None, scales: bool = False) -> Callable[[np.random.Generator], tuple]:
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


def lg_mistakes() -> list[Mistake]:
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


def central(f: Callable, x: np.ndarray, eps: float, kind: str = "central") -> np.ndarray:
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


def ng_mistakes() -> list[Mistake]:
    return [
        ("one-sided", lambda a: central(a["f"], a["x"], float(a["eps"]), "forward"),
         "this is the forward difference (f(x + eps) - f(x)) / eps; use central differences "
         "(f(x + eps) - f(x - eps)) / (2 eps), whose error shrinks like eps^2 instead of eps"),
        ("one-sided", lambda a: central(a["f"], a["x"], float(a["eps"]), "backward"),
         "this is the backward difference (f(x) - f(x - eps)) / eps; use central differences "
         "(f(x + eps) - f(x - eps)) / (2 eps)"),
        ("no-half", lambda a: central(a["f"], a["x"], float(a["eps"]), "no-half"),
         "twice the right values: the central difference divides by 2 eps"),
        ("ignores-eps", lambda a: central(a["f"], a["x"], 1e-5),
         "these are central differences with eps = 1e-5, not with the eps passed in"),
        ("ignores-eps", lambda a: central(a["f"], a["x"], 1e-4),
         "these are central differences with eps = 1e-4, not with the eps passed in"),
    ]


def poly(rng: np.random.Generator, shape: tuple[int, ...]) -> Marker:
    """sum(a x^3 + b x^2 + c x) with |a| in [0.5, 2] and |b| in [1, 4]: the third and second
    derivatives are never small, so one-sided differences and a wrong eps show."""
    sign = lambda: rng.choice([-1.0, 1.0], size=shape)  # noqa: E731
    return scalar_fn("poly", a=sign() * rng.uniform(0.5, 2, size=shape), b=sign() * rng.uniform(1, 4, size=shape),
                             c=rng.normal(size=shape))


def sgd_inputs(layers: int, as_lists: bool = False) -> Callable[[np.random.Generator], tuple]:
    def make(rng: np.random.Generator) -> tuple:
        sizes = _sizes(rng, layers)
        params, grads = layer_params(rng, sizes), layer_params(rng, sizes)
        if as_lists:
            params = [[W, b] for W, b in params]
            grads = [[W, b] for W, b in grads]
        return params, grads, float(rng.uniform(0.05, 0.9))
    return make


def sgd_mistakes() -> list[Mistake]:
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
DIGITS_EPOCHS = 6  # the notebook trains 30 (98%); 6 give 94.5-97% over 20 seeds (10: 95-98%), in a fifth of the time
DIGITS_ACCURACY = 0.90


def blobs(rng: np.random.Generator, n_per: int = 30, K: int = 3) -> tuple[np.ndarray, np.ndarray]:
    angles = rng.uniform(0, 2 * np.pi) + np.arange(K) * 2 * np.pi / K
    centers = 3.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    X = np.concatenate([c + rng.normal(scale=0.6, size=(n_per, 2)) for c in centers])
    y = np.repeat(np.arange(K), n_per)
    order = rng.permutation(len(X))
    return X[order], y[order]


def blob_inputs(activation: str, epochs: int) -> Callable[[np.random.Generator], Args]:
    def make(rng: np.random.Generator) -> Args:
        X, y = blobs(rng)
        return Args(X, y, [2, int(rng.integers(5, 9)), 3], lr=0.3, epochs=epochs, batch_size=10,
                    seed=int(rng.integers(1000)), activation=activation)
    return make


def large_batches(rng: np.random.Generator) -> tuple:
    """n in the thousands, never a multiple of batch_size."""
    bs = int(rng.integers(20, 70))
    return bs * int(rng.integers(20, 40)) + int(rng.integers(1, bs)), bs, generator(int(rng.integers(2**31)))


def letter_quiz(name: str, advice: str) -> Case:
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


def partial_w1_mistakes() -> list[Mistake]:
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


def nb_inputs(y: int) -> Callable[[np.random.Generator], tuple]:
    def make(rng: np.random.Generator) -> tuple:
        d = int(rng.integers(3, 7))
        x = rng.normal(size=d) * 1.5
        w = rng.normal(size=d)
        return x, w, y
    return make


def nb_mistakes() -> list[Mistake]:
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


def od_mistakes() -> list[Mistake]:
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
