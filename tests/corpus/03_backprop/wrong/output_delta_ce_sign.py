# fails: output_delta/public-cross-entropy=value output_delta/cross-entropy=sign
# Target minus prediction: every gradient points uphill, training climbs the loss.
def output_delta(A, Y, loss):
    A, Y = np.asarray(A, dtype=float), np.asarray(Y, dtype=float)
    if loss == "squared":
        return 2 * (A - Y) * A * (1 - A)
    return Y - A
