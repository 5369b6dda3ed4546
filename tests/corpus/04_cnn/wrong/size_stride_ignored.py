# fails: conv_output_size/padding-stride=value conv_output_size/floor=stride-ignored conv_output_size/stride-3=stride-ignored conv_output_size/large=stride-ignored
# The stride-1 formula for every stride.
def conv_output_size(n, k, p, s):
    return n - k + p + 1
