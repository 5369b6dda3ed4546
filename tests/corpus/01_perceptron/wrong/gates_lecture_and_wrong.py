# fails: AND_WEIGHTS/public=value AND_WEIGHTS/truth-table=value
AND_WEIGHTS = np.array([1.0, 1.0, -0.5])
