"""Run one of ../shared/tools' scorers on the tune or check half of its dev split (the COMMON split rule).

Usage: PYTHONPATH=$PWD .venv/bin/python scripts/score_half.py wikievents|rams tune|check
An item (WikiEvents article by doc_id, RAMS window by doc_key) is in the check half when
int(sha1(id).hexdigest(), 16) % 2 == 1, else in the tune half. The scorer's own code runs unchanged apart from that
filter on the items it reads; `dateline extract` is whatever the settings say (DATELINE_EVENT_MODEL=none for rules
alone). Nothing of the data is copied: the scorer reads ../shared/eval at run time.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent.parent / "shared" / "tools"
# (scorer file, the line that reads the items, the filter put after it, the name of an item's id)
SCORERS = {
    "wikievents": ("wikievents_score.py", 'docs = [json.loads(l) for l in open(root / f"{split}.jsonl")]', "docs"),
    "rams": ("rams_score.py", "    plover = selected(types[0][0])", "window"),
}


def half(item_id: str) -> str:
    return "check" if int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 2 == 1 else "tune"


def main(scorer: str, part: str) -> None:
    name, anchor, kind = SCORERS[scorer]
    source = (TOOLS / name).read_text(encoding="utf-8")
    if anchor not in source:
        raise SystemExit(f"{name} changed: cannot find where it reads its items")
    if kind == "docs":
        patch = f'{anchor}\ndocs = [d for d in docs if _half(d["doc_id"]) == "{part}"]'
    else:
        patch = f'{anchor}\n    if _half(x["doc_key"]) != "{part}":\n        continue'
    sys.path.insert(0, str(TOOLS))
    sys.argv = [str(TOOLS / name)]
    namespace = {"__name__": "__main__", "__file__": str(TOOLS / name), "_half": half}
    exec(compile(source.replace(anchor, patch, 1), str(TOOLS / name), "exec"), namespace)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in SCORERS or sys.argv[2] not in ("tune", "check"):
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
