"""The trained event classifier: is a candidate trigger a specific occurrence (an event, as analysts code them)?

The rules (triggers.py) propose candidates; this model scores each one in its sentence, and the stage drops the
candidates it takes for something other than a specific occurrence (a modifier such as "Iran-backed", a generic
noun such as "the fight against", a habit or a count, a demanded act, a legal charge, a death by illness), unless
the rules are sure of them (see `keeps`, `find_events` and docs/events.md, "The trained classifier"). The unit is a
candidate trigger in its sentence, not the sentence: one sentence can hold an attack and an "Iran-backed" modifier.

The model is a spaCy text classifier (bag of features, `spacy.TextCatBOW.v3`) over one "document" per candidate:
the words of `candidate_features`, read off the parse the pipeline already made (the trigger's lemma, part of
speech, dependency, head, children, governing verbs, nearby words, the sentence's content words and entity labels).
Its head `eventness` says EVENT or NOT_EVENT. `dateline train events --heads eventness,plover,acled` can also train
PLOVER and ACLED type heads; they lost to the rules on the development data (docs/events.md), so the bundled model
has none and the stage never retypes. Trained by `dateline train events` (dateline/training/) from the corpus in
dateline/knowledge/training/, saved in dateline/knowledge/models/events/.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.attrs import ENT_TYPE, LEMMA, LIKE_NUM, LOWER, ORTH, POS
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from dateline.knowledge.loader import knowledge_path

EVENT_MODEL_DIR = knowledge_path("models", "events")
CLASSIFIER_HEADS = ("eventness", "plover", "acled")
EVENT = "EVENT"
NOT_EVENT = "NOT_EVENT"
NO_ACLED = "NONE"

# Children of the trigger whose relation says much about event-ness: determiners ("any attack"), modifiers
# ("anti-tank rockets"), negation, auxiliaries, possessors, prepositions ("the fight against"), arguments.
CHILD_DEPS = frozenset(
    {
        "det", "amod", "nummod", "neg", "aux", "auxpass", "poss", "compound", "prep", "advmod", "nsubj",
        "nsubjpass", "dobj", "agent", "acomp", "xcomp", "prt", "npadvmod", "quantmod", "predet", "attr", "dative",
    }
)  # fmt: skip
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "NUM"})
NAME_IDS = frozenset(get_string_id(label) for label in NAME_LABELS)  # entity labels are spaCy symbols
CONTENT_IDS = frozenset(POS_IDS[pos] for pos in CONTENT_POS)
MODALS = frozenset({"would", "could", "might", "may", "will", "should", "must", "can", "shall", "'ll", "wo", "ca"})
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
QUOTE_IDS = frozenset(get_string_id(mark) for mark in QUOTES)
# How the stage uses the score: a candidate is dropped when its event probability is below KEEP_FROM and the rules'
# own confidence is below RULES_SURE_FROM. Chosen together on the tune halves of WikiEvents and RAMS (a grid of
# 0.1-0.5 x 0.7-1.0; docs/events.md, "The trained classifier"): without the second condition the model also drops
# real occurrences the rules had found with a clear trigger and its arguments.
KEEP_FROM = 0.3
RULES_SURE_FROM = 0.7
WINDOW = 4  # words each side of the trigger read as its neighbourhood
ANCESTORS = 3  # governing words read above the trigger


@dataclass(frozen=True, slots=True)
class CandidateScore:
    """What the model says about one candidate trigger (type heads only when the model has them)."""

    event: float  # probability that it is a specific occurrence
    plover: str | None = None  # most likely PLOVER type
    plover_probability: float = 0.0
    acled: str | None = None  # most likely ACLED sub-event type, None also for "no ACLED category"
    acled_probability: float = 0.0


def _lemma(token: Token) -> str:
    """The token's lower-case lemma; names and numbers as their kind, so that the model learns no slot fillers."""
    if token.ent_type_ in NAME_LABELS or token.pos_ == "PROPN":
        return token.ent_type_ or "PROPN"
    if token.like_num:
        return "NUM"
    return token.lemma_.lower() or token.lower_


def _word(token: Token) -> str:
    """The token's lower-case form, names and numbers as their kind (see `_lemma`)."""
    if token.ent_type_ in NAME_LABELS or token.pos_ == "PROPN" or token.like_num:
        return _lemma(token)
    return token.lower_


def _entity(token: Token) -> str:
    return token.ent_type_ or token.pos_


