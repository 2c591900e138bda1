"""Tests of `analysis.export`."""
