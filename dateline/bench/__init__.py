"""Benchmarks: how fast dateline runs, on data generated here (never real text).

- `throughput`: `dateline bench`, the whole pipeline against the spaCy parse alone (the floor), memory, scaling.
- `corpus`: the deterministic benchmark corpus (varied copies of the demo articles).
- `store`: `python -m dateline.bench.store`, writes and queries on a store of synthetic events.
- `web`: `python -m dateline.bench.web`, the REST API under concurrent requests on a synthetic database.
- `synthetic`: synthetic extraction records (also the test and API-check fixtures).
"""
