"""Test helpers shared across test modules (fixture file builders live in `files`)."""
