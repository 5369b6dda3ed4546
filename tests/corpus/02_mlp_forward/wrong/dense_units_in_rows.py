# fails: dense_forward/basic=shape dense_forward/non-square=shape dense_forward/one-row=shape dense_forward/large-bias=shape mlp_forward/two-layers mlp_forward/one-layer mlp_forward/relu mlp_forward/tanh mlp_forward/sigmoid-deep mlp_forward/row-scales
# The lecture's W x + b for a column of samples: the result is (m, n), units in rows.
def dense_forward(X, W, b):
    return W @ X.T + b[:, None]
