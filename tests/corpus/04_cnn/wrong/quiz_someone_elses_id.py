# fails: answer_my_out_size/value=variant answer_my_conv1_params/value=variant
# Copied a friend's notebook: the variant is right for the friend's STUDENT_ID, not for the submitter.
STUDENT_ID = "friend-of-the-submitter"
answer_my_out_size = conv_output_size(integers(STUDENT_ID, "out_size/n", 20, 100),
                                      integers(STUDENT_ID, "out_size/k", 2, 8),
                                      2 * integers(STUDENT_ID, "out_size/padding", 0, 4),
                                      integers(STUDENT_ID, "out_size/stride", 2, 5))
