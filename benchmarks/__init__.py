"""Benchmarks: speed and accuracy are measured here, never by timed tests."""
