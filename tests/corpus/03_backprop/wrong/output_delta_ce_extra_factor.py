# fails: output_delta/public-cross-entropy=value output_delta/cross-entropy=softmax-derivative
# Multiplies the cross-entropy delta by A(1 - A) as for a sigmoid unit.
def output_delta(A, Y, loss):
    A, Y = np.asarray(A, dtype=float), np.asarray(Y, dtype=float)
    if loss == "squared":
        return 2 * (A - Y) * A * (1 - A)
    return (A - Y) * A * (1 - A)
