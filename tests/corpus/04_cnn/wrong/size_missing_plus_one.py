# fails: conv_output_size/no-padding=value conv_output_size/padding-stride=value conv_output_size/stride-1=off-by-one conv_output_size/floor=off-by-one conv_output_size/odd-total=off-by-one conv_output_size/stride-3=off-by-one conv_output_size/whole-input=off-by-one conv_output_size/large=off-by-one
# The index of the last position, not the number of positions.
def conv_output_size(n, k, p, s):
    return (n - k + p) // s
