"""The labelled event corpus: templates and hand-written sentences expanded, deterministically, into JSON Lines.

Sources (dateline/knowledge/training/, all written for dateline):
- `event_labels.yaml`: the label bundles (`labels`: a key such as `clash` or `not.modifier` → is-event, PLOVER type,
  mode, ACLED sub-event type, factuality, non-event category) and the slot lists (`slots`: actors, places,
  numbers, weapons, dates ...).
- `event_templates_*.yaml`: `templates`: label key → sentences with slots, expanded into several variants each.
- `event_sentences*.yaml`: `sentences`: label key → fully hand-written sentences, taken once each.

Template syntax: `[[...]]` marks the candidate trigger (exactly one per sentence); `{slot}` draws a value of a slot
list, `{slot#2}` a second, different value of the same list; `{a|b|c}` picks one of the alternatives (no nesting);
`{slot}` and `{a|b}` may sit inside `[[...]]`. The expansion of one template depends only on the seed, its label key
and its own text, so adding a template never changes the others' sentences.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dateline.knowledge.loader import KnowledgeError, entries, knowledge_path, read_yaml, where
from dateline.records import PLOVER_TYPES

TRAINING_DIR = knowledge_path("training")
LABELS_FILE = TRAINING_DIR / "event_labels.yaml"
CORPUS_FILE = TRAINING_DIR / "event_corpus.jsonl"
TEMPLATE_GLOB = "event_templates_*.yaml"
SENTENCE_GLOB = "event_sentences*.yaml"
FILL_DEPTH = 3
VARIANTS = 6  # sentences drawn from each template (fewer when it has fewer distinct fillings)
FACTUALITY = ("asserted", "negated", "hypothetical", "future", "historical")
NOT_EVENT_CATEGORIES = (
    "modifier",  # "Iran-backed militias", "anti-tank rockets"
    "generic",  # "the fight against IS", "any attack on civilians would be a crime"
    "role",  # "protesters", "the attackers"
    "equipment",  # "seized bomb-making material", "a car-bomb workshop"
    "other_sense",  # "set to take the lead of the mission", "a heart attack"
    "aggregate",  # "five attacks every week", "more than 4,100 airstrikes"
    "requested",  # "called for the arrest of the commanders"
    "commentary",  # "fighting is very hard this way"
    "legal",  # "charged with murder", "on trial for the bombing"
    "natural",  # "died of cancer", "a gas explosion at the factory"
)
CORPUS_HEADER = {
    "header": "dateline event corpus",
    "source": "expanded by `dateline train corpus` from dateline/knowledge/training/event_templates_*.yaml and "
    "event_sentences*.yaml (written for dateline; no sentence of any news or evaluation corpus)",
    "licence": "MIT, like the rest of dateline",
    "format": "JSON Lines after this header line: id, text, trigger [start, end) character offsets, event (bool), "
    "plover, mode, acled (ACLED sub-event type or null), factuality, category (non-events), origin (file:line)",
    "known_problems": "synthetic: templated sentences are more regular than news; labels are one writer's reading "
    "of PLOVER and ACLED; slot fillers can make odd pairings (a Nigerian town with an Iraqi force)",
}
_TRIGGER = re.compile(r"\[\[(.+?)\]\]")
_FIELD = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True, slots=True)
class Label:
    """One label bundle of event_labels.yaml."""

    key: str
    event: bool
    plover: str | None
    mode: str | None = None
    acled: str | None = None
    factuality: str = "asserted"
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Example:
    """One corpus line: a sentence, its candidate trigger and the labels."""

    id: str
    text: str
    trigger: tuple[int, int]
    event: bool
    plover: str | None
    mode: str | None
    acled: str | None
    factuality: str
    category: str | None
    origin: str

    @property
    def trigger_text(self) -> str:
        return self.text[self.trigger[0] : self.trigger[1]]


def _label(path: Path, key: str, raw: Any, acled_types: frozenset[str]) -> Label:
    at = where(path, raw)
    if not isinstance(raw, Mapping) or not isinstance(raw.get("event"), bool):
        raise KnowledgeError(f"{at}: label {key!r} needs `event: true|false`")
    label = Label(
        key=key,
        event=raw["event"],
        plover=raw.get("plover"),
        mode=raw.get("mode"),
        acled=raw.get("acled"),
        factuality=raw.get("factuality", "asserted"),
        category=raw.get("category"),
    )
    if label.plover is not None and label.plover not in PLOVER_TYPES:
        raise KnowledgeError(f"{at}: {label.plover!r} is not a PLOVER type")
    if label.event and label.plover is None:
        raise KnowledgeError(f"{at}: an event label needs its PLOVER type")
    if label.acled is not None and label.acled not in acled_types:
        raise KnowledgeError(f"{at}: {label.acled!r} is not an ACLED sub-event type of event_types.yaml")
    if label.factuality not in FACTUALITY:
        raise KnowledgeError(f"{at}: factuality must be one of {', '.join(FACTUALITY)}")
    if label.event == (label.category is not None) or (label.category and label.category not in NOT_EVENT_CATEGORIES):
        raise KnowledgeError(f"{at}: a non-event needs a category of {NOT_EVENT_CATEGORIES}, an event none")
    return label


def acled_sub_event_types() -> frozenset[str]:
    """The 25 ACLED sub-event types, as event_types.yaml spells them."""
    path = knowledge_path("event_types.yaml")
    return frozenset(str(item["sub_event_type"]) for item in read_yaml(path)["acled"])


def load_labels(path: Path = LABELS_FILE) -> tuple[dict[str, Label], dict[str, list[str]]]:
    """The label bundles and slot lists; a bad entry raises with file:line."""
    data = read_yaml(path)
    acled_types = acled_sub_event_types()
    labels = {str(key): _label(path, str(key), raw, acled_types) for key, raw in entries(data.get("labels") or {})}
    slots: dict[str, list[str]] = {}
    for key, values in entries(data.get("slots") or {}):
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
            raise KnowledgeError(f"{where(path, data['slots'])}: slot {key!r} must be a list of non-empty strings")
        slots[str(key)] = values
    if not labels:
        raise KnowledgeError(f"{path}:1: no labels")
    return labels, slots


def _line_of(path: Path) -> dict[str, int]:
    """The line of each quoted sentence in a YAML file, for origins (the YAML parser keeps no lines for strings)."""
    found: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip().removeprefix("- ").strip().strip("\"'")
        if stripped and stripped not in found:
            found[stripped] = number
    return found


def _fill(template: str, slots: Mapping[str, list[str]], rng: random.Random, at: str) -> str:
    """One filling of a template's {slot} and {a|b} fields (the trigger markers are kept)."""
    drawn: dict[str, list[str]] = {}

    def choose(match: re.Match[str]) -> str:
        inside: str = match.group(1)
        if "|" in inside:
            options: list[str] = inside.split("|")
            return rng.choice(options)
        name, _, nth = inside.partition("#")
        if name not in slots:
            raise KnowledgeError(f"{at}: unknown slot {{{name}}}")
        used = drawn.setdefault(name, [])
        if nth and len(used) >= int(nth):
            return used[int(nth) - 1]
        choices = [value for value in slots[name] if value not in used] or slots[name]
        value = rng.choice(choices)
        used.append(value)
        return value

    text = template
    for _ in range(FILL_DEPTH):  # fillers may hold slots of their own ("President {person}")
        if not _FIELD.search(text):
            break
        text = _FIELD.sub(choose, text)
    return text


