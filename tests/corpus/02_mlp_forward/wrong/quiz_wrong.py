# fails: answer_multiclass_output/value=value answer_param_count/value=value answer_linear_xor/value=value answer_ce_example/value=value
# Wrong quiz answers: sigmoid, the output biases forgotten, "yes", and the sign of the log.
import numpy as np

answer_multiclass_output = "A"
answer_param_count = 529408
answer_linear_xor = "A"
answer_ce_example = float(np.log(0.8))
