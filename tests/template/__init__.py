"""Tests of `analysis.template`."""
