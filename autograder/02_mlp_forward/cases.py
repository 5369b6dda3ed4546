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

import numpy as np

from nnlab.cases import Args, Case
from nnlab.judge import REF, Close, Custom, Form, Letter
from nnlab.judge_variants import variant_answer, variant_letter
from nnlab.mistakes import known_mistakes
from nnlab.trusted import XOR_X, layer_params

from .helpers import (
    negative_scores_hint, xor_judge, my_layers, my_p, my_predictions, my_ce_5class, my_bce, count,
    draw_sizes, extreme, dense, dense_integers, mlp, softmax_rows, probs, ce_zeros, unsorted_labels,
    bce_saturated, bce, NO_BIAS, MLP_MISTAKES, SOFTMAX_MISTAKES, CE_MISTAKES, BCE_MISTAKES,
    COUNT_MISTAKES, DENSE_ADVICE, INTEGER_ADVICE, SIGMOID_ADVICE)

CASES = [
    # --- sigmoid -------------------------------------------------------------------------------
    Case("sigmoid/matrix", "sigmoid", Close(REF), inputs=lambda rng: (rng.normal(size=(3, 4)) * 3,),
         public=True, about="a 3x4 matrix of moderate values"),
    Case("sigmoid/extreme", "sigmoid", Close(REF), inputs=extreme, warning_free=True,
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
    Case("dense_forward/integers", "dense_forward", known_mistakes(NO_BIAS), inputs=dense_integers,
         about="integer X (pixels 0..16) and W, a bias of halves", messages={"exception": INTEGER_ADVICE}),
    Case("dense_forward/non-square", "dense_forward", known_mistakes(NO_BIAS), inputs=dense,
         about="X (n, d) and W (m, d) with n, d, m all different",
         messages={"exception": DENSE_ADVICE,
                   "shape": "one row per sample, one column per unit: X @ W.T + b has shape (n, m)"}),
    Case("dense_forward/one-row", "dense_forward", known_mistakes(NO_BIAS), inputs=lambda rng: dense(rng, n=1),
         about="a batch of one row",
         messages={"shape": "keep the batch axis: one row in gives a (1, m) array out"}),
    Case("dense_forward/large-bias", "dense_forward", known_mistakes(NO_BIAS),
         inputs=lambda rng: dense(rng, bias_scale=100.0), about="large biases",
         messages={"exception": DENSE_ADVICE}),

    # --- mlp_forward ---------------------------------------------------------------------------
    Case("mlp_forward/two-layers", "mlp_forward", Close(REF),
         inputs=lambda rng: Args(rng.normal(size=(4, 3)), layer_params(rng, [3, 5, 2])), public=True,
         about="2 layers (3 -> 5 -> 2), default activation"),
    Case("mlp_forward/one-layer", "mlp_forward", known_mistakes(MLP_MISTAKES, hint=negative_scores_hint),
         inputs=lambda rng: mlp(rng, 1, "relu"), about="a single layer (no hidden layer)",
         messages={"value": "with one layer there is no hidden layer: the output is X @ W.T + b"}),
    Case("mlp_forward/relu", "mlp_forward", known_mistakes(MLP_MISTAKES, hint=negative_scores_hint),
         inputs=lambda rng: mlp(rng, 2, "relu"), about="2 layers with activation='relu'"),
    Case("mlp_forward/tanh", "mlp_forward", known_mistakes(MLP_MISTAKES, hint=negative_scores_hint),
         inputs=lambda rng: mlp(rng, 3, "tanh", keyword=False), about="3 layers with tanh (positional)"),
    Case("mlp_forward/sigmoid-deep", "mlp_forward", known_mistakes(MLP_MISTAKES, hint=negative_scores_hint),
         inputs=lambda rng: mlp(rng, 4, None), about="4 layers, default activation"),
    Case("mlp_forward/row-scales", "mlp_forward", known_mistakes(MLP_MISTAKES, hint=negative_scores_hint),
         inputs=lambda rng: mlp(rng, 3, "sigmoid", row_scales=True),
         about="3 sigmoid layers on rows of very different scale (1e-3 to 1e3)",
         messages={"nan": "a hidden layer's sigmoid overflowed: make sigmoid stable for large |z|"}),

    # --- xor_params ----------------------------------------------------------------------------
    Case("xor_params/truth-table", "xor_params", Custom(xor_judge), points=2,
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
         warning_free=True, inputs=softmax_rows,
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
    Case("one_hot/unsorted", "one_hot", Close(REF), inputs=unsorted_labels,
         about="unsorted labels with gaps, K = 6",
         messages={"value": "row i has its 1 in column y[i] itself (the label is the column index)"}),
    Case("one_hot/single", "one_hot", Close(REF), inputs=lambda rng: (np.array([int(rng.integers(1, 3))]), 4),
         about="a single label", messages={"shape": "one label gives a (1, K) matrix"}),

    # --- cross_entropy -------------------------------------------------------------------------
    Case("cross_entropy/basic", "cross_entropy", Close(REF),
         inputs=lambda rng: (probs(rng, 4, 3), rng.integers(0, 3, size=4)), public=True,
         about="4 rows of 3 probabilities"),
    Case("cross_entropy/n-not-K", "cross_entropy", known_mistakes(CE_MISTAKES),
         inputs=lambda rng: (probs(rng, 7, 4), rng.integers(0, 4, size=7)), about="7 rows of 4 probabilities"),
    Case("cross_entropy/zeros", "cross_entropy", known_mistakes(CE_MISTAKES), inputs=ce_zeros,
         about="probabilities with exact zeros, some at the true class",
         messages={"inf": "log(0) is -inf: clip the probabilities to at least 1e-12 before the log",
                   "nan": "0 * log(0) is nan: take -log P[i, y_i] at the true class only, or clip P first",
                   "value": "a true-class probability of 0 counts as 1e-12: -log(1e-12) = 27.63"}),
    Case("cross_entropy/one-row", "cross_entropy", known_mistakes(CE_MISTAKES),
         inputs=lambda rng: (probs(rng, 1, 5), rng.integers(0, 5, size=1)), about="a batch of one row"),

    # --- binary_cross_entropy ------------------------------------------------------------------
    Case("binary_cross_entropy/basic", "binary_cross_entropy", Close(REF), inputs=lambda rng: bce(rng, 6),
         public=True, about="6 probabilities with labels 0 and 1"),
    Case("binary_cross_entropy/both-labels", "binary_cross_entropy", known_mistakes(BCE_MISTAKES),
         inputs=lambda rng: bce(rng, 11), about="11 probabilities with labels 0 and 1"),
    # rtol 1e-5: clipping 1 - p at 1e-12 instead of p at 1 - 1e-12 changes -log(1e-12) in the 6th digit.
    Case("binary_cross_entropy/saturated", "binary_cross_entropy", known_mistakes(BCE_MISTAKES, rtol=1e-5),
         inputs=bce_saturated, about="p exactly 0 and 1 with both labels",
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
         inputs=lambda rng: (draw_sizes(rng, 3, 2, 200),), about="three sizes (one hidden layer)"),
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
         variant_answer(lambda student: count(my_layers(student)), rtol=0, atol=0), mode="value",
         extra_values=("STUDENT_ID",)),
]
