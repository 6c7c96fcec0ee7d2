"""Benchmark of the site build with synthetic catalogs of 1,000 to 10,000 entries.

Run `python -m bench` from the repository root (about 40 minutes on two processors), or
`python -m bench --quick` for a smoke run of a minute. See docs/performance.md.
"""
