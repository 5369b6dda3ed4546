# fails: mlp_forward/two-layers=value mlp_forward/one-layer=input-activation mlp_forward/relu=input-activation mlp_forward/tanh=input-activation mlp_forward/sigmoid-deep=input-activation mlp_forward/row-scales=input-activation
# Activates before every layer, so the input X gets squashed too (the output stays raw).
import numpy as np


def mlp_forward(X, params, activation="sigmoid"):
    g = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    H = X
    for W, b in params:
        H = dense_forward(g(H), W, b)
    return H
