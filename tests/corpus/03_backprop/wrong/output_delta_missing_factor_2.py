# fails: output_delta/public-squared=value output_delta/squared=factor-2
# Differentiates (a - y)^2 as if it had a 1/2 in front.
def output_delta(A, Y, loss):
    A, Y = np.asarray(A, dtype=float), np.asarray(Y, dtype=float)
    if loss == "squared":
        return (A - Y) * A * (1 - A)
    return A - Y
