"""Tests of `analysis.analytics`."""
