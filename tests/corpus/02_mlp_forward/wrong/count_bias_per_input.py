# fails: count_parameters/small=value count_parameters/lecture=bias-side count_parameters/one-layer=bias-side count_parameters/two-layers=bias-side count_parameters/deep=bias-side
# One bias per input unit instead of one per output unit.
def count_parameters(layer_sizes):
    return sum(a * (b + 1) for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
