# fails: answer_my_bce/value=value
# The log-likelihood itself, without the minus sign.
_p, _y = integers(STUDENT_ID, "bce/p", 2, 99) / 100, integers(STUDENT_ID, "bce/y", 0, 2)
answer_my_bce = float(_y * np.log(_p) + (1 - _y) * np.log(1 - _p))
