# fails: dense_forward/lecture-integers=exception dense_forward/integers=exception
# Adds the bias in place: an integer X @ W.T cannot take a float bias (UFuncOutputCastingError).
def dense_forward(X, W, b):
    Z = X @ W.T
    Z += b
    return Z
