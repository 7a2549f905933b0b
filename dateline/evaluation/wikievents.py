"""WikiEvents (Li, Ji and Han 2021): every event of whole news articles, with its arguments: event precision and
recall by PLOVER type, and who did what to whom on attacks (attacker, target/victim, place), scored on what
`dateline extract` prints, with the rules of the held-out check's scorer (../shared/tools/wikievents_score.py).

Gold: `<split>.jsonl` (doc_id, sentences with token offsets, entity_mentions, event_mentions in the KAIROS ontology)
and `coref/<split>.jsonlines` (entity coreference clusters), for the splits the folder holds (train, dev, test;
every one present unless --split names one). Each article is laid out as its token offsets say (a one-character
gap after a sentence end is a space, a longer gap a paragraph break) and extracted as {id, text}; dateline's cleaned
text is mapped back onto it (arguments.Aligner), so every comparison is in gold offsets.

KAIROS -> PLOVER: knowledge/eval_event_mappings.tsv. A gold Life.Die/Life.Injure is violent (ASSAULT) when it names
a killer, injurer or instrument, its trigger is a violent word, its sentence names a weapon or an attack, or an attack
or violent crime is tagged within two sentences; not when a crash, disaster or disease is tagged in its sentence and
no attack is. It must be found only when violent, it names its killer or injurer and no attack is tagged in its
sentence ("gunmen killed ten guards"); otherwise it is the casualties of an ASSAULT, not an event of its own.

Events. A reported event and a gold event are in the same sentence when the gold trigger lies in the reported
event's evidence or in one of its further mentions (`mentions[]`), or the reported (or a mention's) trigger lies in
the gold trigger's sentence. Precision: of the asserted reported events (not negated, hypothetical or future) of the
judged types ASSAULT, COERCE, PROTEST, the share with a gold event of a type listed for it in the same sentence;
CONSULT, REQUEST and THREATEN are scored for recall and their precision is shown, not judged (WikiEvents tags them
sparsely). Recall: of the gold events that must be found, the share with a reported event (any factuality) of a
mapped type in the same sentence.

Arguments, on every gold ASSAULT-mapped event with a reported ASSAULT in its sentence (those whose trigger overlaps
the gold trigger if any, else all in the sentence): attacker (gold Attacker/Killer/Injurer) via the reported source,
target/victim (Target/Victim; victims given only as a number are casualties and left out) via the recipient, place
via the location; right when any mention of the gold entity's coreference cluster matches (arguments.py).
Accuracy per role over the matched events that have the role.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.evaluation import Direction, SuiteResult, extract
from dateline.evaluation.arguments import (
    Aligner,
    Record,
    Span,
    TypeRule,
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
JUDGED = frozenset({"ASSAULT", "COERCE", "PROTEST"})
CONTACT = frozenset({"CONSULT", "REQUEST", "THREATEN"})
AGENT_ROLES = frozenset({"Attacker", "Killer", "Injurer"})
TARGET_ROLES = frozenset({"Target", "Victim"})
ROLES = (
    ("attacker", AGENT_ROLES, "source"),
    ("target/victim", TARGET_ROLES, "recipient"),
    ("place", {"Place"}, "location"),
)
# Gold types that make a sentence an attack's (a death beside them is its casualties).
ATTACK_TYPES = ("Conflict.Attack", "GenericCrime", "Conflict.Demonstrate.DemonstrateWith")
ACCIDENT_TYPES = ("Disaster", "Life.Infect")
# How far before an evidence sentence a party's words are looked for (a pronoun's antecedent).
LOOKBACK_CHARS = 1500
HEADLINE: dict[str, Direction] = {
    "events.precision": "higher",
    "events.recall": "higher",
    "roles.attacker.accuracy": "higher",
    "roles.target/victim.accuracy": "higher",
    "roles.place.accuracy": "higher",
}


@dataclass
class GoldEvent:
    mention: Record
    span: Span  # the trigger, in gold offsets
    sentence: int
    types: frozenset[str]  # PLOVER types a reported event may have to be right for it
    counted: bool  # must be found (recall)


@dataclass
class GoldDocument:
    doc_id: str
    text: str  # laid out at the token offsets
    sentences: list[Span]
    sentence_texts: list[str]
    mentions: dict[str, tuple[int, int, str]]  # entity mention id -> start, end, text
    events: list[GoldEvent]
    coref: dict[str, list[str]]  # entity mention id -> the ids of its cluster


@dataclass
class Tally:
    """Counts over documents (add with +=)."""

    predicted: int = 0
    predicted_right: int = 0
    contact_predicted: int = 0
    contact_right: int = 0
    gold: int = 0
    gold_found: int = 0
    gold_found_asserted: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [predicted, right, gold, found]
    roles: dict[str, list[int]] = field(default_factory=lambda: {role: [0, 0] for role, _, _ in ROLES})

    def __iadd__(self, other: Tally) -> Tally:
        for name in (
            "predicted",
            "predicted_right",
            "contact_predicted",
            "contact_right",
            "gold",
            "gold_found",
            "gold_found_asserted",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, counts in other.by_type.items():
            mine = self.by_type.setdefault(kind, [0, 0, 0, 0])
            self.by_type[kind] = [a + b for a, b in zip(mine, counts, strict=True)]
        for role, counts in other.roles.items():
            mine = self.roles.setdefault(role, [0, 0])
            self.roles[role] = [a + b for a, b in zip(mine, counts, strict=True)]
        return self

    def to_json(self) -> dict[str, Any]:
        precision = _ratio(self.predicted_right, self.predicted)
        recall = _ratio(self.gold_found, self.gold)
        f1 = _ratio(2 * precision * recall, precision + recall)
        by_type = {
            kind: {"predicted": p, "precision": ok / p if p else None, "gold": g, "recall": found / g if g else None}
            for kind, (p, ok, g, found) in sorted(self.by_type.items())
        }
        roles = {role: {"accuracy": _ratio(right, n), "n": n} for role, (n, right) in self.roles.items()}
        return {
            "events": {
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "predicted": self.predicted,
                "gold": self.gold,
                "recall_asserted_only": _ratio(self.gold_found_asserted, self.gold),
            },
            "contact_precision": {
                "precision": _ratio(self.contact_right, self.contact_predicted),
                "predicted": self.contact_predicted,
            },
            "by_type": by_type,
            "roles": roles,
        }


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


# --- Reading --------------------------------------------------------------------------------------------------


def rebuild(document: Record) -> str:
    """The article laid out as its token offsets say; token offsets then index it directly."""
    out: list[str] = []
    position = 0
    for tokens, sentence_text in document["sentences"]:
        base, end = tokens[0][1], tokens[-1][2]
        gap = base - position
        if gap > 0:
            previous = "".join(out[-1:]).rstrip()
            sentence_end = re.search(r"[.!?\"')\]\u201d\u2019]$", previous)
            if position == 0 or (gap == 1 and sentence_end) or re.search(r"[-\u2013\u2014]$", previous):
                out.append(" " * gap)
            else:
                out.append("\n" * gap)
        out.append(sentence_text[: end - base].ljust(end - base))
        position = end
    return "".join(out)


def _gold_events(document: Record, tokens: list[Any], rules: Sequence[TypeRule]) -> list[GoldEvent]:
    vocabulary = argument_words()
    events = []
    for mention in document["event_mentions"]:
        trigger = mention["trigger"]
        rule = rule_for(mention["event_type"], rules)
        events.append(
            GoldEvent(
                mention=mention,
                span=(tokens[trigger["start"]][1], tokens[trigger["end"] - 1][2]),
                sentence=trigger["sent_idx"],
                types=rule.plover if rule else frozenset(),
                counted=rule is not None and rule.recall == "yes",
            )
        )
    attack_sentences = {g.sentence for g in events if g.mention["event_type"].startswith(ATTACK_TYPES)}
    sentence_texts = [text for _, text in document["sentences"]]
    for g in events:
        kind, arguments = g.mention["event_type"], g.mention["arguments"]
        rule = rule_for(kind, rules)
        if kind.startswith(("Life.Die", "Life.Injure")):
            violent = (
                any(a["role"] in AGENT_ROLES | {"Instrument"} for a in arguments)
                or bool(vocabulary.violent.search(g.mention["trigger"]["text"]))
                or bool(vocabulary.weapon.search(sentence_texts[g.sentence]))
                or any(abs(sentence - g.sentence) <= 2 for sentence in attack_sentences)
            )
            accident = g.sentence not in attack_sentences and any(
                h.sentence == g.sentence and h.mention["event_type"].startswith(ACCIDENT_TYPES) for h in events
            )
            violent = violent and not accident
            g.types = frozenset({"ASSAULT"}) if violent else frozenset()
            agent = any(a["role"] in AGENT_ROLES for a in arguments)
            g.counted = violent and agent and g.sentence not in attack_sentences
        if rule is not None and rule.recall == "meeting":
            g.counted = bool(vocabulary.meeting.search(g.mention["trigger"]["text"]))
    return events


def _document(document: Record, coref: dict[str, list[str]], rules: Sequence[TypeRule]) -> GoldDocument:
    tokens = [token for sentence in document["sentences"] for token in sentence[0]]
    return GoldDocument(
        doc_id=str(document["doc_id"]),
        text=rebuild(document),
        sentences=[(sentence[0][0][1], sentence[0][-1][2]) for sentence in document["sentences"]],
        sentence_texts=[text for _, text in document["sentences"]],
        mentions={
            m["id"]: (tokens[m["start"]][1], tokens[m["end"] - 1][2], m["text"]) for m in document["entity_mentions"]
        },
        events=_gold_events(document, tokens, rules),
        coref=coref,
    )


def _read_jsonl(path: Path) -> list[Record]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: not JSON: {error}") from error
    return rows


def read_wikievents(path: Path, selection: Selection = EVERYTHING) -> tuple[list[GoldDocument], list[str]]:
    """The gold articles of the selected splits and half, in file order; and the splits."""
    present = [split for split in SPLITS if (path / f"{split}.jsonl").is_file()]
    splits = selection.splits(present, path, "train/dev/test .jsonl file")
    rules = type_rules("kairos")
    documents: list[GoldDocument] = []
    for split in splits:
        coref: dict[str, list[str]] = {}
        coref_file = path / "coref" / f"{split}.jsonlines"
        for row in _read_jsonl(coref_file) if coref_file.is_file() else []:
            for cluster in row["clusters"]:
                coref |= {member: cluster for member in cluster}
        try:
            documents += [_document(row, coref, rules) for row in _read_jsonl(path / f"{split}.jsonl")]
        except (KeyError, IndexError, TypeError) as error:
            raise ValueError(f"{path / f'{split}.jsonl'}: not in the WikiEvents format ({error!r})") from error
    return selection.items(documents, lambda document: document.doc_id, path), splits


# --- Scoring --------------------------------------------------------------------------------------------------


@dataclass
class Reported:
    event: Record
    evidence: Span | None
    trigger: Span | None
    asserted: bool
    more: list[tuple[Span | None, Span | None]]  # further mentions: (sentence, trigger)


def _reported(record: Record, aligner: Aligner) -> list[Reported]:
    found = []
    for event in record["events"]:
        facts = event.get("factuality") or {}
        mentions = [m for m in event.get("mentions") or [] if isinstance(m.get("start"), int)]
        found.append(
            Reported(
                event=event,
                evidence=mapped(aligner, event["evidence"]),
                trigger=mapped(aligner, event.get("trigger")),
                asserted=not (facts.get("negated") or facts.get("hypothetical") or facts.get("future")),
                more=[(mapped(aligner, m), mapped(aligner, m.get("trigger"))) for m in mentions],
            )
        )
    return found


def _same_sentence(reported: Reported, gold: GoldEvent, document: GoldDocument) -> bool:
    start, end = document.sentences[gold.sentence]
    for evidence, trigger in [(reported.evidence, reported.trigger), *reported.more]:
        if evidence and evidence[0] <= gold.span[0] < evidence[1]:
            return True
        if trigger and start <= trigger[0] < end:
            return True
    return False


def score_document(document: GoldDocument, record: Record) -> Tally:
    """One article's counts: events judged and found, and the arguments of the attacks found."""
    tally = Tally()
    cleaned = record["article"]["text"]
    aligner = Aligner(document.text, cleaned)
    reported = _reported(record, aligner)
    for x in reported:
        kind = x.event["type"]
        if not x.asserted or kind not in JUDGED | CONTACT:
            continue
        right = any(kind in g.types and _same_sentence(x, g, document) for g in document.events)
        counts = tally.by_type.setdefault(kind, [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += right
        if kind in CONTACT:
            tally.contact_predicted += 1
            tally.contact_right += right
        else:
            tally.predicted += 1
            tally.predicted_right += right
    for g in document.events:
        candidates = [x for x in reported if x.event["type"] in g.types and _same_sentence(x, g, document)]
        if g.counted:
            tally.gold += 1
            tally.gold_found += bool(candidates)
            tally.gold_found_asserted += any(x.asserted for x in candidates)
            key = "|".join(sorted(g.types))
            counts = tally.by_type.setdefault(key, [0, 0, 0, 0])
            counts[2] += 1
            counts[3] += bool(candidates)
        if "ASSAULT" not in g.types or not candidates:
            continue
        over = [x for x in candidates if x.trigger and x.trigger[0] < g.span[1] and g.span[0] < x.trigger[1]]
        candidates = over or candidates
        for role, gold_roles, field_name in ROLES:
            ids = [a["entity_id"] for a in g.mention["arguments"] if a["role"] in gold_roles]
            if role == "target/victim":  # victims given only as a number ("injuring 40") are casualties
                ids = [i for i in ids if not _only_a_number(i, document)]
            if not ids:
                continue
            hit = any(_right(parties(x.event, field_name), x, ids, document, cleaned, aligner) for x in candidates)
            tally.roles[role][0] += 1
            tally.roles[role][1] += hit
    return tally


def _only_a_number(entity_id: str, document: GoldDocument) -> bool:
    """Every mention of the entity is a number or quantifier ("injuring 40", "others")."""
    count = argument_words().count
    cluster = [m for m in document.coref.get(entity_id, [entity_id]) if m in document.mentions]
    return all(count.match(document.mentions[m][2].strip()) for m in cluster)


def _right(
    actors: list[Record], x: Reported, ids: list[str], document: GoldDocument, cleaned: str, aligner: Aligner
) -> bool:
    cluster = [document.mentions[m] for i in ids for m in document.coref.get(i, [i]) if m in document.mentions]
    head_words = set().union(*[heads(text) for _, _, text in cluster]) if cluster else set()
    spans = [(start, end) for start, end, _ in cluster]
    for actor in actors:
        if x.evidence and any_overlap(located(actor, x.event, cleaned, aligner, LOOKBACK_CHARS), spans):
            return True
        if head_words & bag(actor):
            return True
    return False


def extract_documents(documents: Sequence[GoldDocument], settings: Settings) -> list[Record]:
    """`dateline extract` (in this process) on each article given as {id, text}, as JSON records."""
    raws = [RawDocument(origin=d.doc_id, text=d.text, id=d.doc_id) for d in documents]
    return [to_json(extraction) for extraction in extract(raws, settings)]


def score(documents: Sequence[GoldDocument], records: Sequence[Record]) -> dict[str, Any]:
    """The scores over all articles and, when both halves were scored, over each half."""
    total = Tally()
    halves = {part: Tally() for part in PARTS}
    for document, record in zip(documents, records, strict=True):
        tally = score_document(document, record)
        total += tally
        halves[part_of(document.doc_id)] += tally
    scores = {"articles": len(documents), **total.to_json()}
    if all(halves[part].gold or halves[part].predicted for part in PARTS):
        scores["parts"] = {part: tally.to_json() for part, tally in halves.items()}
    return scores


def _table(scores: dict[str, Any]) -> str:
    columns = [("all", scores), *scores.get("parts", {}).items()]
    rows: list[list[object]] = [
        ["events precision (ASSAULT, COERCE, PROTEST)", *(s["events"]["precision"] for _, s in columns)],
        ["events recall", *(s["events"]["recall"] for _, s in columns)],
        ["events F1", *(s["events"]["f1"] for _, s in columns)],
    ]
    rows += [
        [f"{role} accuracy (n={scores['roles'][role]['n']})", *(s["roles"][role]["accuracy"] for _, s in columns)]
        for role, _, _ in ROLES
    ]
    rows.append(
        ["CONSULT/REQUEST/THREATEN precision (shown)", *(s["contact_precision"]["precision"] for _, s in columns)]
    )
    table = format_table(["wikievents", *(name for name, _ in columns)], rows)
    type_rows = [
        [kind, row["predicted"], row["precision"], row["gold"], row["recall"]]
        for kind, row in scores["by_type"].items()
    ]
    type_table = format_table(["PLOVER type", "reported", "precision", "gold", "recall"], type_rows)
    return f"{table}\n\n{type_table}"


def run(path: Path, settings: Settings, selection: Selection = EVERYTHING) -> SuiteResult:
    """Score events and attack arguments on the selected splits' articles."""
    documents, splits = read_wikievents(path, selection)
    if not any(document.events for document in documents):
        raise NoGoldDataError(f"{path}: nothing to score: no event_mentions in {', '.join(splits)}")
    scores = score(documents, extract_documents(documents, settings))
    counted = Counter(g.mention["event_type"].split(".")[0] for d in documents for g in d.events if g.counted)
    notes = [
        selection.describe(splits),
        "rules of the held-out check's scorer (../shared/tools/wikievents_score.py); precision judges ASSAULT, "
        "COERCE and PROTEST only; recall over the gold events a PLOVER coder must find: "
        + ", ".join(f"{kind} {count}" for kind, count in counted.most_common()),
        "targets (issue 18, held-out test): precision >= 0.75, recall >= 0.75; attacker >= 0.65, target/victim >= 0.55",
    ]
    return SuiteResult("wikievents", scores, _table(scores), notes, HEADLINE)
