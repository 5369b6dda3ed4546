# fails: NOT_WEIGHTS/public=value NOT_WEIGHTS/truth-table=value
NOT_WEIGHTS = np.array([0.5, -1.0])
