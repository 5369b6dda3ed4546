# fails: count_parameters/small=value count_parameters/lecture=input-biases count_parameters/one-layer=input-biases count_parameters/two-layers=input-biases count_parameters/deep=input-biases
# Gives the input layer biases too.
def count_parameters(layer_sizes):
    total = layer_sizes[0]
    for a, b in zip(layer_sizes[:-1], layer_sizes[1:]):
        total += a * b + b
    return total