def _trigger_features(trigger: Token) -> Iterator[str]:
    lemma = _lemma(trigger)
    yield f"t={lemma}"
    yield f"tw={trigger.lower_}"
    yield f"tp={trigger.pos_}"
    yield f"tt={trigger.tag_}"
    yield f"t+p={lemma}_{trigger.pos_}"
    yield f"d={trigger.dep_}"
    yield f"t+d={lemma}_{trigger.dep_}"
    doc = trigger.doc
    before = doc[trigger.i - 1] if trigger.i > 0 else None
    after = doc[trigger.i + 1] if trigger.i + 1 < len(doc) else None
    if before is not None and before.text == "-" and trigger.i > 1:  # "Iran-backed", "anti-tank"
        yield "hyphen=after"
        yield f"hyphen={_word(doc[trigger.i - 2])}"
    if after is not None and after.text == "-":  # "car-bomb workshop", "bomb-making"
        yield "hyphen=before"
        if trigger.i + 2 < len(doc):
            yield f"hyphen+={_word(doc[trigger.i + 2])}"


def _head_features(trigger: Token) -> Iterator[str]:
    head = trigger.head
    if head.i == trigger.i:
        yield "root"
        return
    yield f"h={_lemma(head)}"
    yield f"hp={head.pos_}"
    yield f"d+h={trigger.dep_}_{_lemma(head)}"
    path = trigger.dep_
    token = trigger
    for depth in range(1, ANCESTORS + 1):
        if token.head.i == token.i:
            break
        token = token.head
        yield f"a{depth}={_lemma(token)}"
        yield f"anc={_lemma(token)}"
        yield f"path={path}"
        path = f"{path}>{token.dep_}"
        if token.pos_ in ("VERB", "AUX"):
            yield f"gov={_lemma(token)}"


