"""RAMS (Ebner et al. 2020): who did what to whom across sentences. Each window is five sentences of a news article
with one annotated event and its arguments anywhere in the window; scored on what `dateline extract` prints, with the
rules of the held-out check's scorer (../shared/tools/rams_score.py).

Gold: `<split>.jsonlines` (doc_key, sentences as token lists, evt_triggers, gold_evt_links), for the splits the
folder holds (train, dev, test; every one present unless --split names one). Scored windows: those whose event type
PLOVER codes (knowledge/eval_event_mappings.tsv, scheme rams: attacks, violent deaths and injuries, arrests,
demonstrations). Each window's tokens are joined into text (no space before closing punctuation and clitics, none
after opening brackets and quotes, hyphens between words closed up) and extracted as {id, text}; dateline's cleaned
text is mapped back onto it.

Found: a reported event (any factuality) of the window's PLOVER type whose trigger overlaps the gold trigger, or
whose evidence sentence contains it; a further mention of the event (`mentions[]`: its trigger, its sentence) counts
as the event's, as in the wikievents suite (the held-out check's scorer reads only the main mention, so an event told
twice in a window may count there as missed where it counts here as found). Arguments, on found windows (events whose
trigger overlaps the gold trigger if any, else all found): attacker (attacker, killer, injurer) via the reported
source, target/victim (target, victim; victims given only as a number are casualties and left out) via the
recipient, place via the location (arguments.py);
also shown: jailer and demonstrator via the source, detainee via the recipient. Accuracy per role over found windows
that have the role. RAMS annotates one event per window, so it cannot say which reported events are false: event
precision is measured on wikievents.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.evaluation import Direction, SuiteResult, extract
from dateline.evaluation.arguments import (
    Aligner,
    Record,
    Span,
    any_overlap,
    argument_words,
    bag,
    heads,
    located,
    mapped,
    parties,
    rule_for,
    type_rules,
)
from dateline.evaluation.data import EVERYTHING, PARTS, NoGoldDataError, Selection, part_of
from dateline.evaluation.scoring import format_table
from dateline.records import RawDocument, to_json
from dateline.settings import Settings

SPLITS = ("train", "dev", "test")
# RAMS role -> (the role scored, the field of the reported event it is read from).
ROLES = {
    "attacker": ("attacker", "source"),
    "killer": ("attacker", "source"),
    "injurer": ("attacker", "source"),
    "target": ("target/victim", "recipient"),
    "victim": ("target/victim", "recipient"),
    "place": ("place", "location"),
    "jailer": ("jailer", "source"),
    "detainee": ("detainee", "recipient"),
    "demonstrator": ("demonstrator", "source"),
}
GATED = ("attacker", "target/victim", "place")
NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "…", "...", "”", "’"})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "£", "#", "“", "‘"})
CLITIC = re.compile(r"^(['’](s|S|re|ve|m|d|ll)|n['’]t)$")
HEADLINE: dict[str, Direction] = {
    "found": "higher",
    "roles.attacker.accuracy": "higher",
    "roles.target/victim.accuracy": "higher",
    "roles.place.accuracy": "higher",
}


@dataclass(frozen=True)
class Window:
    id: str  # the gold doc_key
    gold_type: str
    plover: frozenset[str]
    text: str
    token_spans: list[Span]
    trigger: Span
    links: list[Any]  # gold_evt_links: [trigger span, argument span, role]


def detokenize(tokens: Sequence[str]) -> tuple[str, list[Span]]:
    """Text and per-token character spans for a window's tokens."""
    out, spans, quote_open, glue = "", [], False, False
    for i, token in enumerate(tokens):
        previous = tokens[i - 1] if i else ""
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        space = bool(out) and not glue
        glue = False
        if token in NO_SPACE_BEFORE or CLITIC.match(token) or previous in NO_SPACE_AFTER:
            space = False
        if token == '"':
            space = space and not quote_open
            quote_open = not quote_open
            glue = quote_open
        if token == "-" and previous[-1:].isalnum() and following[:1].isalnum():  # "60-year - old" -> "60-year-old"
            space, glue = False, True
        if space:
            out += " "
        spans.append((len(out), len(out) + len(token)))
        out += token
    return out, spans


def _window(row: Record) -> Window | None:
    start, end, types = row["evt_triggers"][0]
    rule = rule_for(types[0][0], type_rules("rams"))
    if rule is None:
        return None
    text, spans = detokenize([token for sentence in row["sentences"] for token in sentence])
    return Window(
        str(row["doc_key"]),
        types[0][0],
        rule.plover,
        text,
        spans,
        (spans[start][0], spans[end][1]),
        list(row.get("gold_evt_links") or []),
    )


def read_rams(path: Path, selection: Selection = EVERYTHING) -> tuple[list[Window], list[str]]:
    """The scored windows of the selected splits and half, in file order; and the splits."""
    present = [split for split in SPLITS if (path / f"{split}.jsonlines").is_file()]
    splits = selection.splits(present, path, "train/dev/test .jsonlines file")
    windows: list[Window] = []
    for split in splits:
        file = path / f"{split}.jsonlines"
        with file.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    window = _window(json.loads(line))
                except (json.JSONDecodeError, KeyError, IndexError, TypeError) as error:
                    raise ValueError(f"{file}:{number}: not a RAMS example ({error!r})") from error
                if window is not None:
                    windows.append(window)
    if not windows:
        raise NoGoldDataError(f"{path}: nothing to score: no window of a type PLOVER codes in {', '.join(splits)}")
    return selection.items(windows, lambda window: window.id, path), splits


# --- Scoring --------------------------------------------------------------------------------------------------


