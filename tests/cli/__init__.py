"""Tests of the command line, `python -m analysis`."""