def _example(sentence: str, label: Label, example_id: str, origin: str) -> Example:
    marks = list(_TRIGGER.finditer(sentence))
    if len(marks) != 1:
        raise KnowledgeError(f"{origin}: a sentence needs exactly one [[trigger]], got {len(marks)}: {sentence!r}")
    mark = marks[0]
    text = sentence[: mark.start()] + mark.group(1) + sentence[mark.end() :]
    start = mark.start()
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    start -= lead
    text = text[:1].upper() + text[1:]
    return Example(
        id=example_id,
        text=text,
        trigger=(start, start + len(mark.group(1))),
        event=label.event,
        plover=label.plover,
        mode=label.mode,
        acled=label.acled,
        factuality=label.factuality,
        category=label.category,
        origin=origin,
    )


def _refuse_repeated_keys(path: Path, section: str) -> None:
    """A label key given twice in one file would silently replace the first list (YAML keeps the last)."""
    keys: dict[str, int] = {}
    inside = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith(" ") and line.strip() and not line.startswith("#"):
            inside = line.startswith(f"{section}:")
        match = re.match(r"^  ([^\s#][^:]*):\s*$", line) if inside else None
        if match:
            if match.group(1) in keys:
                raise KnowledgeError(
                    f"{path}:{number}: label {match.group(1)!r} already listed at line {keys[match.group(1)]}"
                )
            keys[match.group(1)] = number


