# fails: answer_my_predictions/value=value
# The predicted classes counted from 1, as the lecture's slides number them.
answer_my_predictions = [int(k) + 1 for k in (np.array([order(STUDENT_ID, f"argmax/{r}", 4) for r in range(3)]) * 1.5 - 2).argmax(axis=1)]
