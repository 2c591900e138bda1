"""Figures from a round: filters, metrics with their base n, trends, peers, regions, comparisons,
diffs.
"""
