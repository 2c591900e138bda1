"""Tests of `analysis.deck` and its command."""