def _gold_arguments(window: Window) -> dict[tuple[str, str], list[Span]]:
    """Gold argument spans by (role scored, reported field)."""
    count = argument_words().count
    found: dict[tuple[str, str], list[Span]] = {}
    for _trigger, (first, last), role in window.links:
        name = re.sub(r"^evt\d+arg\d+", "", role)
        span = (window.token_spans[first][0], window.token_spans[last][1])
        if name not in ROLES or (
            ROLES[name][0] == "target/victim" and count.match(window.text[span[0] : span[1]].strip())
        ):
            continue  # victims given only as a number are casualties
        found.setdefault(ROLES[name], []).append(span)
    return found


def _further_mentions(event: Record) -> list[tuple[Record, Record | None]]:
    """(sentence, trigger) of each mention after the main one (the contract's `mentions[]`, main first)."""
    return [(mention, mention.get("trigger")) for mention in (event.get("mentions") or [])[1:]]


def score_window(window: Window, record: Record) -> tuple[bool, dict[str, tuple[int, int]]]:
    """Whether the window's event was found, and per role (n, right)."""
    cleaned = record["article"]["text"]
    aligner = Aligner(window.text, cleaned)
    start, end = window.trigger
    typed = [
        (event, mapped(aligner, sentence), mapped(aligner, trigger))
        for event in record["events"]
        if event["type"] in window.plover
        for sentence, trigger in [(event["evidence"], event.get("trigger")), *_further_mentions(event)]
    ]
    over = [x for x in typed if x[2] and x[2][0] < end and start < x[2][1]]
    inside = [x for x in typed if x[1] and x[1][0] <= start < x[1][1]]
    candidates = list({id(event): event for event, _, _ in (over or inside)}.values())
    if not candidates:
        return False, {}
    roles: dict[str, tuple[int, int]] = {}
    for (role, field_name), spans in _gold_arguments(window).items():
        head_words = set().union(*[heads(window.text[s:e]) for s, e in spans])

        def right(
            event: Record, spans: list[Span] = spans, head_words: set[str] = head_words, field_name: str = field_name
        ) -> bool:
            for party in parties(event, field_name):
                if any_overlap(located(party, event, cleaned, aligner, None), spans) or head_words & bag(party):
                    return True
            return False

        n, hits = roles.get(role, (0, 0))
        roles[role] = (n + 1, hits + any(right(event) for event in candidates))
    return True, roles


def extract_windows(windows: Sequence[Window], settings: Settings) -> list[Record]:
    """`dateline extract` (in this process) on each window given as {id, text}, as JSON records."""
    raws = [RawDocument(origin=w.id, text=w.text, id=w.id) for w in windows]
    return [to_json(extraction) for extraction in extract(raws, settings)]


def _scores(results: Sequence[tuple[Window, bool, dict[str, tuple[int, int]]]]) -> dict[str, Any]:
    found = sum(1 for _, hit, _ in results if hit)
    roles: dict[str, list[int]] = {}
    by_type: dict[str, list[int]] = {}
    for window, hit, window_roles in results:
        kind = ".".join(window.gold_type.split(".")[:2])
        counts = by_type.setdefault(kind, [0, 0])
        counts[0] += 1
        counts[1] += hit
        for role, (n, right) in window_roles.items():
            total = roles.setdefault(role, [0, 0])
            total[0] += n
            total[1] += right
    return {
        "windows": len(results),
        "found": found / len(results) if results else 0.0,
        "by_type": {kind: {"windows": n, "found": hit / n} for kind, (n, hit) in sorted(by_type.items())},
        "roles": {role: {"accuracy": right / n if n else 0.0, "n": n} for role, (n, right) in sorted(roles.items())},
    }


def score(windows: Sequence[Window], records: Sequence[Record]) -> dict[str, Any]:
    """The scores over all windows and, when both halves were scored, over each half."""
    results = [(w, *score_window(w, r)) for w, r in zip(windows, records, strict=True)]
    scores = _scores(results)
    halves = {part: [result for result in results if part_of(result[0].id) == part] for part in PARTS}
    if all(halves.values()) and len(halves["tune"]) < len(results):
        scores["parts"] = {part: _scores(found) for part, found in halves.items()}
    return scores


def _table(scores: dict[str, Any]) -> str:
    columns = [("all", scores), *scores.get("parts", {}).items()]
    rows: list[list[object]] = [[f"events found (n={scores['windows']})", *(s["found"] for _, s in columns)]]
    for role in sorted(scores["roles"], key=lambda role: (role not in GATED, role)):
        label = f"{role} accuracy (n={scores['roles'][role]['n']}){'' if role in GATED else ', shown'}"
        rows.append([label, *(s["roles"].get(role, {}).get("accuracy") for _, s in columns)])
    table = format_table(["rams", *(name for name, _ in columns)], rows)
    type_rows = [[kind, row["windows"], row["found"]] for kind, row in scores["by_type"].items()]
    return f"{table}\n\n{format_table(['RAMS type', 'windows', 'found'], type_rows)}"


def run(path: Path, settings: Settings, selection: Selection = EVERYTHING) -> SuiteResult:
    """Score events found and their arguments on the selected splits' windows."""
    windows, splits = read_rams(path, selection)
    scores = score(windows, extract_windows(windows, settings))
    notes = [
        selection.describe(splits),
        "rules of the held-out check's scorer (../shared/tools/rams_score.py): windows whose type PLOVER codes only",
        "targets (issue 18/14, held-out test): found >= 0.75, attacker >= 0.60, target/victim >= 0.50, place >= 0.55",
    ]
    return SuiteResult("rams", scores, _table(scores), notes, HEADLINE)
