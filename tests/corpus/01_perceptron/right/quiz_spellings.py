# passes
answer_not_true = " c) "
answer_xor_separable = np.bool_(False)
answer_first_epoch_w = np.array([1.0, 1.0, -2.0])
