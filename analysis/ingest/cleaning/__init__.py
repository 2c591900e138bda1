"""Typed values from what people type: numbers, booleans, dates, whole columns at once."""
