"""Case table of week 03_backprop: derivatives, deltas, backprop, gradient checking, SGD, training.

Hidden cases compare with the reference and, when a value is wrong, test the output against the
classic mistakes (sign of the output delta, s(1-s) applied to z, W instead of W.T, sums instead
of means, one-sided differences...) so the message names what went wrong. Layers are never
square unless a case says so, batches have more rows than any layer has units, and inputs come
from the per-student generator. Training is judged in the trusted parent: the digits test split
never leaves it.
"""
from __future__ import annotations

import numpy as np

from nnlab.cases import Args, Case
from nnlab.judge import REF, Close, Custom, Form
from nnlab.judge_variants import variant_answer, variant_letter
from nnlab.mistakes import known_mistakes
from nnlab.trusted import XOR_X
from nnlab.markers import generator, scalar_fn

from .helpers import (
    judge_minibatches, judge_same_shuffle, judge_train_accuracy, judge_loss_curve,
    judge_final_loss, bp_inputs, bp_mistakes, BP_NAMES, BP_MESSAGES, squared_inputs, ce_inputs,
    hd_inputs, hd_mistakes, lg_inputs, lg_mistakes, LG_MESSAGES, ng_mistakes, poly, sgd_inputs,
    sgd_mistakes, digits_split, XOR_Y, DIGITS_BUDGET, DIGITS_EPOCHS, DIGITS_ACCURACY, blob_inputs,
    large_batches, letter_quiz, my_bias_grad, my_relu_square_grad, my_partial_w1,
    partial_w1_mistakes, SIGMOID_GRAD_MISTAKES, RELU_GRAD_MISTAKES, nb_inputs, nb_mistakes,
    od_mistakes)

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
    Case("neuron_backprop/y1", "neuron_backprop", known_mistakes(nb_mistakes(), names=("loss", "grad_w")),
         inputs=nb_inputs(1), about="a random point with y=1"),
    Case("neuron_backprop/y0", "neuron_backprop", known_mistakes(nb_mistakes(), names=("loss", "grad_w")),
         inputs=nb_inputs(0), about="a random point with y=0"),

    # ---- output deltas
    Case("output_delta/public-squared", "output_delta", Close(REF), public=True,
         inputs=lambda rng: (np.array([[0.8, 0.3], [0.1, 0.6], [0.5, 0.9]]),
                             np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]), "squared"),
         about="3 sigmoid outputs, squared error"),
    Case("output_delta/public-cross-entropy", "output_delta", Close(REF), public=True,
         inputs=lambda rng: (np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]]),
                             np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), "cross_entropy"),
         about="2 softmax outputs, cross-entropy"),
    Case("output_delta/squared", "output_delta", known_mistakes(od_mistakes()), inputs=squared_inputs,
         about="sigmoid outputs with squared error"),
    Case("output_delta/cross-entropy", "output_delta", known_mistakes(od_mistakes()), inputs=ce_inputs,
         about="softmax outputs with cross-entropy"),

    # ---- hidden deltas
    Case("hidden_delta/public", "hidden_delta", Close(REF), public=True,
         inputs=lambda rng: (np.array([[0.5, -1.0], [0.25, 0.0], [1.0, 2.0]]),
                             np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.5]]),
                             np.array([[0.0, 1.0, -2.0], [0.5, -0.5, 3.0], [1.0, 0.0, -1.0]]), "sigmoid"),
         about="3 rows, 2 units above, 3 units here, sigmoid"),
    Case("hidden_delta/sigmoid", "hidden_delta", known_mistakes(hd_mistakes()), inputs=hd_inputs("sigmoid"),
         about="non-square W_next, sigmoid",
         messages={"exception": "delta_next is (n, m_next), W_next is (m_next, m): delta_next @ W_next is "
                                "(n, m) like Z, with no transpose"}),
    Case("hidden_delta/relu", "hidden_delta", known_mistakes(hd_mistakes()), inputs=hd_inputs("relu"),
         about="non-square W_next, relu",
         messages={"exception": "delta_next @ W_next has the shape of Z; relu'(Z) is 1 where Z > 0"}),
    Case("hidden_delta/tanh", "hidden_delta", known_mistakes(hd_mistakes()), inputs=hd_inputs("tanh"),
         about="non-square W_next, tanh",
         messages={"exception": "tanh'(Z) = 1 - tanh(Z)**2; delta_next @ W_next has the shape of Z"}),
    Case("hidden_delta/square", "hidden_delta", known_mistakes(hd_mistakes()), inputs=hd_inputs("sigmoid", square=True),
         about="a square W_next, sigmoid"),

    # ---- gradients of one layer
    Case("layer_gradients/public", "layer_gradients", Close(REF, names=("dW", "db")), public=True,
         inputs=lambda rng: (np.array([[1.0, -1.0], [0.5, 0.0], [0.0, 2.0]]),
                             np.array([[1.0, 2.0, 0.0, -1.0], [0.0, 1.0, 1.0, 0.0], [2.0, 0.0, 1.0, 1.0]])),
         about="3 rows, 2 units, 4 inputs", messages=LG_MESSAGES),
    Case("layer_gradients/batch", "layer_gradients", known_mistakes(lg_mistakes(), names=("dW", "db")),
         inputs=lg_inputs(), about="a batch, non-square", messages=LG_MESSAGES),
    Case("layer_gradients/one-row", "layer_gradients", known_mistakes(lg_mistakes(), names=("dW", "db")),
         inputs=lg_inputs(n=1), about="a batch of one row", messages=LG_MESSAGES),
    Case("layer_gradients/scales", "layer_gradients", known_mistakes(lg_mistakes(), rtol=1e-6, atol=1e-12,
                                                                  names=("dW", "db")),
         inputs=lg_inputs(scales=True), about="rows of very different sizes", messages=LG_MESSAGES),

    # ---- full backprop
    Case("backprop/public", "backprop", Close(REF, rtol=1e-5, atol=1e-8, names=BP_NAMES), public=True,
         inputs=lambda rng: Args(np.array([[1.0, -1.0, 0.5], [0.0, 2.0, -0.5], [1.5, 0.5, 1.0], [-1.0, 0.0, 2.0]]),
                                 np.array([0, 1, 1, 0]),
                                 [(np.array([[0.5, -0.5, 1.0], [1.0, 0.5, -1.0], [-0.5, 1.0, 0.5], [0.2, 0.3, -0.4]]),
                                   np.array([0.1, -0.1, 0.0, 0.2])),
                                  (np.array([[1.0, -1.0, 0.5, 0.0], [-0.5, 0.5, 1.0, 1.0]]), np.array([0.0, 0.1]))],
                                 "sigmoid"),
         about="3 inputs, 4 sigmoid units, 2 classes, 4 rows", messages=BP_MESSAGES),
    Case("backprop/1-layer", "backprop", known_mistakes(bp_mistakes(), 1e-5, 1e-8, BP_NAMES), inputs=bp_inputs(1),
         about="one layer (softmax regression)", messages=BP_MESSAGES),
    *[Case(f"backprop/{layers}-layers-{act}", "backprop", known_mistakes(bp_mistakes(), 1e-5, 1e-8, BP_NAMES),
           inputs=bp_inputs(layers, act), about=f"{layers} layers, {act}", messages=BP_MESSAGES)
      for layers in (2, 3) for act in ("sigmoid", "relu", "tanh")],
    Case("backprop/default-activation", "backprop", known_mistakes(bp_mistakes(), 1e-5, 1e-8, BP_NAMES),
         inputs=bp_inputs(2, None), about="2 layers, activation left at its default (sigmoid)",
         messages=BP_MESSAGES),
    Case("backprop/square-layers", "backprop", known_mistakes(bp_mistakes(square=True), 1e-5, 1e-8, BP_NAMES),
         inputs=bp_inputs(3, "tanh", square=True), about="3 square layers, tanh", messages=BP_MESSAGES),
    Case("backprop/one-row", "backprop", known_mistakes(bp_mistakes(), 1e-5, 1e-8, BP_NAMES),
         inputs=bp_inputs(2, "sigmoid", n=1), about="a batch of one row", messages=BP_MESSAGES),
    Case("backprop/scales", "backprop", known_mistakes(bp_mistakes(), 1e-5, 1e-9, BP_NAMES),
         inputs=bp_inputs(2, "relu", scales=True), about="rows of very different sizes, relu",
         messages=BP_MESSAGES),
    Case("backprop/missing-top-class", "backprop", known_mistakes(bp_mistakes(), 1e-5, 1e-8, BP_NAMES),
         inputs=bp_inputs(2, "sigmoid", top_class_missing=True), about="labels that skip the last class",
         messages={**BP_MESSAGES, "exception": "take the number of classes K from the last layer's weights "
                                               "(W.shape[0]), not from y.max() + 1: a batch need not "
                                               "contain every class",
                   "shape": "take the number of classes K from the last layer (W.shape[0]), not from y"}),

    # ---- gradient checking
    Case("numerical_gradient/public", "numerical_gradient", Close(REF, rtol=1e-6, atol=1e-7), public=True,
         inputs=lambda rng: (scalar_fn("poly", a=np.array([1.0, -0.5, 2.0]), b=np.array([3.0, 1.0, -2.0]),
                                               c=np.array([0.0, 1.0, 0.5])), np.array([0.5, -1.0, 2.0])),
         about="a cubic in 3 variables"),
    Case("numerical_gradient/one-sided", "numerical_gradient", known_mistakes(ng_mistakes(), 1e-7, 1e-7),
         inputs=lambda rng: (poly(rng, (5,)), rng.normal(size=5) * 2, 1e-2),
         about="a cubic with eps=1e-2"),
    Case("numerical_gradient/matrix", "numerical_gradient", known_mistakes(ng_mistakes(), 1e-6, 1e-7),
         inputs=lambda rng: (poly(rng, (3, 4)), rng.normal(size=(3, 4))), about="a 3x4 matrix x",
         messages={"shape": "return an array shaped like x (3x4 here): loop over every entry, e.g. with "
                            "np.ndindex(x.shape)"}),
    Case("numerical_gradient/sin", "numerical_gradient", known_mistakes(ng_mistakes(), 1e-7, 1e-8),
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
    Case("sgd_step/3-layers", "sgd_step", known_mistakes(sgd_mistakes(), names=BP_NAMES), inputs=sgd_inputs(3),
         about="3 layers", messages={"modified": "build new arrays (W - lr * dW); W -= ... changes the caller's weights"}),
    Case("sgd_step/lists", "sgd_step", known_mistakes(sgd_mistakes(), names=BP_NAMES),
         inputs=sgd_inputs(2, as_lists=True), about="params given as lists [W, b]",
         messages={"modified": "build new arrays (W - lr * dW); W -= ... changes the caller's weights"}),

    # ---- minibatches (any shuffle order is fine; the public check looks at the batch sizes only)
    Case("minibatches/public-form", "minibatches", Form([3, 4]), public=True, points=0,
         inputs=lambda rng: (12, 4, generator(0)), about="n=12, batch_size=4 (3 batches of 4 indices)"),
    Case("minibatches/public-last-smaller", "minibatches", Close((3, 4, list(range(10))), rtol=0, atol=0),
         function="minibatch_summary", public=True, points=0, inputs=lambda rng: (10, 4, 0),
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
         inputs=lambda rng: large_batches(rng),
         about="n in the thousands"),

    # ---- training, judged with the trusted forward pass
    Case("train_mlp/public-shapes", "train_mlp",
         Close((3, [((3, 2), (3,)), ((2, 3), (2,))], True), rtol=0, atol=0), function="train_mlp_summary",
         public=True, points=0,
         inputs=lambda rng: Args(XOR_X, XOR_Y, [2, 3, 2], lr=0.5, epochs=3, batch_size=2, seed=0),
         about="XOR, layers [2, 3, 2], 3 epochs (one loss per epoch; W of shape (units out, inputs in); "
               "the last loss over the whole training set)",
         messages={"value": "the last entry of loss_per_epoch must be the loss over the whole training set "
                            "after the last epoch, not the loss of the last minibatch"}),
    Case("train_mlp/whole-set-loss", "train_mlp", Custom(judge_final_loss), inputs=blob_inputs("sigmoid", 6),
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
         inputs=blob_inputs("relu", 30), timeout=30, about="3 clouds of points, relu, 30 epochs"),
    Case("train_mlp/loss-per-epoch", "train_mlp", Custom(judge_loss_curve), inputs=blob_inputs("tanh", 12),
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
    letter_quiz("answer_gd_blanks", "gradient descent computes the gradients of the loss with respect to "
                                     "the parameters"),
    letter_quiz("answer_large_dataset", "full gradient descent touches all 1,000,000 images per step; "
                                         "single-example SGD is noisy and slow on hardware"),
    # the lecture's own numbers are practice (their keys are in the slides); the personal ones carry the points
    Case("answer_relu_square_grad/value", "answer_relu_square_grad", Close(REF, rtol=0, atol=1e-6), mode="value",
         points=0, messages={"value": "forward: z, then y_hat = ReLU(z); backward: multiply 2(y_hat - y), ReLU'(z) and "
                             "dz/dw1 = x1, all at the notebook's values"}),
    Case("answer_partial_w1/value", "answer_partial_w1", known_mistakes(partial_w1_mistakes(), rtol=0, atol=2e-3),
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
