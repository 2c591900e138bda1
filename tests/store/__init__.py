"""Tests of `analysis.store`."""
