# fails: answer_not_true/value=value answer_xor_separable/value=value answer_first_epoch_w/value=value
answer_not_true = "A"
answer_xor_separable = True
answer_first_epoch_w = [1, 2, -1]
