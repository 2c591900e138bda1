"""The synthetic sample round shipped with the product: invented answers whose totals are the
published ones.
"""
