# fails: answer_my_param_count/value=value
# The answer copied from another student's network; this notebook's STUDENT_ID is left alone.
answer_my_param_count = count_parameters(integers("alice", "param_count", 2, 65, size=4))
