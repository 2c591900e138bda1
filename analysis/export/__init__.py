"""A round written out again: the canonical workbook, the filtered exports, formula
neutralisation.
"""
