# passes
# The personal circuit worked out in plain Python logic from the printed MY_OUTER, MY_INNER and
# MY_NEGATED (no perceptron), answered as an array of booleans.
logic = {"AND": lambda a, b: a and b, "OR": lambda a, b: a or b}
outputs = []
for x1, x2 in [(0, 0), (0, 1), (1, 0), (1, 1)]:
    a, b, c, d = (bool(v) != bool(n) for v, n in zip((x1, x2, x1, x2), MY_NEGATED))
    outputs.append(logic[MY_OUTER](logic[MY_INNER](a, b), logic[MY_INNER](c, d)))
answer_my_gate_circuit = np.array(outputs)
