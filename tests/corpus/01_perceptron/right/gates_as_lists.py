# passes
AND_WEIGHTS = [2, 2, -3]
OR_WEIGHTS = (3.0, 3.0, -1.0)
NOT_WEIGHTS = [-2, 1]
