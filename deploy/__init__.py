"""Serving the dashboard: replicas behind nginx (`replicas.py`) and how one process is run
(`serving.py`, which the browser tests and the benchmarks use too)."""
