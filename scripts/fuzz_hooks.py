"""schemathesis hooks for `schemathesis run` (SCHEMATHESIS_HOOKS=fuzz_hooks, with this folder on PYTHONPATH): path
parameters drawn from the ids in the JSON file named by DATELINE_FUZZ_IDS (written by scripts/check_api.py with
dateline.bench.fuzz.stored_ids before the server takes the database; see dateline/bench/fuzz.py)."""

import json
import os
from pathlib import Path

import schemathesis

from dateline.bench.fuzz import path_parameter_hook

ids = json.loads(Path(os.environ["DATELINE_FUZZ_IDS"]).read_text(encoding="utf-8"))
schemathesis.hook(path_parameter_hook(ids))
