# fails: answer_my_gate_circuit/value=value
# The personal circuit wired with the student's own gates, but each NOT put in front of the other input
# of its gate (x2 where the circuit says NOT x1, and the other way round).
def gate(weights, *inputs):
    return perceptron_predict(weights, np.column_stack(inputs))

rows = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
weights = {"AND": AND_WEIGHTS, "OR": OR_WEIGHTS}
moved = [MY_NEGATED[1], MY_NEGATED[0], MY_NEGATED[3], MY_NEGATED[2]]
inputs = [gate(NOT_WEIGHTS, rows[:, i % 2]) if negated else rows[:, i % 2] for i, negated in enumerate(moved)]
answer_my_gate_circuit = list(gate(weights[MY_OUTER], gate(weights[MY_INNER], inputs[0], inputs[1]),
                                   gate(weights[MY_INNER], inputs[2], inputs[3])))