def _child_features(trigger: Token) -> Iterator[str]:
    has_det = False
    for child in trigger.children:
        if child.dep_ not in CHILD_DEPS:
            continue
        lemma = _lemma(child)
        has_det = has_det or child.dep_ in ("det", "poss")
        yield f"c={child.dep_}:{lemma}"
        yield f"cd={child.dep_}"
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "agent", "compound", "amod"):
            yield f"ce={child.dep_}:{_entity(child)}"
        if child.dep_ in ("prep", "agent"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    yield f"cp={lemma}:{_lemma(grandchild)}"
                    yield f"cpe={lemma}:{_entity(grandchild)}"
    if trigger.pos_ == "NOUN" and not has_det:
        yield "det=none"


def _clause_features(trigger: Token) -> Iterator[str]:
    """Modals and negation on the trigger or the verbs that govern it ("would attack", "not to hold")."""
    token = trigger
    for _ in range(ANCESTORS + 1):
        for child in token.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS:
                yield f"modal={child.lower_}"
            elif child.dep_ == "neg":
                yield "neg"
            elif child.dep_ == "mark":
                yield f"mark={child.lower_}"
        if token.head.i == token.i:
            break
        token = token.head


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """The features a sentence gives every candidate in it, read once however many candidates it holds."""

    content: tuple[tuple[int, str], ...]  # (token index, "s=<lemma>") of its content words
    entities: tuple[str, ...]  # "e=<label>" of its named entities
    quotes: tuple[int, ...] = ()  # token indices of its quotation marks

    @classmethod
    def of(cls, sentence: Span, table: DocTable | None = None) -> SentenceFeatures:
        """Read from the doc's attribute table (`DocTable`, one per doc) when given: Token objects are slow."""
        table = table or DocTable.of(sentence.doc)
        rows = table.rows
        strings = sentence.doc.vocab.strings
        if len(_FEATURE_OF_IDS) > _MAX_REMEMBERED_FEATURES:
            _FEATURE_OF_IDS.clear()
        content = []
        for index in range(sentence.start, sentence.end):
            ids = rows[index]
            feature = _FEATURE_OF_IDS.get(ids, "")
            if feature == "":
                pos, entity, lemma, like_num, lower, _orth = ids
                if pos not in CONTENT_IDS or entity in NAME_IDS:
                    feature = None
                else:
                    feature = "s=" + ("NUM" if like_num else strings[lemma].lower() or strings[lower])
                _FEATURE_OF_IDS[ids] = feature
            if feature is not None:
                content.append((index, feature))
        entities = tuple(
            f"e={label}" for start, end, label in table.entities if sentence.start <= start and end <= sentence.end
        )
        quotes = tuple(index for index in range(sentence.start, sentence.end) if rows[index][-1] in QUOTE_IDS)
        return cls(tuple(content), entities, quotes)


# Why: the same (part of speech, entity, lemma, like_num, lower) ids recur within and across articles; their
# feature is worked out once per process (as events/words.py does for its rows).
_FEATURE_OF_IDS: dict[tuple[int, ...], str | None] = {}
_MAX_REMEMBERED_FEATURES = 500_000


@dataclass(frozen=True, slots=True)
class DocTable:
    """What SentenceFeatures reads of a doc, read once: each token's part of speech, entity type, lemma,
    like_num, lower form and text ids, and the entities' starts and labels."""

    rows: list[tuple[int, ...]]
    entities: tuple[tuple[int, int, str], ...]

    @classmethod
    def of(cls, doc: Doc) -> DocTable:
        rows = list(map(tuple, doc.to_array([POS, ENT_TYPE, LEMMA, LIKE_NUM, LOWER, ORTH]).tolist()))
        return cls(rows, tuple((entity.start, entity.end, entity.label_) for entity in doc.ents))


def _context_features(sentence: Span, trigger: Token, shared: SentenceFeatures) -> Iterator[str]:
    doc = sentence.doc
    for offset in range(1, WINDOW + 1):
        left, right = trigger.i - offset, trigger.i + offset
        if left >= sentence.start:
            yield f"l{offset}={_word(doc[left])}" if offset <= 2 else f"w={_lemma(doc[left])}"
        if right < sentence.end:
            yield f"r{offset}={_word(doc[right])}" if offset <= 2 else f"w={_lemma(doc[right])}"
    if sum(1 for index in shared.quotes if index < trigger.i) % 2 == 1:  # inside a quotation
        yield "quoted"
    yield from (feature for index, feature in shared.content if index != trigger.i)
    yield from shared.entities


def candidate_features(sentence: Span, trigger: Token, shared: SentenceFeatures | None = None) -> list[str]:
    """The words the model reads for one candidate: its trigger and what surrounds it in the parse (module doc);
    `shared` is its sentence's part, when the caller has it already."""
    shared = shared or SentenceFeatures.of(sentence)
    return [
        *_trigger_features(trigger),
        *_head_features(trigger),
        *_child_features(trigger),
        *_clause_features(trigger),
        *_context_features(sentence, trigger, shared),
    ]


@dataclass(frozen=True)
class EventClassifier:
    """The trained heads and the folder they were loaded from."""

    nlp: Language
    path: Path

    def score(self, candidates: Sequence[tuple[Span, Token]]) -> list[CandidateScore]:
        """Score candidate triggers, each given with its sentence, in one batch."""
        shared: dict[int, SentenceFeatures] = {}
        tables: dict[int, DocTable] = {}
        docs = []
        for sentence, token in candidates:
            if sentence.start not in shared:
                if id(sentence.doc) not in tables:
                    tables[id(sentence.doc)] = DocTable.of(sentence.doc)
                shared[sentence.start] = SentenceFeatures.of(sentence, tables[id(sentence.doc)])
            docs.append(Doc(self.nlp.vocab, words=candidate_features(sentence, token, shared[sentence.start])))
        return [read_scores(doc) for doc in self.nlp.pipe(docs)]


def _best(cats: dict[str, float], prefix: str) -> tuple[str | None, float]:
    """The best label of one head (every head's labels carry its name as prefix: "plover:ASSAULT")."""
    found = [(value, key) for key, value in cats.items() if key.startswith(prefix)]
    if not found:
        return None, 0.0
    probability, label = max(found)
    return label[len(prefix) :], probability


def read_scores(doc: Doc) -> CandidateScore:
    """The scores the heads wrote into a candidate's doc.cats."""
    cats = doc.cats
    plover, plover_probability = _best(cats, "plover:")
    acled, acled_probability = _best(cats, "acled:")
    return CandidateScore(
        event=cats.get(f"eventness:{EVENT}", 0.0),
        plover=plover,
        plover_probability=plover_probability,
        acled=None if acled == NO_ACLED else acled,
        acled_probability=acled_probability,
    )


def load_event_classifier(path: Path | None = None) -> EventClassifier:
    """Load a trained model folder (default: the bundled one); raise naming the folder when it is missing or bad."""
    folder = path or EVENT_MODEL_DIR
    if not (folder / "config.cfg").is_file():
        raise FileNotFoundError(f"{folder}: no trained event model here (run `dateline train events`)")
    nlp = spacy.load(folder)
    if "eventness" not in nlp.pipe_names or not set(nlp.pipe_names) <= set(CLASSIFIER_HEADS):
        raise ValueError(f"{folder}: not an event model (heads {nlp.pipe_names}, expected eventness first)")
    return EventClassifier(nlp=nlp, path=folder)


def event_classifier_setting(value: str) -> EventClassifier | None:
    """The classifier the `event_model` setting names: "bundled", "none" for rules alone, or a model folder."""
    if value.strip().lower() in ("", "none"):
        return None
    return load_event_classifier(None if value == "bundled" else Path(value))


def rules_sure(rules_confidence: float) -> bool:
    """Whether the rules are sure enough of a candidate that the model's score cannot leave it out (see KEEP_FROM):
    the stage scores only the others."""
    return rules_confidence >= RULES_SURE_FROM


def keeps(score: CandidateScore, rules_confidence: float) -> bool:
    """Whether the stage keeps a candidate the rules proposed (see KEEP_FROM)."""
    return score.event >= KEEP_FROM or rules_sure(rules_confidence)
