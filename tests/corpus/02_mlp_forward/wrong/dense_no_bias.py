# fails: dense_forward/basic=value dense_forward/non-square=no-bias dense_forward/one-row=no-bias dense_forward/large-bias=no-bias
# The bias is forgotten.
def dense_forward(X, W, b):
    return X @ W.T
