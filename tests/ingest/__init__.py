"""Tests of `analysis.ingest`: reading, mapping, cleaning, validation, sheets."""
