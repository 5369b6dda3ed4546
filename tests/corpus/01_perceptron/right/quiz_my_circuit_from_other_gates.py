# passes
# Other gate weights than the lecture's, and the personal circuit wired from them with a gate helper
# defined here (the picture cell's is not run when grading), answered as a list of numpy integers.
AND_WEIGHTS = np.array([2.0, 2.0, -3.0])
OR_WEIGHTS = np.array([3.0, 3.0, -1.0])
NOT_WEIGHTS = np.array([-2.0, 1.0])


def gate(weights, *inputs):
    return perceptron_predict(weights, np.column_stack(inputs))


rows = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
weights = {"AND": AND_WEIGHTS, "OR": OR_WEIGHTS}
inputs = [gate(NOT_WEIGHTS, rows[:, i % 2]) if negated else rows[:, i % 2] for i, negated in enumerate(MY_NEGATED)]
answer_my_gate_circuit = list(gate(weights[MY_OUTER], gate(weights[MY_INNER], inputs[0], inputs[1]),
                                   gate(weights[MY_INNER], inputs[2], inputs[3])))
