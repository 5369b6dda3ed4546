# fails: answer_ce_example/value=value answer_multiclass_output/value=type
# A base-10 logarithm, and a multiple-choice answer given as a word.
import numpy as np

answer_ce_example = float(-np.log10(0.8))
answer_multiclass_output = "Softmax"
