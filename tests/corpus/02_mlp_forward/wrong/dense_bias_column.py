# fails: dense_forward/basic=exception dense_forward/non-square=exception dense_forward/one-row=shape dense_forward/large-bias=exception
# The bias as a column (m, 1) broadcasts the wrong way against (n, m).
def dense_forward(X, W, b):
    return X @ W.T + b.reshape(-1, 1)
