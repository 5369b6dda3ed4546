# passes
# Answers in other accepted forms; the variant answer from the MY_LAYERS cell, as students write it.
import numpy as np

answer_multiclass_output = "c"
answer_linear_xor = "(b)"
answer_param_count = np.int64(529411)
answer_ce_example = 0.2231
answer_my_param_count = count_parameters(MY_LAYERS)
