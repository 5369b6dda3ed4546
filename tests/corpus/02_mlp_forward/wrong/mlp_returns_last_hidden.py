# fails: mlp_forward/two-layers=shape mlp_forward/one-layer=shape mlp_forward/relu=shape mlp_forward/tanh=shape mlp_forward/sigmoid-deep=shape mlp_forward/row-scales=shape
# Runs the hidden layers and forgets the output layer.
import numpy as np


def mlp_forward(X, params, activation="sigmoid"):
    g = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    H = X
    for W, b in params[:-1]:
        H = g(dense_forward(H, W, b))
    return H
