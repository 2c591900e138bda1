"""Tests of `analysis.awards`."""
