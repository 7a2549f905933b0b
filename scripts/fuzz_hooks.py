"""schemathesis hooks for `schemathesis run` (SCHEMATHESIS_HOOKS=fuzz_hooks, with this folder on PYTHONPATH): path
parameters drawn from the ids of the database named by DATELINE_FUZZ_DB (see dateline/bench/fuzz.py)."""

import os

import schemathesis

from dateline.bench.fuzz import path_parameter_hook, stored_ids

schemathesis.hook(path_parameter_hook(stored_ids(os.environ["DATELINE_FUZZ_DB"])))
