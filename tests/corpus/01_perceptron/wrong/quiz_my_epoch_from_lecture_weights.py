# fails: answer_my_first_epoch_w/value=value
# The personal first epoch worked from the lecture's starting weights instead of MY_W_INIT.
answer_my_first_epoch_w = [1, 1, -2]
