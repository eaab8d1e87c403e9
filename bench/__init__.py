"""Benchmarks for The Way Ahead (``make bench``); not part of the test run or the package."""
