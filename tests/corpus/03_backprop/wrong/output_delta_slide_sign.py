# fails: output_delta/public-squared=value output_delta/squared=sign
# Copies the slide's 2(y - a) a (1 - a) for squared error.
def output_delta(A, Y, loss):
    A, Y = np.asarray(A, dtype=float), np.asarray(Y, dtype=float)
    if loss == "squared":
        return 2 * (Y - A) * A * (1 - A)
    return A - Y
