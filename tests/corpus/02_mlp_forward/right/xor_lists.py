# passes
# Other XOR weights, as plain lists of lists: h1 = relu(x1 - x2), h2 = relu(x2 - x1), out = h1 + h2 - 0.5.
def xor_params():
    return [[[[1, -1], [-1, 1]], [0, 0]],
            [[[1, 1]], [-0.5]]]
