# fails: answer_my_ce_5class/value=value
# The lecture's class label read as a 0-based index: the probability of the next class.
_p5 = [integers(STUDENT_ID, f"ce_5class/p{i}", 1, 25) / 100 for i in range(4)]
_p5.append(1 - sum(_p5))
answer_my_ce_5class = float(-np.log(_p5[integers(STUDENT_ID, "ce_5class/label", 1, 6) % 5]))
