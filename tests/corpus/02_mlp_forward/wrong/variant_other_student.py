# fails: answer_my_param_count/value=variant answer_my_ce_example/value=variant answer_my_multiclass_output/value=variant answer_my_linear_xor/value=variant answer_my_ce_5class/value=variant answer_my_bce/value=variant answer_my_predictions/value=variant
# A notebook carrying someone else's STUDENT_ID (and that student's answer).
STUDENT_ID = "somebody-else"
answer_my_param_count = count_parameters(integers(STUDENT_ID, "param_count", 2, 65, size=4))
