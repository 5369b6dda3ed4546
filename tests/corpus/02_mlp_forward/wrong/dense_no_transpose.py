# fails: dense_forward/basic=exception dense_forward/non-square=exception dense_forward/one-row=exception dense_forward/large-bias=exception mlp_forward/two-layers=exception mlp_forward/one-layer=exception mlp_forward/relu=exception mlp_forward/tanh=exception mlp_forward/sigmoid-deep=exception mlp_forward/row-scales=exception
# X (n, d) @ W (m, d) does not fit: W must be transposed.
def dense_forward(X, W, b):
    return X @ W + b
