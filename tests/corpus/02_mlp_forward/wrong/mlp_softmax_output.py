# fails: mlp_forward/two-layers=value mlp_forward/one-layer=softmax-output mlp_forward/relu=softmax-output mlp_forward/tanh=softmax-output mlp_forward/sigmoid-deep=softmax-output mlp_forward/row-scales=softmax-output
# Returns probabilities instead of the raw scores.
import numpy as np


def mlp_forward(X, params, activation="sigmoid"):
    g = {"sigmoid": sigmoid, "relu": relu, "tanh": np.tanh}[activation]
    H = X
    for W, b in params[:-1]:
        H = g(dense_forward(H, W, b))
    W, b = params[-1]
    return softmax(dense_forward(H, W, b))
