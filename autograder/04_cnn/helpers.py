"""The trusted helpers of week 04_cnn's case table (cases.py): inputs, the answers of known
mistakes and the judges the table names. Never the submission's code; hidden from students."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from nnlab.cases import Args, Case
from nnlab.judge import REF, Close
from nnlab.mistakes import Mistake, known_mistakes
from nnlab.variants import integers

EXACT = {"rtol": 0.0, "atol": 0.0}


# ----------------------------------------------------------------------------------------------
# Trusted computations (never the submission's code)
# ----------------------------------------------------------------------------------------------

def _size(n: int, k: int, p: int, s: int) -> int:
    return (n - k + p + s) // s


def conv(X: Any, K: Any, b: Any = None, stride: tuple[int, int] = (1, 1),
          pads: tuple[int, int, int, int] = (0, 0, 0, 0), mode: str = "constant") -> np.ndarray:
    """Cross-correlation with separate strides (rows, columns) and paddings (top, bottom, left, right)."""
    X, K = np.asarray(X, dtype=float), np.asarray(K, dtype=float)
    top, bottom, left, right = pads
    Xp = np.pad(X, ((0, 0), (top, bottom), (left, right)), mode=mode)
    win = sliding_window_view(Xp, K.shape[2:], axis=(1, 2))[:, ::stride[0], ::stride[1]]
    out = np.einsum("chwuv,ocuv->ohw", win, K)
    return out if b is None else out + np.asarray(b, dtype=float)[:, None, None]


def conv_ok(a: dict, **changes: Any) -> np.ndarray:
    """The right conv2d output for the bound arguments ``a``, with some of them changed."""
    a = {**a, **changes}
    p, s = a["padding"], a["stride"]
    return conv(a["X"], a["K"], a["b"], (s, s), (p, p, p, p))


def conv_stride1(a: dict) -> np.ndarray:
    return conv_ok(a, stride=1)


def conv_pads(a: dict, pads: tuple[int, int, int, int]) -> np.ndarray:
    s = a["stride"]
    return conv(a["X"], a["K"], a["b"], (s, s), pads)


def channels(a: dict, how: str) -> np.ndarray:
    X, K = np.asarray(a["X"], dtype=float), np.asarray(a["K"], dtype=float)
    p, s = a["padding"], a["stride"]
    maps = np.stack([conv(X[c:c + 1], K[:, c:c + 1], None, (s, s), (p, p, p, p)) for c in range(X.shape[0])])
    out = {"mean": maps.mean(axis=0), "first": maps[0], "last": maps[-1]}[how]
    return out if a["b"] is None else out + np.asarray(a["b"], dtype=float)[:, None, None]


def bias_axis(a: dict, axis: int) -> np.ndarray:
    out = conv_ok(a, b=None)
    b = np.asarray(a["b"], dtype=float)
    return out + (b if axis == 2 else b[:, None])


def stride_start(a: dict) -> np.ndarray:
    right = conv_ok(a)
    return conv_stride1(a)[:, :right.shape[1], :right.shape[2]]


def _integers(X: Any) -> np.ndarray:
    """``X`` itself when it holds integers; truncation mistakes do not apply to float images."""
    X = np.asarray(X)
    if X.dtype.kind not in "iu":
        raise ValueError("float input")
    return X


def int_output(a: dict) -> np.ndarray:
    return np.trunc(conv_ok(a, X=_integers(a["X"])))


def pool(X: Any, size: int, stride: int, reduce: str, ceil: bool = False) -> np.ndarray:
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


def crop_like(big: np.ndarray, like: np.ndarray) -> np.ndarray:
    if big.shape[1] < like.shape[1] or big.shape[2] < like.shape[2]:
        raise ValueError("too small to crop")
    return big[:, :like.shape[1], :like.shape[2]]


def across_channels(pooled: np.ndarray, reduce: str, keep: bool) -> np.ndarray:
    """Per-window max/mean over all channels (of the per-channel results: the same thing), as one
    map or repeated for every channel."""
    one = pooled.max(axis=0) if reduce == "max" else pooled.mean(axis=0)
    return np.broadcast_to(one, pooled.shape).copy() if keep else one


def signed_absmax(X: Any, size: int, stride: int) -> np.ndarray:
    """The entry of largest magnitude in each window, with its sign."""
    X = np.asarray(X, dtype=float)
    hi, lo = pool(X, size, stride, "max"), -pool(-X, size, stride, "max")
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
    ("flipped", lambda a: conv_ok(a, K=np.asarray(a["K"], dtype=float)[:, :, ::-1, ::-1]),
     "the kernel is flipped (a true, mathematical convolution): deep-learning libraries and this course "
     "compute the cross-correlation, which multiplies each window by K as it is, without reversing its "
     "rows and columns"),
    ("flipped", lambda a: conv_ok(a, K=np.asarray(a["K"], dtype=float)[:, :, ::-1, :]),
     "the kernel is flipped upside down: use K[o, c, u, v] as it is, without reversing any axis"),
    ("flipped", lambda a: conv_ok(a, K=np.asarray(a["K"], dtype=float)[:, :, :, ::-1]),
     "the kernel is flipped left to right: use K[o, c, u, v] as it is, without reversing any axis"),
    ("kernel-transposed", lambda a: conv_ok(a, K=np.swapaxes(np.asarray(a["K"], dtype=float), 2, 3)),
     "the kernel is transposed: K[o, c, u, v] multiplies the pixel u rows down and v columns right "
     "(u runs over the kh rows, v over the kw columns)"),
    ("channels-not-summed", lambda a: channels(a, "mean"),
     "this averages the input channels: a filter's output is the SUM over c of the channel-c maps"),
    ("channels-not-summed", lambda a: channels(a, "last"),
     "only the last input channel counts: each channel's map must be added (+=) to the output, not "
     "assigned (=) over the previous one"),
    ("channels-not-summed", lambda a: channels(a, "first"),
     "only input channel 0 counts: a filter sees all C_in channels, sum over them"),
    ("no-bias", lambda a: conv_ok(a, b=None),
     "the bias is missing: add b[o] to every entry of output channel o"),
    ("bias-per-input-channel", lambda a: conv_ok(a, b=np.asarray(a["b"], dtype=float) * np.shape(a["X"])[0]),
     "the bias was added once per input channel (C_in times): each filter adds its bias b[o] once per "
     "output position"),
    ("bias-axis", lambda a: bias_axis(a, 2),
     "b was added along the last axis (one value per output column): b[o] belongs to output channel o, "
     "so broadcast it as b[:, None, None]"),
    ("bias-axis", lambda a: bias_axis(a, 1),
     "b was added along the rows: b[o] belongs to output channel o, so broadcast it as b[:, None, None]"),
    ("stride-ignored", conv_stride1,
     "this is the output for stride 1: with stride s, output (i, j) reads the window that starts at "
     "row i * s and column j * s, and there are conv_output_size(n, k, 2 * padding, s) of them per axis"),
    ("stride-wrong", stride_start,
     "the size is right but the windows start at (i, j) instead of (i * stride, j * stride)"),
    ("stride-wrong", lambda a: conv_stride1(a)[:, ::a["stride"], :],
     "the stride is applied to the rows only: the window moves by stride along the columns too"),
    ("stride-wrong", lambda a: conv_stride1(a)[:, :, ::a["stride"]],
     "the stride is applied to the columns only: the window moves by stride down the rows too"),
    ("no-padding", lambda a: conv_ok(a, padding=0),
     "the padding is missing: add `padding` rows of zeros at the top AND the bottom, and `padding` "
     "columns at the left AND the right, before sliding the kernel"),
    ("padding-once", lambda a: conv_pads(a, (a["padding"], 0, a["padding"], 0)),
     "the output is cut short, as if zeros were added only at the top and left: padding puts `padding` "
     "zeros on EACH side, so the padded image is (H + 2 * padding) x (W + 2 * padding) and the total "
     "padding in the size formula is p = 2 * padding"),
    ("padding-once", lambda a: conv_pads(a, (0, a["padding"], 0, a["padding"])),
     "zeros were added only at the bottom and right: padding puts `padding` zeros on EACH side, so the "
     "padded image is (H + 2 * padding) x (W + 2 * padding)"),
    ("padding-twice", lambda a: conv_ok(a, padding=2 * a["padding"]),
     "2 * padding zeros were added on each side: `padding` is already the count per side (the total "
     "p = 2 * padding only goes into the size formula)"),
    ("padding-not-zero", lambda a: conv(a["X"], a["K"], a["b"], (a["stride"],) * 2, (a["padding"],) * 4,
                                         mode="edge"),
     "the border was padded by repeating the edge pixels: pad with zeros (np.pad's default "
     "mode='constant')"),
    ("padding-not-zero", lambda a: conv(a["X"], a["K"], a["b"], (a["stride"],) * 2, (a["padding"],) * 4,
                                         mode="reflect"),
     "the border was padded by reflection: pad with zeros (np.pad's default mode='constant')"),
    ("int-output", int_output,
     "the values were truncated to integers: the image has integer pixels, but the output must be float "
     "(allocate it with dtype=float, not np.zeros_like(X))"),
]


def pool_mistakes(reduce: str) -> list[Mistake]:
    """Mistakes of max pooling (``reduce="max"``) or average pooling (``"mean"``)."""
    other = {"max": "the maximum", "mean": "the mean"}[reduce]
    common: list[Mistake] = [
        ("stride-wrong", lambda a: pool(a["X"], a["size"], a["size"], reduce),
         "the windows moved by `size`, not by `stride`: window (i, j) starts at row i * stride and "
         "column j * stride (windows overlap when stride < size and leave gaps when stride > size)"),
        ("stride-ignored", lambda a: pool(a["X"], a["size"], 1, reduce),
         "this is the output for stride 1: window (i, j) starts at row i * stride and column j * stride"),
        ("stride-wrong", lambda a: pool(a["X"], a["size"], 1, reduce)[
            :, :_size(np.shape(a["X"])[1], a["size"], 0, a["stride"]),
            :_size(np.shape(a["X"])[2], a["size"], 0, a["stride"])],
         "the size is right but the windows start at (i, j) instead of (i * stride, j * stride)"),
        ("stride-wrong", lambda a: crop_like(pool(a["X"], a["size"], a["size"], reduce),
                                              pool(a["X"], a["size"], a["stride"], reduce)),
         "the size is right but window (i, j) starts at (i * size, j * size): it starts at row i * stride "
         "and column j * stride"),
        ("partial-window", lambda a: pool(a["X"], a["size"], a["stride"], reduce, ceil=True),
         "there are windows that stick out past the bottom or right edge: pooling has no padding, so only "
         "whole windows count and the output size is conv_output_size(H, size, 0, stride)"),
        ("channels-mixed", lambda a: across_channels(pool(a["X"], a["size"], a["stride"], reduce), reduce, False),
         f"the channels were pooled together: take {other} of each window in each channel on its own, "
         "the output keeps all C channels"),
        ("channels-mixed", lambda a: across_channels(pool(a["X"], a["size"], a["stride"], reduce), reduce, True),
         f"every channel got the same values, {other} over all channels of the window: pool each channel "
         "on its own"),
    ]
    if reduce == "max":
        return common + [
            ("abs", lambda a: pool(a["X"], a["size"], a["stride"], "absmax"),
             "this is the largest absolute value: max pooling takes the largest value itself, negative "
             "entries stay negative"),
            ("abs", lambda a: signed_absmax(a["X"], a["size"], a["stride"]),
             "this is the entry of largest absolute value: max pooling takes the largest value (for "
             "-5 and 2 that is 2)"),
            ("zero-start", lambda a: np.maximum(pool(a["X"], a["size"], a["stride"], "max"), 0.0),
             "windows of negative numbers give 0: a running maximum must start at the first entry of the "
             "window (or -inf), not at 0"),
        ]
    return common + [
        ("sum", lambda a: pool(a["X"], a["size"], a["stride"], "sum"),
         "this is the sum of each window: average pooling divides it by the number of entries, size * size"),
        ("divisor", lambda a: pool(a["X"], a["size"], a["stride"], "sum") / a["size"],
         "divided by size: a size x size window holds size * size entries"),
        ("divisor", lambda a: pool(a["X"], a["size"], a["stride"], "sum") / (a["stride"] ** 2),
         "divided by stride * stride: a window holds size * size entries, whatever the stride"),
        ("int-output", lambda a: np.trunc(pool(_integers(a["X"]), a["size"], a["stride"], "mean")),
         "the means were truncated to integers: allocate the output as float (np.zeros_like of an integer "
         "image is an integer array)"),
        ("int-output", lambda a: pool(_integers(a["X"]), a["size"], a["stride"], "sum") // (a["size"] ** 2),
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

def sizes_case(rng: np.random.Generator, kind: str) -> tuple:
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
        if kind == "whole-input" or distinguishable(n, k, p, s):
            return n, k, p, s


def distinguishable(n: int, k: int, p: int, s: int) -> bool:
    """The classic mistakes give values that differ from each other (wherever they differ from the
    right one), so the message can name the mistake."""
    right = _size(n, k, p, s)
    wrong = [float(f({"n": n, "k": k, "p": p, "s": s})) for _, f, _ in SIZE_MISTAKES]
    wrong = [v for v in wrong if v != right]
    return len(set(wrong)) == len(wrong)


def conv_inputs(c_in: int, c_out: int, H: int, W: int, kh: int, kw: int, bias: bool = True,
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


def pool_inputs(C: int, H: int, W: int, size: int, stride: int, kind: str = "normal",
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


def pool_advice(op: str) -> dict[str, str]:
    return {
        "shape": "the output is (C, H_out, W_out): conv_output_size(H, size, 0, stride) rows and "
                 "conv_output_size(W, size, 0, stride) columns per channel; H and W may differ",
        "exception": "X is (C, H, W) with H != W allowed; window (i, j) of channel c is "
                     "X[c, i*stride : i*stride + size, j*stride : j*stride + size]",
        "value": f"output[c, i, j] is {op} of the size x size window of channel c that starts at row "
                 "i * stride, column j * stride",
        "modified": "compute into a new array; never write into X",
    }


def size_case(name: str, kind: str, about: str) -> Case:
    return Case(f"conv_output_size/{name}", "conv_output_size", known_mistakes(SIZE_MISTAKES, **EXACT),
                inputs=lambda rng: sizes_case(rng, kind), about=about, messages=SIZE_ADVICE)


def conv_case(name: str, about: str, maker: Callable, advice: dict | None = None, **kw: Any) -> Case:
    return Case(f"conv2d/{name}", "conv2d", known_mistakes(CONV_MISTAKES), inputs=maker, about=about,
                messages=advice or CONV_ADVICE, **kw)


def pool_case(target: str, name: str, about: str, maker: Callable) -> Case:
    reduce, op = ("max", "the maximum") if target == "max_pool2d" else ("mean", "the mean")
    return Case(f"{target}/{name}", target, known_mistakes(pool_mistakes(reduce)), inputs=maker,
                about=about, messages=pool_advice(op))


def pool_cases(target: str, own: list[Case]) -> list[Case]:
    """The cases both poolings share (two public, three hidden window layouts), then ``own``."""
    op = "the maximum" if target == "max_pool2d" else "the mean"
    return [
        Case(f"{target}/2x2", target, Close(REF), inputs=pool_inputs(2, 4, 6, 2, 2), public=True,
             about="2 channels 4x6, size 2, stride 2", messages=pool_advice(op)),
        Case(f"{target}/overlapping", target, Close(REF), inputs=pool_inputs(1, 7, 5, 3, 2), public=True,
             about="one channel 7x5, size 3, stride 2 (windows overlap)", messages=pool_advice(op)),
        pool_case(target, "overlap", "3 channels 9x7, size 3, stride 2", pool_inputs(3, 9, 7, 3, 2)),
        pool_case(target, "gaps", "2 channels 8x11, size 2, stride 3 (gaps between windows)",
                   pool_inputs(2, 8, 11, 2, 3)),
        pool_case(target, "not-divisible", "2 channels 7x9, size 2, stride 2 (a row and a column left over)",
                   pool_inputs(2, 7, 9, 2, 2)),
        *own,
    ]


def count_case(name: str, about: str, maker: Callable) -> Case:
    return Case(f"conv_param_count/{name}", "conv_param_count", known_mistakes(COUNT_MISTAKES, **EXACT),
                inputs=maker, about=about,
                messages={"value": "one filter has c_in * kh * kw weights and one bias; there are c_out filters"})


def distinct(rng: np.random.Generator, k: int, low: int, high: int) -> list[int]:
    return [int(v) for v in rng.choice(np.arange(low, high), size=k, replace=False)]


def count_inputs(rng: np.random.Generator, kind: str) -> tuple:
    if kind == "non-square":
        c_in, c_out = distinct(rng, 2, 2, 65)
        kh, kw = distinct(rng, 2, 1, 8)
    elif kind == "one-by-one":
        c_in, c_out = distinct(rng, 2, 8, 513)
        kh = kw = 1
    elif kind == "grey":
        c_in, c_out, kh, kw = 1, int(rng.integers(4, 65)), *distinct(rng, 2, 2, 8)
    else:  # a wide layer
        c_in, c_out = distinct(rng, 2, 64, 513)
        kh = kw = 3
    return c_in, c_out, kh, kw
