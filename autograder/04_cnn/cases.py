"""Case table of week 04_cnn: output sizes, the convolution layer, pooling, parameter counts.

Conventions (ASSIGNMENTS.md): one image is ``X (C, H, W)``, channels first; kernels are
``K (C_out, C_in, kh, kw)``, biases ``b (C_out,)``; ``conv2d`` is cross-correlation (no kernel
flip) and pads ``padding`` zeros on EACH side, while ``conv_output_size`` takes the TOTAL padding
``p`` as in the lecture's formula ``floor((n - k + p + s) / s)``.

Shapes are chosen so that mistakes cannot hide: images are not square (``H != W``), kernels mostly
not (``kh != kw``), ``C_in > 1`` and ``C_out > 1`` with ``C_in != C_out``, kernels are not symmetric
(a flip shows), strides 2 and 3 with sizes that do not divide evenly (floor versus ceil), padding 1
and 2. Hidden inputs are drawn per student. All inputs stay small (the largest: 3 channels of 12x10
and 4 filters of 3x3), so a correct implementation written with plain Python loops finishes each
call in milliseconds, far within its 5-second timeout.

Tolerances: ``rtol=1e-6, atol=1e-9`` for float outputs (any summation order passes); sizes, counts
and quiz answers are exact. On a wrong value or shape the hidden cases compare the output with what
each classic mistake computes on the same inputs (kernel flipped, padding once or twice, stride
ignored, channels not summed, bias per pixel, sum instead of mean, ...) and name the first match.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from nnlab.cases import Args, Case
from nnlab.judge import REF, Close, Form
from nnlab.judge_variants import variant_answer
from nnlab.mistakes import Mistake, known_mistakes
from nnlab.variants import integers

RTOL, ATOL = 1e-6, 1e-9
EXACT = {"rtol": 0.0, "atol": 0.0}


# ----------------------------------------------------------------------------------------------
# Trusted computations (never the submission's code)
# ----------------------------------------------------------------------------------------------

def _size(n: int, k: int, p: int, s: int) -> int:
    return (n - k + p + s) // s


def _conv(X: Any, K: Any, b: Any = None, stride: tuple[int, int] = (1, 1),
          pads: tuple[int, int, int, int] = (0, 0, 0, 0), mode: str = "constant") -> np.ndarray:
    """Cross-correlation with separate strides (rows, columns) and paddings (top, bottom, left, right)."""
    X, K = np.asarray(X, dtype=float), np.asarray(K, dtype=float)
    top, bottom, left, right = pads
    Xp = np.pad(X, ((0, 0), (top, bottom), (left, right)), mode=mode)
    win = sliding_window_view(Xp, K.shape[2:], axis=(1, 2))[:, ::stride[0], ::stride[1]]
    out = np.einsum("chwuv,ocuv->ohw", win, K)
    return out if b is None else out + np.asarray(b, dtype=float)[:, None, None]


def _conv_ok(a: dict, **changes: Any) -> np.ndarray:
    """The right conv2d output for the bound arguments ``a``, with some of them changed."""
    a = {**a, **changes}
    p, s = a["padding"], a["stride"]
    return _conv(a["X"], a["K"], a["b"], (s, s), (p, p, p, p))


def _conv_stride1(a: dict) -> np.ndarray:
    return _conv_ok(a, stride=1)


def _conv_pads(a: dict, pads: tuple[int, int, int, int]) -> np.ndarray:
    s = a["stride"]
    return _conv(a["X"], a["K"], a["b"], (s, s), pads)


def _channels(a: dict, how: str) -> np.ndarray:
    X, K = np.asarray(a["X"], dtype=float), np.asarray(a["K"], dtype=float)
    p, s = a["padding"], a["stride"]
    maps = np.stack([_conv(X[c:c + 1], K[:, c:c + 1], None, (s, s), (p, p, p, p)) for c in range(X.shape[0])])
    out = {"mean": maps.mean(axis=0), "first": maps[0], "last": maps[-1]}[how]
    return out if a["b"] is None else out + np.asarray(a["b"], dtype=float)[:, None, None]


def _bias_axis(a: dict, axis: int) -> np.ndarray:
    out = _conv_ok(a, b=None)
    b = np.asarray(a["b"], dtype=float)
    return out + (b if axis == 2 else b[:, None])


def _stride_start(a: dict) -> np.ndarray:
    right = _conv_ok(a)
    return _conv_stride1(a)[:, :right.shape[1], :right.shape[2]]


def _integers(X: Any) -> np.ndarray:
    """``X`` itself when it holds integers; truncation mistakes do not apply to float images."""
    X = np.asarray(X)
    if X.dtype.kind not in "iu":
        raise ValueError("float input")
    return X


def _int_output(a: dict) -> np.ndarray:
    return np.trunc(_conv_ok(a, X=_integers(a["X"])))




def _pool(X: Any, size: int, stride: int, reduce: str, ceil: bool = False) -> np.ndarray:
    """Pooling per channel; ``ceil=True`` keeps the partial windows at the bottom and right edges."""
    X = np.asarray(X, dtype=float)
    C, H, W = X.shape
    if ceil:
        Ho, Wo = -(-(H - size) // stride) + 1, -(-(W - size) // stride) + 1
    else:
        Ho, Wo = _size(H, size, 0, stride), _size(W, size, 0, stride)
    fn = {"max": np.max, "mean": np.mean, "sum": np.sum, "absmax": lambda w, axis: np.max(np.abs(w), axis=axis)}
    out = np.empty((C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, i, j] = fn[reduce](X[:, i * stride:i * stride + size, j * stride:j * stride + size], axis=(1, 2))
    return out


def _crop_like(big: np.ndarray, like: np.ndarray) -> np.ndarray:
    if big.shape[1] < like.shape[1] or big.shape[2] < like.shape[2]:
        raise ValueError("too small to crop")
    return big[:, :like.shape[1], :like.shape[2]]


def _across_channels(pooled: np.ndarray, reduce: str, keep: bool) -> np.ndarray:
    """Per-window max/mean over all channels (of the per-channel results: the same thing), as one
    map or repeated for every channel."""
    one = pooled.max(axis=0) if reduce == "max" else pooled.mean(axis=0)
    return np.broadcast_to(one, pooled.shape).copy() if keep else one


def _signed_absmax(X: Any, size: int, stride: int) -> np.ndarray:
    """The entry of largest magnitude in each window, with its sign."""
    X = np.asarray(X, dtype=float)
    hi, lo = _pool(X, size, stride, "max"), -_pool(-X, size, stride, "max")
    return np.where(np.abs(lo) > np.abs(hi), lo, hi)


# ----------------------------------------------------------------------------------------------
# Known mistakes
# ----------------------------------------------------------------------------------------------

SIZE_MISTAKES: list[Mistake] = [
    ("each-side", lambda a: _size(a["n"], a["k"], 2 * a["p"], a["s"]),
     "this doubles p: p is the TOTAL padding of the dimension (both sides together), so it enters the "
     "formula once; only conv2d's padding argument counts each side"),
    ("ceil", lambda a: -(-(a["n"] - a["k"] + a["p"] + a["s"]) // a["s"]),
     "this rounds up: a window that would stick out past the padded edge is not used, so round down "
     "(floor, // for integers)"),
    ("no-floor", lambda a: (a["n"] - a["k"] + a["p"] + a["s"]) / a["s"],
     "this is not a whole number: the count of window positions is floor((n - k + p + s) / s), use //"),
    ("off-by-one", lambda a: (a["n"] - a["k"] + a["p"]) // a["s"],
     "one too few: (n - k + p) // s is the index of the last window position; positions start at 0, so "
     "add one (that is the + s inside the lecture's formula)"),
    ("stride-ignored", lambda a: a["n"] - a["k"] + a["p"] + 1,
     "this is the size for stride 1: with stride s the window jumps s entries, so divide by s"),
    ("formula", lambda a: (a["n"] - a["k"] + a["p"] + 1) // a["s"],
     "the + 1 of the stride-1 formula does not go inside the division: floor((n - k + p) / s) + 1"),
]

CONV_MISTAKES: list[Mistake] = [
    ("flipped", lambda a: _conv_ok(a, K=np.asarray(a["K"], dtype=float)[:, :, ::-1, ::-1]),
     "the kernel is flipped (a true, mathematical convolution): deep-learning libraries and this course "
     "compute the cross-correlation, which multiplies each window by K as it is, without reversing its "
     "rows and columns"),
    ("flipped", lambda a: _conv_ok(a, K=np.asarray(a["K"], dtype=float)[:, :, ::-1, :]),
     "the kernel is flipped upside down: use K[o, c, u, v] as it is, without reversing any axis"),
    ("flipped", lambda a: _conv_ok(a, K=np.asarray(a["K"], dtype=float)[:, :, :, ::-1]),
     "the kernel is flipped left to right: use K[o, c, u, v] as it is, without reversing any axis"),
    ("kernel-transposed", lambda a: _conv_ok(a, K=np.swapaxes(np.asarray(a["K"], dtype=float), 2, 3)),
     "the kernel is transposed: K[o, c, u, v] multiplies the pixel u rows down and v columns right "
     "(u runs over the kh rows, v over the kw columns)"),
    ("channels-not-summed", lambda a: _channels(a, "mean"),
     "this averages the input channels: a filter's output is the SUM over c of the channel-c maps"),
    ("channels-not-summed", lambda a: _channels(a, "last"),
     "only the last input channel counts: each channel's map must be added (+=) to the output, not "
     "assigned (=) over the previous one"),
    ("channels-not-summed", lambda a: _channels(a, "first"),
     "only input channel 0 counts: a filter sees all C_in channels, sum over them"),
    ("no-bias", lambda a: _conv_ok(a, b=None),
     "the bias is missing: add b[o] to every entry of output channel o"),
    ("bias-per-input-channel", lambda a: _conv_ok(a, b=np.asarray(a["b"], dtype=float) * np.shape(a["X"])[0]),
     "the bias was added once per input channel (C_in times): each filter adds its bias b[o] once per "
     "output position"),
    ("bias-axis", lambda a: _bias_axis(a, 2),
     "b was added along the last axis (one value per output column): b[o] belongs to output channel o, "
     "so broadcast it as b[:, None, None]"),
    ("bias-axis", lambda a: _bias_axis(a, 1),
     "b was added along the rows: b[o] belongs to output channel o, so broadcast it as b[:, None, None]"),
    ("stride-ignored", _conv_stride1,
     "this is the output for stride 1: with stride s, output (i, j) reads the window that starts at "
     "row i * s and column j * s, and there are conv_output_size(n, k, 2 * padding, s) of them per axis"),
    ("stride-wrong", _stride_start,
     "the size is right but the windows start at (i, j) instead of (i * stride, j * stride)"),
    ("stride-wrong", lambda a: _conv_stride1(a)[:, ::a["stride"], :],
     "the stride is applied to the rows only: the window moves by stride along the columns too"),
    ("stride-wrong", lambda a: _conv_stride1(a)[:, :, ::a["stride"]],
     "the stride is applied to the columns only: the window moves by stride down the rows too"),
    ("no-padding", lambda a: _conv_ok(a, padding=0),
     "the padding is missing: add `padding` rows of zeros at the top AND the bottom, and `padding` "
     "columns at the left AND the right, before sliding the kernel"),
    ("padding-once", lambda a: _conv_pads(a, (a["padding"], 0, a["padding"], 0)),
     "the output is cut short, as if zeros were added only at the top and left: padding puts `padding` "
     "zeros on EACH side, so the padded image is (H + 2 * padding) x (W + 2 * padding) and the total "
     "padding in the size formula is p = 2 * padding"),
    ("padding-once", lambda a: _conv_pads(a, (0, a["padding"], 0, a["padding"])),
     "zeros were added only at the bottom and right: padding puts `padding` zeros on EACH side, so the "
     "padded image is (H + 2 * padding) x (W + 2 * padding)"),
    ("padding-twice", lambda a: _conv_ok(a, padding=2 * a["padding"]),
     "2 * padding zeros were added on each side: `padding` is already the count per side (the total "
     "p = 2 * padding only goes into the size formula)"),
    ("padding-not-zero", lambda a: _conv(a["X"], a["K"], a["b"], (a["stride"],) * 2, (a["padding"],) * 4,
                                         mode="edge"),
     "the border was padded by repeating the edge pixels: pad with zeros (np.pad's default "
     "mode='constant')"),
    ("padding-not-zero", lambda a: _conv(a["X"], a["K"], a["b"], (a["stride"],) * 2, (a["padding"],) * 4,
                                         mode="reflect"),
     "the border was padded by reflection: pad with zeros (np.pad's default mode='constant')"),
    ("int-output", _int_output,
     "the values were truncated to integers: the image has integer pixels, but the output must be float "
     "(allocate it with dtype=float, not np.zeros_like(X))"),
]


def _pool_mistakes(reduce: str) -> list[Mistake]:
    """Mistakes of max pooling (``reduce="max"``) or average pooling (``"mean"``)."""
    other = {"max": "the maximum", "mean": "the mean"}[reduce]
    common: list[Mistake] = [
        ("stride-wrong", lambda a: _pool(a["X"], a["size"], a["size"], reduce),
         "the windows moved by `size`, not by `stride`: window (i, j) starts at row i * stride and "
         "column j * stride (windows overlap when stride < size and leave gaps when stride > size)"),
        ("stride-ignored", lambda a: _pool(a["X"], a["size"], 1, reduce),
         "this is the output for stride 1: window (i, j) starts at row i * stride and column j * stride"),
        ("stride-wrong", lambda a: _pool(a["X"], a["size"], 1, reduce)[
            :, :_size(np.shape(a["X"])[1], a["size"], 0, a["stride"]),
            :_size(np.shape(a["X"])[2], a["size"], 0, a["stride"])],
         "the size is right but the windows start at (i, j) instead of (i * stride, j * stride)"),
        ("stride-wrong", lambda a: _crop_like(_pool(a["X"], a["size"], a["size"], reduce),
                                              _pool(a["X"], a["size"], a["stride"], reduce)),
         "the size is right but window (i, j) starts at (i * size, j * size): it starts at row i * stride "
         "and column j * stride"),
        ("partial-window", lambda a: _pool(a["X"], a["size"], a["stride"], reduce, ceil=True),
         "there are windows that stick out past the bottom or right edge: pooling has no padding, so only "
         "whole windows count and the output size is conv_output_size(H, size, 0, stride)"),
        ("channels-mixed", lambda a: _across_channels(_pool(a["X"], a["size"], a["stride"], reduce), reduce, False),
         f"the channels were pooled together: take {other} of each window in each channel on its own, "
         "the output keeps all C channels"),
        ("channels-mixed", lambda a: _across_channels(_pool(a["X"], a["size"], a["stride"], reduce), reduce, True),
         f"every channel got the same values, {other} over all channels of the window: pool each channel "
         "on its own"),
    ]
    if reduce == "max":
        return common + [
            ("abs", lambda a: _pool(a["X"], a["size"], a["stride"], "absmax"),
             "this is the largest absolute value: max pooling takes the largest value itself, negative "
             "entries stay negative"),
            ("abs", lambda a: _signed_absmax(a["X"], a["size"], a["stride"]),
             "this is the entry of largest absolute value: max pooling takes the largest value (for "
             "-5 and 2 that is 2)"),
            ("zero-start", lambda a: np.maximum(_pool(a["X"], a["size"], a["stride"], "max"), 0.0),
             "windows of negative numbers give 0: a running maximum must start at the first entry of the "
             "window (or -inf), not at 0"),
        ]
    return common + [
        ("sum", lambda a: _pool(a["X"], a["size"], a["stride"], "sum"),
         "this is the sum of each window: average pooling divides it by the number of entries, size * size"),
        ("divisor", lambda a: _pool(a["X"], a["size"], a["stride"], "sum") / a["size"],
         "divided by size: a size x size window holds size * size entries"),
        ("divisor", lambda a: _pool(a["X"], a["size"], a["stride"], "sum") / (a["stride"] ** 2),
         "divided by stride * stride: a window holds size * size entries, whatever the stride"),
        ("int-output", lambda a: np.trunc(_pool(_integers(a["X"]), a["size"], a["stride"], "mean")),
         "the means were truncated to integers: allocate the output as float (np.zeros_like of an integer "
         "image is an integer array)"),
        ("int-output", lambda a: _pool(_integers(a["X"]), a["size"], a["stride"], "sum") // (a["size"] ** 2),
         "integer division (//): the mean of integers is a float, divide with /"),
    ]


COUNT_MISTAKES: list[Mistake] = [
    ("no-bias", lambda a: a["c_out"] * a["c_in"] * a["kh"] * a["kw"],
     "only the weights are counted: each of the c_out filters has one bias too"),
    ("bias-count", lambda a: a["c_out"] * a["c_in"] * a["kh"] * a["kw"] + 1,
     "one bias for the whole layer: there is one bias per filter, c_out of them"),
    ("bias-count", lambda a: a["c_out"] * a["c_in"] * (a["kh"] * a["kw"] + 1),
     "one bias per filter AND input channel: a filter sums over its c_in channels and then adds a single "
     "bias, so c_out * (c_in * kh * kw + 1)"),
    ("bias-count", lambda a: a["c_in"] * (a["c_out"] * a["kh"] * a["kw"] + 1),
     "the biases were counted per input channel: there is one bias per filter (output channel)"),
    ("no-c_in", lambda a: a["c_out"] * (a["kh"] * a["kw"] + 1),
     "the input channels are missing: every filter has a kh x kw kernel for EACH of the c_in input "
     "channels"),
    ("square", lambda a: a["c_out"] * (a["c_in"] * a["kh"] * a["kh"] + 1),
     "kh * kh: the kernel is kh x kw, and kh and kw can differ"),
    ("square", lambda a: a["c_out"] * (a["c_in"] * a["kw"] * a["kw"] + 1),
     "kw * kw: the kernel is kh x kw, and kh and kw can differ"),
    ("c_in-twice", lambda a: a["c_out"] * (a["c_in"] ** 2 * a["kh"] * a["kw"] + 1),
     "c_in was multiplied in twice: one filter has c_in * kh * kw weights"),
]


# ----------------------------------------------------------------------------------------------
# Per-student variant
# ----------------------------------------------------------------------------------------------

def my_conv_layer(student: str) -> tuple[int, int, int, int]:
    """(n, k, padding per side, stride) of the per-student output-size question; the notebook draws the same."""
    return (integers(student, "out_size/n", 20, 100), integers(student, "out_size/k", 2, 8),
            integers(student, "out_size/padding", 0, 4), integers(student, "out_size/stride", 2, 5))


def my_conv1_params(student: str) -> int:
    """The parameter count of the per-student convolution layer (the notebook draws the same)."""
    c_in, c_out = integers(student, "conv_params/c_in", 1, 5), integers(student, "conv_params/c_out", 8, 129)
    k = integers(student, "conv_params/k", 3, 12)
    return (k * k * c_in + 1) * c_out


def my_out_size(student: str) -> int:
    n, k, padding, stride = my_conv_layer(student)
    return _size(n, k, 2 * padding, stride)


# ----------------------------------------------------------------------------------------------
# Inputs
# ----------------------------------------------------------------------------------------------

def _sizes_case(rng: np.random.Generator, kind: str) -> tuple:
    """(n, k, p, s) for one conv_output_size case; each kind makes its mistakes visible."""
    while True:
        if kind == "stride-1":
            n, k, p, s = int(rng.integers(8, 40)), int(rng.integers(2, 8)), 0, 1
        elif kind == "floor":  # not divisible: floor, ceil and true division all differ
            s = int(rng.integers(2, 4))
            n, k, p = int(rng.integers(10, 60)), int(rng.integers(2, 8)), 2 * int(rng.integers(0, 3))
            if (n - k + p) % s == 0:
                continue
        elif kind == "odd-total":  # an odd total padding (one more zero on one side)
            n, k, p, s = int(rng.integers(8, 40)), int(rng.integers(2, 8)), int(rng.choice([1, 3, 5])), 1
        elif kind == "stride-3":
            n, k, p, s = int(rng.integers(12, 80)), int(rng.integers(2, 8)), 2 * int(rng.integers(1, 3)), 3
        elif kind == "whole-input":  # the kernel covers the padded input exactly: one position
            k, p, s = int(rng.integers(3, 9)), int(rng.choice([0, 2])), int(rng.integers(2, 6))
            n = k - p
        elif kind == "large":
            n, k, p, s = int(rng.integers(100, 300)), int(rng.choice([3, 5, 7, 11])), 2 * int(rng.integers(0, 3)), 4
            if (n - k + p) % s == 0:
                continue
        else:
            raise ValueError(kind)
        if kind == "whole-input" or _distinguishable(n, k, p, s):
            return n, k, p, s


def _distinguishable(n: int, k: int, p: int, s: int) -> bool:
    """The classic mistakes give values that differ from each other (wherever they differ from the
    right one), so the message can name the mistake."""
    right = _size(n, k, p, s)
    wrong = [float(f({"n": n, "k": k, "p": p, "s": s})) for _, f, _ in SIZE_MISTAKES]
    wrong = [v for v in wrong if v != right]
    return len(set(wrong)) == len(wrong)


def _conv_inputs(c_in: int, c_out: int, H: int, W: int, kh: int, kw: int, bias: bool = True,
                 integer: bool = False, scales: bool = False, **call: int) -> Callable[[np.random.Generator], Args]:
    """Random X (c_in, H, W), K (c_out, c_in, kh, kw) and maybe b; ``call`` holds stride/padding
    (passed as keywords) or ``positional=1`` (b, stride, padding passed by position)."""

    def make(rng: np.random.Generator) -> Args:
        if integer:
            X = rng.integers(0, 17, size=(c_in, H, W))
        else:
            X = rng.normal(size=(c_in, H, W))
        K = rng.normal(size=(c_out, c_in, kh, kw))
        if scales:
            X = X * 10.0 ** rng.uniform(-2, 2, size=(c_in, 1, 1))
            K = K * 10.0 ** rng.uniform(-2, 2, size=(c_out, 1, 1, 1))
        b = rng.normal(size=c_out) * 2 + rng.choice([-3.0, 3.0], size=c_out) if bias else None
        kw_ = dict(call)
        if kw_.pop("positional", 0):
            return Args(X, K, b, kw_.get("stride", 1), kw_.get("padding", 0))
        return Args(X, K, b, **kw_) if bias else Args(X, K, **kw_)

    return make


def _pool_inputs(C: int, H: int, W: int, size: int, stride: int, kind: str = "normal",
                 keywords: bool = False) -> Callable[[np.random.Generator], Args]:
    def make(rng: np.random.Generator) -> Args:
        if kind == "negative":
            X = -rng.uniform(0.5, 5.0, size=(C, H, W))
        elif kind == "integer":
            X = rng.integers(0, 17, size=(C, H, W))
        elif kind == "scales":
            X = rng.normal(size=(C, H, W)) * 10.0 ** rng.uniform(-3, 3, size=(C, 1, 1))
        else:  # mixed signs, with large negative entries so that |x| and x pick different winners
            X = rng.normal(size=(C, H, W)) * 2 - 1
        return Args(X, size=size, stride=stride) if keywords else Args(X, size, stride)

    return make


# ----------------------------------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------------------------------

SIZE_ADVICE = {"value": "the number of window positions along one axis is floor((n - k + p + s) / s), with p the "
                        "total padding of that axis",
               "type": "return one int"}

CONV_ADVICE = {
    "shape": "the output is (C_out, H_out, W_out): conv_output_size(H, kh, 2 * padding, stride) rows and "
             "conv_output_size(W, kw, 2 * padding, stride) columns per channel; H and W, kh and kw may differ",
    "exception": "X is (C_in, H, W) and K is (C_out, C_in, kh, kw), where kh != kw and H != W are allowed; "
                 "each window X_padded[:, i*stride : i*stride + kh, j*stride : j*stride + kw] has the shape "
                 "(C_in, kh, kw) of one filter K[o]",
    "value": "Y[o, i, j] = b[o] + sum over c, u, v of X_padded[c, i*stride + u, j*stride + v] * K[o, c, u, v]",
    "modified": "pad into a new array (np.pad returns one) and never write into X",
}

BIAS_ADVICE = {**CONV_ADVICE,
               "exception": "b has one entry per output channel: broadcast it as b[:, None, None] against the "
                            "(C_out, H_out, W_out) output"}

NO_PAD_ADVICE = {**CONV_ADVICE,
                 "exception": CONV_ADVICE["exception"] + "; with padding 0, a slice such as p:-p is empty "
                              "(-0 is 0): use p:p + H"}


def _pool_advice(op: str) -> dict[str, str]:
    return {
        "shape": "the output is (C, H_out, W_out): conv_output_size(H, size, 0, stride) rows and "
                 "conv_output_size(W, size, 0, stride) columns per channel; H and W may differ",
        "exception": "X is (C, H, W) with H != W allowed; window (i, j) of channel c is "
                     "X[c, i*stride : i*stride + size, j*stride : j*stride + size]",
        "value": f"output[c, i, j] is {op} of the size x size window of channel c that starts at row "
                 "i * stride, column j * stride",
        "modified": "compute into a new array; never write into X",
    }


def _size_case(name: str, kind: str, about: str) -> Case:
    return Case(f"conv_output_size/{name}", "conv_output_size", known_mistakes(SIZE_MISTAKES, **EXACT),
                inputs=lambda rng: _sizes_case(rng, kind), about=about, messages=SIZE_ADVICE)


def _conv_case(name: str, about: str, maker: Callable, advice: dict | None = None, **kw: Any) -> Case:
    return Case(f"conv2d/{name}", "conv2d", known_mistakes(CONV_MISTAKES), inputs=maker, about=about,
                messages=advice or CONV_ADVICE, **kw)


def _pool_case(target: str, name: str, about: str, maker: Callable) -> Case:
    reduce, op = ("max", "the maximum") if target == "max_pool2d" else ("mean", "the mean")
    return Case(f"{target}/{name}", target, known_mistakes(_pool_mistakes(reduce)), inputs=maker,
                about=about, messages=_pool_advice(op))


def _pool_cases(target: str, own: list[Case]) -> list[Case]:
    """The cases both poolings share (two public, three hidden window layouts), then ``own``."""
    op = "the maximum" if target == "max_pool2d" else "the mean"
    return [
        Case(f"{target}/2x2", target, Close(REF), inputs=_pool_inputs(2, 4, 6, 2, 2), public=True,
             about="2 channels 4x6, size 2, stride 2", messages=_pool_advice(op)),
        Case(f"{target}/overlapping", target, Close(REF), inputs=_pool_inputs(1, 7, 5, 3, 2), public=True,
             about="one channel 7x5, size 3, stride 2 (windows overlap)", messages=_pool_advice(op)),
        _pool_case(target, "overlap", "3 channels 9x7, size 3, stride 2", _pool_inputs(3, 9, 7, 3, 2)),
        _pool_case(target, "gaps", "2 channels 8x11, size 2, stride 3 (gaps between windows)",
                   _pool_inputs(2, 8, 11, 2, 3)),
        _pool_case(target, "not-divisible", "2 channels 7x9, size 2, stride 2 (a row and a column left over)",
                   _pool_inputs(2, 7, 9, 2, 2)),
        *own,
    ]


def _count_case(name: str, about: str, maker: Callable) -> Case:
    return Case(f"conv_param_count/{name}", "conv_param_count", known_mistakes(COUNT_MISTAKES, **EXACT),
                inputs=maker, about=about,
                messages={"value": "one filter has c_in * kh * kw weights and one bias; there are c_out filters"})


def _distinct(rng: np.random.Generator, k: int, low: int, high: int) -> list[int]:
    return [int(v) for v in rng.choice(np.arange(low, high), size=k, replace=False)]


def _count_inputs(rng: np.random.Generator, kind: str) -> tuple:
    if kind == "non-square":
        c_in, c_out = _distinct(rng, 2, 2, 65)
        kh, kw = _distinct(rng, 2, 1, 8)
    elif kind == "one-by-one":
        c_in, c_out = _distinct(rng, 2, 8, 513)
        kh = kw = 1
    elif kind == "grey":
        c_in, c_out, kh, kw = 1, int(rng.integers(4, 65)), *_distinct(rng, 2, 2, 8)
    else:  # a wide layer
        c_in, c_out = _distinct(rng, 2, 64, 513)
        kh = kw = 3
    return c_in, c_out, kh, kw


CASES = [
    # --- conv_output_size ----------------------------------------------------------------------
    Case("conv_output_size/no-padding", "conv_output_size", Close(REF, **EXACT), inputs=lambda rng: (8, 3, 0, 1),
         public=True, about="n=8, k=3, p=0, s=1"),
    Case("conv_output_size/padding-stride", "conv_output_size", Close(REF, **EXACT),
         inputs=lambda rng: (7, 3, 2, 2), public=True, about="n=7, k=3, p=2 (total), s=2"),
    Case("conv_output_size/last-window-short", "conv_output_size", Close(REF, **EXACT),
         inputs=lambda rng: (8, 3, 0, 2), public=True,
         about="n=8, k=3, p=0, s=2: the stride does not divide n - k, a last window would stick out",
         messages=SIZE_ADVICE),
    _size_case("stride-1", "stride-1", "stride 1 without padding"),
    _size_case("floor", "floor", "a stride that does not divide n - k + p"),
    _size_case("odd-total", "odd-total", "an odd total padding p and stride 1"),
    _size_case("stride-3", "stride-3", "stride 3 with padding"),
    _size_case("whole-input", "whole-input", "a kernel exactly as large as the padded input"),
    _size_case("large", "large", "an image of 100 to 300 pixels with stride 4"),

    # --- conv2d --------------------------------------------------------------------------------
    Case("conv2d/one-channel", "conv2d", Close(REF), inputs=_conv_inputs(1, 1, 5, 6, 2, 3, bias=False),
         public=True, about="one channel 5x6, one 2x3 kernel, no bias", messages=CONV_ADVICE),
    Case("conv2d/channels-bias", "conv2d", Close(REF), inputs=_conv_inputs(2, 3, 5, 4, 2, 3), public=True,
         about="2 input channels 5x4, 3 filters of 2x3, with bias", messages=BIAS_ADVICE),
    Case("conv2d/stride-padding", "conv2d", Close(REF), inputs=_conv_inputs(1, 2, 6, 7, 3, 3, stride=2, padding=1),
         public=True, about="one channel 6x7, 2 filters of 3x3, stride=2, padding=1", messages=CONV_ADVICE),
    _conv_case("asymmetric-kernel", "one 7x9 channel, 2 asymmetric filters of 3x2, no bias",
               _conv_inputs(1, 2, 7, 9, 3, 2, bias=False), NO_PAD_ADVICE),
    _conv_case("channel-sum", "3 input channels 6x8, 4 filters of 2x3, no bias",
               _conv_inputs(3, 4, 6, 8, 2, 3, bias=False), NO_PAD_ADVICE),
    _conv_case("bias", "2 input channels 7x6, 3 filters of 3x3, with bias",
               _conv_inputs(2, 3, 7, 6, 3, 3), BIAS_ADVICE),
    _conv_case("bias-broadcast", "2 channels 6x7, 4 filters of 3x4 with bias (4x4 output maps)",
               _conv_inputs(2, 4, 6, 7, 3, 4), BIAS_ADVICE),
    _conv_case("stride-2", "2 channels 9x8, 3 filters of 3x2, stride 2",
               _conv_inputs(2, 3, 9, 8, 3, 2, stride=2)),
    _conv_case("stride-3-padding-2", "3 channels 10x11, 2 filters of 4x3, stride 3, padding 2",
               _conv_inputs(3, 2, 10, 11, 4, 3, stride=3, padding=2)),
    _conv_case("padding-1", "2 channels 5x7, 3 filters of 3x3, padding 1",
               _conv_inputs(2, 3, 5, 7, 3, 3, padding=1)),
    _conv_case("positional", "2 channels 6x5, 2 filters of 2x4, with b, stride 1 and padding 2 passed by position",
               _conv_inputs(2, 2, 6, 5, 2, 4, positional=1, stride=1, padding=2)),
    _conv_case("one-by-one", "1x1 filters mixing 4 channels of 5x6 into 3",
               _conv_inputs(4, 3, 5, 6, 1, 1)),
    _conv_case("whole-input", "2 channels 4x5 and 3 filters just as large, stride 2 (one output position)",
               _conv_inputs(2, 3, 4, 5, 4, 5, stride=2)),
    _conv_case("integer-image",
               "an integer image (pixels 0..16) of 2 channels 7x9, 3 filters of 3x2, stride 2, padding 1",
               _conv_inputs(2, 3, 7, 9, 3, 2, integer=True, stride=2, padding=1)),
    _conv_case("scales", "3 channels 8x6 and 2 filters of very different scales (1e-2 to 1e2), padding 1",
               _conv_inputs(3, 2, 8, 6, 3, 2, scales=True, padding=1)),
    _conv_case("moderate", "3 channels of 12x10, 4 filters of 3x3, padding 1 (the largest input)",
               _conv_inputs(3, 4, 12, 10, 3, 3, padding=1),
               {**CONV_ADVICE, "timeout": "loop over the output positions (i, j) and compute each window's "
                                          "products for all filters at once with numpy"}),

    # --- max_pool2d ----------------------------------------------------------------------------
    *_pool_cases("max_pool2d", [
        _pool_case("max_pool2d", "negative", "2 channels 6x8 of negative values only, size 2, stride 2",
                   _pool_inputs(2, 6, 8, 2, 2, kind="negative")),
        _pool_case("max_pool2d", "keywords", "3 channels 9x10, size=3 and stride=3 as keywords",
                   _pool_inputs(3, 9, 10, 3, 3, keywords=True)),
        _pool_case("max_pool2d", "subsample", "2 channels 5x8, size 1, stride 2 (subsampling)",
                   _pool_inputs(2, 5, 8, 1, 2)),
        _pool_case("max_pool2d", "scales", "3 channels 5x6 of very different scales, size 2, stride 1",
                   _pool_inputs(3, 5, 6, 2, 1, kind="scales")),
    ]),

    # --- avg_pool2d ----------------------------------------------------------------------------
    *_pool_cases("avg_pool2d", [
        _pool_case("avg_pool2d", "integer", "an integer image (pixels 0..16), 2 channels 6x9, size 3, stride 3",
                   _pool_inputs(2, 6, 9, 3, 3, kind="integer")),
        _pool_case("avg_pool2d", "keywords", "2 channels 6x5, size=3 and stride=1 as keywords",
                   _pool_inputs(2, 6, 5, 3, 1, keywords=True)),
        _pool_case("avg_pool2d", "scales", "3 channels 6x8 of very different scales, size 2, stride 2",
                   _pool_inputs(3, 6, 8, 2, 2, kind="scales")),
    ]),

    # --- conv_param_count ----------------------------------------------------------------------
    Case("conv_param_count/small", "conv_param_count", Close(REF, **EXACT), inputs=lambda rng: (1, 2, 3, 3),
         public=True, about="c_in=1, c_out=2, 3x3 kernels"),
    _count_case("alexnet", "AlexNet's first layer", lambda rng: Args(3, 96, 11, 11)),
    _count_case("non-square", "a layer with kh != kw and c_in != c_out", lambda rng: _count_inputs(rng, "non-square")),
    _count_case("one-by-one", "a layer of 1x1 kernels", lambda rng: _count_inputs(rng, "one-by-one")),
    _count_case("grey", "a layer on one input channel, kh != kw", lambda rng: _count_inputs(rng, "grey")),
    _count_case("keywords", "a wide 3x3 layer, arguments as keywords",
                lambda rng: Args(**dict(zip(("c_in", "c_out", "kh", "kw"), _count_inputs(rng, "wide"))))),

    # --- quiz ----------------------------------------------------------------------------------
    # public checks of the answers' form only (no points)
    *[Case(f"{name}/form", name, Form("number"), mode="value", public=True, points=0)
      for name in ("answer_out_size", "answer_alexnet_conv1_params", "answer_my_out_size", "answer_my_conv1_params")],
    # the lecture's own numbers are practice (their keys are in the slides); the personal ones carry the points
    Case("answer_out_size/value", "answer_out_size", Close(REF, **EXACT), mode="value", points=0,
         messages={"value": "n = 224, k = 11, s = 4, and 2 zeros on each side make the total padding p = 4; "
                            "then floor((n - k + p + s) / s)"}),
    Case("answer_alexnet_conv1_params/value", "answer_alexnet_conv1_params", Close(REF, **EXACT), mode="value",
         points=0, messages={"value": "96 filters, each with 11 * 11 * 3 weights and one bias"}),
    Case("answer_my_conv1_params/value", "answer_my_conv1_params", variant_answer(my_conv1_params, rtol=0, atol=0),
         mode="value", extra_values=("STUDENT_ID",),
         messages={"value": "each filter has MY_KERNEL * MY_KERNEL * MY_C_IN weights and one bias"}),
    Case("answer_my_out_size/value", "answer_my_out_size", variant_answer(my_out_size, rtol=0, atol=0),
         mode="value", extra_values=("STUDENT_ID",),
         messages={"value": "the padding is given per side: conv_output_size(MY_N, MY_K, p, MY_STRIDE) with the "
                            "total padding p = 2 * MY_PADDING"}),
]

