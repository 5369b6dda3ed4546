# fails: answer_my_bias_grad/value=value
# The batch's deltas summed instead of averaged.
answer_my_bias_grad = (np.array(integers(STUDENT_ID, "bias_grad/delta", -9, 10, size=12)).reshape(4, 3) / 10).sum(axis=0).tolist()
