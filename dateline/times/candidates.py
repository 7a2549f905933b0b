"""Where time expressions may be: spaCy DATE/TIME entities plus patterns for words the model leaves out,
and the tense of the verb each one depends on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from dateline.times.calendar import Tense
from dateline.times.lexicon import TimeKnowledge

_FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo"})
_HAVE = frozenset({"has", "have", "had", "'ve", "'d"})
# Modal verbs: neither clearly past nor future, so the nearest reading wins.
_MODALS = frozenset({"would", "could", "may", "might", "should", "must", "can"})
_ENTITY_LABELS = frozenset({"DATE", "TIME"})
# Separators inside one entity that joins two expressions: "between May 3 and May 5", "Monday or Tuesday".
_SPLIT = re.compile(r"\s+(?:and|or|to|through|until)\s+|\s*[–—]\s*|\s+-\s+", re.I)


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # character offsets into the article text
    end: int
    from_model: bool  # a spaCy entity rather than one of our patterns


def _pattern_parts(words: TimeKnowledge) -> list[tuple[tuple[str, ...], str]]:
    """The parts of the time-word pattern, each with the literal prefixes a match of it can start with."""
    not_searched = words.left_to_the_model
    weekday_words = sorted((w for w in words.weekdays if len(w) > 4), key=len, reverse=True)
    weekdays = "|".join(weekday_words)
    months = "|".join(sorted(words.months, key=len, reverse=True))
    reference_words = [w for w in sorted(words.reference_words, key=len, reverse=True) if w not in not_searched]
    references = "|".join(re.escape(w) for w in reference_words)
    set_words = sorted((w for w in words.set_words if w not in not_searched), key=len, reverse=True)
    sets = "|".join(set_words)
    return [
        (
            ("last", "this", "next", "on", "early", "late", *weekday_words),
            rf"(?:(?:last|this|next|on|early|late)\s+)?(?:{weekdays.title()}|{weekdays})"
            r"(?:\s+(?:morning|afternoon|evening|night))?",
        ),
        (tuple(words.months), rf"(?i:\b(?:{months})\b)\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"),
        (("mid",), rf"(?i:mid-(?:{months}))"),
        ((), r"\b\d{4}-\d{2}-\d{2}\b"),
        (tuple(reference_words), rf"\b(?i:{references})\b"),
        (tuple(set_words), rf"\b(?i:{sets})\b"),
        (("every", "each"), r"\b(?i:every|each)\s+(?:day|week|month|year|night|morning)\b"),
        # "a day after the army withdrew", "a week before the vote": the span that counts from another date (the
        # model tags "two days" there, not "a day").
        (("a",), r"\b(?i:a\s+(?:day|week))(?=\s+(?:after|before)\b)"),
        (
            ("today", "yesterday", "tomorrow", "tonight", "last", "this"),
            r"\b(?i:today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b",
        ),
        (
            ("the", "its", "this", "last", "next", "fiscal", "first", "second", "third", "fourth"),
            r"(?i:(?:the\s+|its\s+|(?:this|last|next)\s+year's\s+)?(?:(?:19|20)\d\d\s+)?(?:fiscal[- ])?"
            r"(?:first|second|third|fourth)[- ](?:fiscal[- ])?quarter)\b",
        ),
        # A clock time with its a.m./p.m. ("at around 7:15pm"), with the day written after it ("5:35 p.m. Friday",
        # "11 p.m. on Monday"): the small model tags some, not all.
        (
            (),
            r"\b(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?(?i:[ap]\.m\.|[ap]m\b)"
            rf"(?:,?\s+(?:on\s+)?(?:{weekdays.title()}|{weekdays})\b)?",
        ),
        # A bare year after a preposition: spaCy sometimes leaves it untagged or calls it CARDINAL.
        ((), r"(?:(?<=\bin )|(?<=\bsince )|(?<=\buntil )|(?<=\bbefore )|(?<=\bafter )|(?<=\bduring ))(?:19|20)\d\d\b"),
    ]


@cache
def _pattern(words: TimeKnowledge) -> re.Pattern[str]:
    """Time words spaCy's small model often leaves untagged: weekdays, "now", "recently", "daily", "Nov. 10"..."""
    return re.compile(r"\b(?:" + "|".join(part for _, part in _pattern_parts(words)) + r")")


@cache
def _anchors(words: TimeKnowledge) -> re.Pattern[str]:
    """Where a match of `_pattern` can start in the lower-cased text: a word boundary, then a digit or one of the
    parts' first words.

    Why: trying the whole alternation at every word boundary cost half of the stage; this small case-sensitive
    pattern over the lower-cased text finds the few places worth trying. Every match of a part starts with one of
    its listed words (in any case) or with a digit.
    """
    parts = _pattern_parts(words)
    prefixes = {re.split(r"\W", word, maxsplit=1)[0].lower() for starts, _ in parts for word in starts}
    if "" in prefixes:
        raise ValueError("a time word that does not start with a letter or digit cannot anchor the pattern")
    literals = "|".join(re.escape(prefix) for prefix in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"\b(?:{literals}|\d)")


