# fails: mlp_forward/two-layers=value mlp_forward/one-layer=output-activation mlp_forward/relu=output-activation mlp_forward/tanh=output-activation mlp_forward/sigmoid-deep=output-activation mlp_forward/row-scales=output-activation
# The activation follows every layer, the last one too.
import numpy as np


def mlp_forward(X, params, activation="sigmoid"):
    g = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    H = X
    for W, b in params:
        H = g(dense_forward(H, W, b))
    return H
