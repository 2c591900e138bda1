"""Tests of `analysis.core` and the import contracts."""
