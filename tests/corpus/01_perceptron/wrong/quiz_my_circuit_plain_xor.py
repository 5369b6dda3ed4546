# fails: answer_my_gate_circuit/value=value
# The lecture's XOR (OR(AND(x1, NOT x2), AND(NOT x1, x2))) instead of the circuit MY_CIRCUIT prints
# (this student's is OR(AND(NOT x1, NOT x2), AND(x1, x2)): 1, 0, 0, 1).
answer_my_gate_circuit = [0, 1, 1, 0]
