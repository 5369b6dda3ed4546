# passes
# Quiz answers in other accepted forms; the variant from the MY_... variables, as students write it.
import numpy as np

answer_out_size = np.int64(55)
answer_alexnet_conv1_params = 96 * (11 * 11 * 3) + 96
answer_my_out_size = conv_output_size(MY_N, MY_K, 2 * MY_PADDING, MY_STRIDE)
