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

from nnlab.cases import Args, Case
from nnlab.judge import REF, Close, Form
from nnlab.judge_variants import variant_answer

from .helpers import (
    EXACT, my_conv1_params, my_out_size, conv_inputs, pool_inputs, SIZE_ADVICE, CONV_ADVICE,
    BIAS_ADVICE, NO_PAD_ADVICE, size_case, conv_case, pool_case, pool_cases, count_case,
    count_inputs)

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
    size_case("stride-1", "stride-1", "stride 1 without padding"),
    size_case("floor", "floor", "a stride that does not divide n - k + p"),
    size_case("odd-total", "odd-total", "an odd total padding p and stride 1"),
    size_case("stride-3", "stride-3", "stride 3 with padding"),
    size_case("whole-input", "whole-input", "a kernel exactly as large as the padded input"),
    size_case("large", "large", "an image of 100 to 300 pixels with stride 4"),

    # --- conv2d --------------------------------------------------------------------------------
    Case("conv2d/one-channel", "conv2d", Close(REF), inputs=conv_inputs(1, 1, 5, 6, 2, 3, bias=False),
         public=True, about="one channel 5x6, one 2x3 kernel, no bias", messages=CONV_ADVICE),
    Case("conv2d/channels-bias", "conv2d", Close(REF), inputs=conv_inputs(2, 3, 5, 4, 2, 3), public=True,
         about="2 input channels 5x4, 3 filters of 2x3, with bias", messages=BIAS_ADVICE),
    Case("conv2d/stride-padding", "conv2d", Close(REF), inputs=conv_inputs(1, 2, 6, 7, 3, 3, stride=2, padding=1),
         public=True, about="one channel 6x7, 2 filters of 3x3, stride=2, padding=1", messages=CONV_ADVICE),
    conv_case("asymmetric-kernel", "one 7x9 channel, 2 asymmetric filters of 3x2, no bias",
               conv_inputs(1, 2, 7, 9, 3, 2, bias=False), NO_PAD_ADVICE),
    conv_case("channel-sum", "3 input channels 6x8, 4 filters of 2x3, no bias",
               conv_inputs(3, 4, 6, 8, 2, 3, bias=False), NO_PAD_ADVICE),
    conv_case("bias", "2 input channels 7x6, 3 filters of 3x3, with bias",
               conv_inputs(2, 3, 7, 6, 3, 3), BIAS_ADVICE),
    conv_case("bias-broadcast", "2 channels 6x7, 4 filters of 3x4 with bias (4x4 output maps)",
               conv_inputs(2, 4, 6, 7, 3, 4), BIAS_ADVICE),
    conv_case("stride-2", "2 channels 9x8, 3 filters of 3x2, stride 2",
               conv_inputs(2, 3, 9, 8, 3, 2, stride=2)),
    conv_case("stride-3-padding-2", "3 channels 10x11, 2 filters of 4x3, stride 3, padding 2",
               conv_inputs(3, 2, 10, 11, 4, 3, stride=3, padding=2)),
    conv_case("padding-1", "2 channels 5x7, 3 filters of 3x3, padding 1",
               conv_inputs(2, 3, 5, 7, 3, 3, padding=1)),
    conv_case("positional", "2 channels 6x5, 2 filters of 2x4, with b, stride 1 and padding 2 passed by position",
               conv_inputs(2, 2, 6, 5, 2, 4, positional=1, stride=1, padding=2)),
    conv_case("one-by-one", "1x1 filters mixing 4 channels of 5x6 into 3",
               conv_inputs(4, 3, 5, 6, 1, 1)),
    conv_case("whole-input", "2 channels 4x5 and 3 filters just as large, stride 2 (one output position)",
               conv_inputs(2, 3, 4, 5, 4, 5, stride=2)),
    conv_case("integer-image",
               "an integer image (pixels 0..16) of 2 channels 7x9, 3 filters of 3x2, stride 2, padding 1",
               conv_inputs(2, 3, 7, 9, 3, 2, integer=True, stride=2, padding=1)),
    conv_case("scales", "3 channels 8x6 and 2 filters of very different scales (1e-2 to 1e2), padding 1",
               conv_inputs(3, 2, 8, 6, 3, 2, scales=True, padding=1)),
    conv_case("moderate", "3 channels of 12x10, 4 filters of 3x3, padding 1 (the largest input)",
               conv_inputs(3, 4, 12, 10, 3, 3, padding=1),
               {**CONV_ADVICE, "timeout": "loop over the output positions (i, j) and compute each window's "
                                          "products for all filters at once with numpy"}),

    # --- max_pool2d ----------------------------------------------------------------------------
    *pool_cases("max_pool2d", [
        pool_case("max_pool2d", "negative", "2 channels 6x8 of negative values only, size 2, stride 2",
                   pool_inputs(2, 6, 8, 2, 2, kind="negative")),
        pool_case("max_pool2d", "keywords", "3 channels 9x10, size=3 and stride=3 as keywords",
                   pool_inputs(3, 9, 10, 3, 3, keywords=True)),
        pool_case("max_pool2d", "subsample", "2 channels 5x8, size 1, stride 2 (subsampling)",
                   pool_inputs(2, 5, 8, 1, 2)),
        pool_case("max_pool2d", "scales", "3 channels 5x6 of very different scales, size 2, stride 1",
                   pool_inputs(3, 5, 6, 2, 1, kind="scales")),
    ]),

    # --- avg_pool2d ----------------------------------------------------------------------------
    *pool_cases("avg_pool2d", [
        pool_case("avg_pool2d", "integer", "an integer image (pixels 0..16), 2 channels 6x9, size 3, stride 3",
                   pool_inputs(2, 6, 9, 3, 3, kind="integer")),
        pool_case("avg_pool2d", "keywords", "2 channels 6x5, size=3 and stride=1 as keywords",
                   pool_inputs(2, 6, 5, 3, 1, keywords=True)),
        pool_case("avg_pool2d", "scales", "3 channels 6x8 of very different scales, size 2, stride 2",
                   pool_inputs(3, 6, 8, 2, 2, kind="scales")),
    ]),

    # --- conv_param_count ----------------------------------------------------------------------
    Case("conv_param_count/small", "conv_param_count", Close(REF, **EXACT), inputs=lambda rng: (1, 2, 3, 3),
         public=True, about="c_in=1, c_out=2, 3x3 kernels"),
    count_case("alexnet", "AlexNet's first layer", lambda rng: Args(3, 96, 11, 11)),
    count_case("non-square", "a layer with kh != kw and c_in != c_out", lambda rng: count_inputs(rng, "non-square")),
    count_case("one-by-one", "a layer of 1x1 kernels", lambda rng: count_inputs(rng, "one-by-one")),
    count_case("grey", "a layer on one input channel, kh != kw", lambda rng: count_inputs(rng, "grey")),
    count_case("keywords", "a wide 3x3 layer, arguments as keywords",
                lambda rng: Args(**dict(zip(("c_in", "c_out", "kh", "kw"), count_inputs(rng, "wide"))))),

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

