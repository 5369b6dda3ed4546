# fails: conv_param_count/small=value conv_param_count/alexnet=no-bias conv_param_count/non-square=no-bias conv_param_count/one-by-one=no-bias conv_param_count/grey=no-bias conv_param_count/keywords=no-bias
# Counts the weights only.
def conv_param_count(c_in, c_out, kh, kw):
    return c_out * c_in * kh * kw
