# fails: count_parameters/small=value count_parameters/lecture=neurons count_parameters/one-layer=neurons count_parameters/two-layers=neurons count_parameters/deep=neurons
# Counts units, not parameters.
def count_parameters(layer_sizes):
    return sum(layer_sizes)
