"""The product's vocabulary: the survey's fields, the typed round, text, poles, languages,
limits.
"""