# Letters that an IGNORECASE pattern takes for "i" or "s" but that str.lower() leaves alone.
_CASE_TWINS = {"\u0131": "i", "\u017f": "s"}


def time_word_matches(text: str, words: TimeKnowledge) -> Iterator[re.Match[str]]:
    """The matches of `_pattern` in `text`, exactly as `_pattern(words).finditer(text)` finds them, but faster."""
    pattern = _pattern(words)
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): offsets would shift
        yield from pattern.finditer(text)
        return
    for twin, letter in _CASE_TWINS.items():
        lowered = lowered.replace(twin, letter)
    position = 0
    for anchor in _anchors(words).finditer(lowered):
        if anchor.start() < position:
            continue
        match = pattern.match(text, anchor.start())
        if match is not None:
            yield match
            position = match.end()


@cache
def _continuation(words: TimeKnowledge) -> re.Pattern[str]:
    """What may follow an entity and still belong to it: "Friday| morning", "noon| Thursday", "5 p.m.|, Nov. 6"."""
    days = "|".join(sorted(words.weekdays, key=len, reverse=True))
    months = "|".join(sorted(words.months, key=len, reverse=True))
    parts = "|".join(words.parts_of_day)
    return re.compile(
        rf"(?i:(?:,?\s+(?:on\s+)?(?:(?:{days})\b\.?|today\b|yesterday\b|tomorrow\b|(?:{months})\.?\s+\d{{1,2}}\b)"
        rf"|\s+(?:{parts})\b)+)"
    )


def _extended(full_text: str, end: int, words: TimeKnowledge) -> int:
    match = _continuation(words).match(full_text, end)
    return match.end() if match else end


def _frequency_adjective(doc: Doc, start: int, end: int, words: TimeKnowledge) -> bool:
    """ "quarterly dividend", "annual meeting": a frequency word used as an adjective is not a time expression."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    token = span[0]
    return token.lower_ in words.set_words and (token.pos_ == "ADJ" or token.dep_ == "amod")


def find_candidates(doc: Doc, words: TimeKnowledge, *, text: str | None = None) -> list[Candidate]:
    """Candidate spans, sorted and without overlaps; a model entity wins over a pattern match it overlaps.

    `text` is the Doc's text when the caller has it (spaCy builds `doc.text` afresh on every access)."""
    full_text = doc.text if text is None else text
    candidates = [
        Candidate(ent.start_char, _extended(full_text, ent.end_char, words), True)
        for ent in doc.ents
        if ent.label_ in _ENTITY_LABELS and not _frequency_adjective(doc, ent.start_char, ent.end_char, words)
    ]
    taken = [(c.start, c.end) for c in candidates]
    for match in time_word_matches(full_text, words):
        overlaps = any(match.start() < end and start < match.end() for start, end in taken)
        if not overlaps and not _frequency_adjective(doc, match.start(), match.end(), words):
            candidates.append(Candidate(match.start(), match.end(), False))
    return sorted(candidates, key=lambda c: c.start)


def fallback_candidates(full_text: str, candidate: Candidate, words: TimeKnowledge) -> list[Candidate]:
    """Smaller spans inside an entity no rule understood: the parts of a range, else our patterns inside it.

    `full_text` is the Doc's text (the article's), passed in because spaCy rebuilds `doc.text` on every access."""
    text = full_text[candidate.start : candidate.end]
    parts: list[Candidate] = []
    position = 0
    for separator in _SPLIT.finditer(text):
        if separator.start() > position:
            parts.append(Candidate(candidate.start + position, candidate.start + separator.start(), False))
        position = separator.end()
    if parts and position < len(text):
        parts.append(Candidate(candidate.start + position, candidate.end, False))
    inner = [
        Candidate(candidate.start + match.start(), candidate.start + match.end(), False)
        for match in _pattern(words).finditer(text)
    ]
    return parts + inner if parts else inner


def span_for(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def tense_of(span: Span | None, words: TimeKnowledge) -> Tense:
    """The tense of the verb a time expression depends on: future ("will", "plans to"), past, else present."""
    if span is None or len(span) == 0:
        return "past"
    verb = span.root
    steps = 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and steps < 6:
        verb, steps = verb.head, steps + 1
    if verb.pos_ not in ("VERB", "AUX"):
        return "past"  # no verb (a headline fragment): news reports past events
    for _ in range(3):
        auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
        lowered = {child.lower_ for child in auxiliaries}
        if lowered & _FUTURE_AUXILIARIES:
            return "future"
        if lowered & _MODALS:
            return "present"
        if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries) or lowered & _HAVE:
            return "past"
        if verb.tag_ == "VBN" and not auxiliaries:
            return "past"  # a participle modifier: "products introduced in April", "the year ended March 31"
        if verb.tag_ == "VB" and "to" in lowered and verb.head.i != verb.i:
            if verb.head.lemma_ in words.forward_verbs:
                return "future"
            verb = verb.head
            continue
        if verb.tag_ == "VBG" and verb.head.i != verb.i and verb.dep_ in ("advcl", "xcomp", "conj"):
            verb = verb.head
            continue
        break
    return "present"
