"""Tests of `analysis.sample`."""
