# fails: count_parameters/small=value count_parameters/lecture=no-biases count_parameters/one-layer=no-biases count_parameters/two-layers=no-biases count_parameters/deep=no-biases
# Weights only.
def count_parameters(layer_sizes):
    return sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