def _groups(path: Path, section: str, labels: Mapping[str, Label]) -> Iterator[tuple[Label, str]]:
    _refuse_repeated_keys(path, section)
    data = read_yaml(path)
    for key, sentences in entries(data.get(section) or {}):
        if key not in labels:
            raise KnowledgeError(f"{where(path, data[section])}: unknown label {key!r}")
        if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences):
            raise KnowledgeError(f"{where(path, data[section])}: {key!r} must be a list of sentences")
        for sentence in sentences:
            yield labels[str(key)], sentence


def _stable_seed(*parts: object) -> int:
    return int(hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()[:12], 16)


def expand_templates(
    path: Path, labels: Mapping[str, Label], slots: Mapping[str, list[str]], *, seed: int, variants: int = VARIANTS
) -> list[Example]:
    """The examples of one template file: up to `variants` distinct fillings of each template."""
    lines = _line_of(path)
    examples: list[Example] = []
    for label, template in _groups(path, "templates", labels):
        origin = f"{path.name}:{lines.get(template.strip(), 0)}"
        rng = random.Random(_stable_seed(seed, label.key, template))
        seen: set[str] = set()
        for _ in range(variants * 3):  # a few extra draws when fillings repeat
            if len(seen) >= variants:
                break
            sentence = _fill(template, slots, rng, origin)
            if sentence in seen:
                continue
            seen.add(sentence)
            examples.append(_example(sentence, label, f"{origin}#{len(seen)}", origin))
    return examples


def hand_written(path: Path, labels: Mapping[str, Label]) -> list[Example]:
    """The hand-written sentences, once each."""
    lines = _line_of(path)
    examples = []
    for label, sentence in _groups(path, "sentences", labels):
        origin = f"{path.name}:{lines.get(sentence.strip(), 0)}"
        if _FIELD.search(sentence):
            raise KnowledgeError(f"{origin}: hand-written sentences have no {{slots}}: {sentence!r}")
        examples.append(_example(sentence, label, origin, origin))
    return examples


def build_corpus(folder: Path = TRAINING_DIR, *, seed: int = 0, variants: int = VARIANTS) -> list[Example]:
    """Every example of the templates and hand-written sentences in `folder`, duplicates (same text and trigger)
    refused."""
    labels, slots = load_labels(folder / LABELS_FILE.name)
    examples: list[Example] = []
    for path in sorted(folder.glob(TEMPLATE_GLOB)):
        examples.extend(expand_templates(path, labels, slots, seed=seed, variants=variants))
    for path in sorted(folder.glob(SENTENCE_GLOB)):
        examples.extend(hand_written(path, labels))
    check_examples(examples)
    return examples


def check_examples(examples: Iterable[Example]) -> None:
    """Refuse an empty corpus and one sentence with one trigger labelled twice (raise naming both origins)."""
    seen: dict[tuple[str, tuple[int, int]], str] = {}
    count = 0
    for example in examples:
        count += 1
        key = (example.text, example.trigger)
        if key in seen:
            raise KnowledgeError(f"{example.origin}: the same sentence and trigger as {seen[key]}: {example.text!r}")
        seen[key] = example.origin
    if count == 0:
        raise KnowledgeError("the event corpus is empty")


def write_corpus(examples: Iterable[Example], path: Path = CORPUS_FILE) -> int:
    """Write the header line and one JSON object per example; return how many."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(CORPUS_HEADER, ensure_ascii=False) + "\n")
        for example in examples:
            handle.write(json.dumps(asdict(example), ensure_ascii=False) + "\n")
            count += 1
    return count


def read_corpus(path: Path = CORPUS_FILE) -> list[Example]:
    """The examples of a corpus file written by `write_corpus`; a malformed line raises with file:line."""
    examples: list[Example] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            raw = json.loads(line)
            if number == 1 and "header" in raw:
                continue
            try:
                raw["trigger"] = tuple(raw["trigger"])
                example = Example(**raw)
            except TypeError as error:
                raise KnowledgeError(f"{path}:{number}: not a corpus example: {error}") from error
            start, end = example.trigger
            if not 0 <= start < end <= len(example.text):
                raise KnowledgeError(f"{path}:{number}: trigger offsets outside the text")
            examples.append(example)
    check_examples(examples)
    return examples
