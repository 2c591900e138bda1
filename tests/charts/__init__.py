"""Tests of `analysis.charts`."""
