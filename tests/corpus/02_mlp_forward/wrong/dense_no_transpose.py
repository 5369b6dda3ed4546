# fails: dense_forward/basic=exception dense_forward/non-square=exception dense_forward/one-row=exception dense_forward/large-bias=exception
# X (n, d) @ W (m, d) does not fit: W must be transposed.
def dense_forward(X, W, b):
    return X @ W + b
