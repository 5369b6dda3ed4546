# fails: mlp_forward/two-layers=modified mlp_forward/one-layer=modified mlp_forward/relu=modified mlp_forward/tanh=modified mlp_forward/sigmoid-deep=modified mlp_forward/row-scales=modified
# params.pop() takes the output layer out of the caller's list.
import numpy as np


def mlp_forward(X, params, activation="sigmoid"):
    g = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    W_out, b_out = params.pop()
    H = X
    for W, b in params:
        H = g(dense_forward(H, W, b))
    return dense_forward(H, W_out, b_out)
