# fails: conv_output_size/floor=ceil conv_output_size/stride-3=ceil conv_output_size/large=ceil
# Rounds up: counts a last window that sticks out past the edge.
import math


def conv_output_size(n, k, p, s):
    return math.ceil((n - k + p + s) / s)
