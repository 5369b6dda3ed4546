# fails: output_delta/public-squared=modified output_delta/public-cross-entropy=modified output_delta/squared=modified output_delta/cross-entropy=modified
# Reuses the caller's A as the result.
def output_delta(A, Y, loss):
    if loss == "squared":
        factor = 2 * A * (1 - A)
        A -= Y
        A *= factor
        return A
    A -= Y
    return A
