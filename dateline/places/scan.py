"""Gazetteer-led recognition (issue 20): a place the gazetteer knows is a candidate wherever its name is written as a
proper name, whatever label the model gave it (the small model tags "Aleppo" nothing, "Mariupol" ORG, "Khan
Sheikhoun" PERSON).

A capitalised run of words (joined by hyphens or the lower-case particles of Arabic, French and Portuguese names:
"Deir ez-Zor", "Port-au-Prince", "Mocimboa da Praia") that the gazetteer knows as a town, a region or a country is a
place mention when all of these hold:
1. the tagger reads its words as proper nouns (so "Nice weather", "Mobile phones" and "Reading the report" are not
   places: the collision with common words is settled by the parse of the sentence, not by a list);
2. it is not part of a longer name the model found (a person's "John Ripley", an organisation's "Kurdistan Regional
   Government"; the places inside organisation names are recognize.py's), nor a word of a person's name used
   elsewhere in the article, nor a name after a person's title ("Gen. Homs");
3. the story supports it: the story's other places or its demonyms lie in the place's country or region, or a
   locative phrase introduces it ("in", "near", "the town of"), or a container follows it ("Sake, Congo"); or, where
   none does, the place is notable (a town of NOTABLE_POPULATION or more, or the everyday news sense of the name)
   and the sentence uses the name as a place would be used (an object or subject, not a modifier of another noun:
   "Fano militiamen", "Wagner fighters" name groups). A sentence's first word, capitalised anyway, needs the
   story's support or a big place; a title-case line (a headline) needs the story's support.
Which of the name's places it is stays with disambiguate.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from dateline.places.gazetteer import GazEntry, normalize
from dateline.places.knowledge import PlaceKnowledge
from dateline.places.recognize import Mention, StoryHints, candidates_for, is_not_a_place

# A town this big (or a name's news sense) needs no support from the story when it is used as a place. Chosen as a
# town that an English reader may know by name; smaller towns need the story's country, a locative or a container.
NOTABLE_POPULATION = 50_000
BIG_POPULATION = 250_000  # a sentence's first word, capitalised anyway, is a place unaided only when it is this big
MAX_NAME_TOKENS = 6
_PARTICLES = frozenset({"al", "el", "ez", "es", "ed", "ad", "ar", "as", "ash", "az", "da", "de", "do", "du", "des",
                        "la", "le", "au", "aux", "bin", "ibn", "abu"})  # fmt: skip
_JOINERS = frozenset({"-", "'", "’"})
_PLACE_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "npadvmod", "conj", "appos", "ROOT", "attr", "oprd"})
# Entities whose words are no place names; the small model's other labels are often wrong for towns ("Aleppo"
# LANGUAGE, "Daraa" WORK_OF_ART, "Sderot" PRODUCT), so they do not block.
_BLOCKING_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_TITLE_CASE_SHARE = 0.7
_COMMA_NAME = re.compile(r"^,\s+([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2})")


def _is_capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and not (text.isupper() and len(text) > 1)  # capitals are the dateline's or acronyms


def _is_proper(token: Token) -> bool:
    return token.tag_ in ("NNP", "NNPS")


def _title_case_sentences(doc: Doc) -> set[int]:
    """Start tokens of sentences written in title case (headlines), where every word is capitalised anyway."""
    found = set()
    for sentence in doc.sents:
        words = [t for t in sentence if t.is_alpha and len(t.text) > 3]
        if len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= _TITLE_CASE_SHARE * len(words):
            found.add(sentence.start)
    return found


def _entity_bounds(ents: Sequence[Span], length: int) -> tuple[list[tuple[int, int] | None], list[str]]:
    """Per token: the (start, end) of the entity holding it, and that entity's label ("" outside entities)."""
    bounds: list[tuple[int, int] | None] = [None] * length
    labels = [""] * length
    for ent in ents:
        for i in range(ent.start, ent.end):
            bounds[i] = (ent.start, ent.end)
            labels[i] = ent.label_
    return bounds, labels


def _respects_entities(first: int, last: int, bounds: list[tuple[int, int] | None], doc: Doc) -> bool:
    """The run [first, last) is outside every entity, or is an entity's whole text (less a leading "the")."""
    for i in (first, last - 1):
        bound = bounds[i]
        if bound is None:
            continue
        start, end = bound
        if doc[start].lower_ == "the":
            start += 1
        if start < first or end > last:
            return False
    return True


def _runs(doc: Doc, start: int) -> list[int]:
    """The ends of the capitalised runs starting at token `start`, longest first."""
    ends = []
    i = start
    while i < len(doc) and i - start < MAX_NAME_TOKENS:
        token = doc[i]
        joins = token.whitespace_ == "" and token.text in _JOINERS
        particle = token.lower_ in _PARTICLES and i + 1 < len(doc)
        apostrophe_name = token.text[:1].isupper() and "'" in token.text  # "Sana'a"
        if i > start and (joins or particle):
            pass
        elif (_is_capitalised(token) and token.is_alpha) or (i > start and apostrophe_name):
            ends.append(i + 1)
        else:
            break
        if token.whitespace_ and i + 1 < len(doc) and doc[i + 1].text in _JOINERS:
            break  # "Mosul - Reuters": a dash between spaces ends the name
        i += 1
    return ends[::-1]


def _fits_story(found: Sequence[GazEntry], hints: StoryHints) -> bool:
    return any(c.country in hints.countries or (c.admin1_code and c.admin1_code in hints.admin1_codes) for c in found)


def _is_notable(found: Sequence[GazEntry], knowledge: PlaceKnowledge, key: str, size: int) -> bool:
    if key in knowledge.gazetteer.news_senses:
        return True
    return any(c.population >= size for c in found if c.feature in ("city", "admin1", "country"))


def _used_as_place(span: Span) -> bool:
    """The name heads a phrase the way a place does (object, subject, apposition), not a modifier of a noun."""
    root = span.root
    return root.dep_ in _PLACE_DEPS


def _container_follows(text: str, end: int, knowledge: PlaceKnowledge, found: Sequence[GazEntry]) -> bool:
    """ "Sake, Congo", "Bama, Borno state": the name is followed by a region or country that holds one of its places."""
    match = _COMMA_NAME.match(text[end : end + 40])
    if match is None:
        return False
    holders = [c for c in candidates_for(knowledge, match.group(1)) if c.feature in ("country", "admin1")]
    return any(h.country == c.country and (h.feature == "country" or h.admin1_code == c.admin1_code)
               for h in holders for c in found)  # fmt: skip


def _org_acting(doc: Doc, i: int, bounds: list[tuple[int, int] | None], labels: list[str]) -> bool:
    """A one-word name the model tags ORG that is the subject of a verb ("Xinhua reported", "Hamas said") acts like an
    organisation: it needs the same support as a name the model took for a person's."""
    bound = bounds[i]
    return labels[i] == "ORG" and bound is not None and bound[1] - bound[0] == 1 and doc[i].dep_ == "nsubj"


def _person_words(ents: Sequence[Span]) -> set[str]:
    return {token.text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1 for token in ent}


def gazetteer_mentions(
    text: str,
    doc: Doc,
    knowledge: PlaceKnowledge,
    taken: Sequence[Mention],
    hints: StoryHints,
    *,
    ents: Sequence[Span],
) -> list[Mention]:
    """Place mentions the model did not find, led by the gazetteer (rules 1-3 of the module docstring)."""
    bounds, labels = _entity_bounds(ents, len(doc))
    taken_chars = sorted((m.start, m.end) for m in taken)
    person_words = _person_words(ents)
    title_case = _title_case_sentences(doc)
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if not _is_capitalised(token) or labels[i] in _BLOCKING_LABELS or not _is_proper(token):
            i += 1
            continue
        taken_for = "person" if labels[i] == "PERSON" else "organisation" if _org_acting(doc, i, bounds, labels) else ""
        mention = _mention_at(text, doc, i, knowledge, hints, bounds, taken_chars, person_words, title_case, taken_for)
        if mention is None:
            i += 1
            continue
        found.append(mention[0])
        i = mention[1]
    return found


def _mention_at(
    text: str,
    doc: Doc,
    first: int,
    knowledge: PlaceKnowledge,
    hints: StoryHints,
    bounds: list[tuple[int, int] | None],
    taken_chars: list[tuple[int, int]],
    person_words: set[str],
    title_case: set[int],
    taken_for: str,
) -> tuple[Mention, int] | None:
    for last in _runs(doc, first):
        span = doc[first:last]
        start, end = span.start_char, span.end_char
        if any(s < end and start < e for s, e in taken_chars):
            continue
        if not all(_is_proper(t) for t in span if t.is_alpha and t.lower_ not in _PARTICLES):
            continue
        if not _respects_entities(first, last, bounds, doc):
            continue
        name = text[start:end]
        if name in person_words or is_not_a_place(name, text[end : end + 20], knowledge):
            continue
        found = [c for c in candidates_for(knowledge, name) if c.feature in ("city", "admin1", "admin2", "country")]
        if not found or not _supported(text, span, name, found, knowledge, hints, title_case, taken_for):
            continue
        return Mention(start, end, name, "GAZETTEER", list(found)), last
    return None


def _supported(
    text: str,
    span: Span,
    name: str,
    found: Sequence[GazEntry],
    knowledge: PlaceKnowledge,
    hints: StoryHints,
    title_case: set[int],
    taken_for: str,
) -> bool:
    """Rule 3 of the module docstring. A name the model took for a person's (`taken_for` "person") needs support;
    one it took for an acting organisation's ("Xinhua reported" in a story about China) needs support from its own
    phrase, since the story's country is that of its organisations too."""
    cues = knowledge.cues
    before = text[max(0, span.start_char - 40) : span.start_char]
    if cues.person_title_before.search(before):
        return False
    key_size = NOTABLE_POPULATION
    sentence_start = span.sent.start
    own_phrase = (
        bool(cues.locative_before.search(before))
        or _in_a_settlement_phrase(span, cues.settlement_nouns)
        or _container_follows(text, span.end_char, knowledge, found)
    )
    if taken_for == "organisation":
        return own_phrase
    supported = own_phrase or _fits_story(found, hints)
    if supported or taken_for or sentence_start in title_case:
        return supported
    if span.start == sentence_start:  # capitalised anyway: only a big town, whatever the news senses say
        return any(c.population >= BIG_POPULATION for c in found) and _used_as_place(span)
    notable = _is_notable(found, knowledge, normalize(name), key_size)
    return notable and _used_as_place(span)


def _in_a_settlement_phrase(span: Span, nouns: frozenset[str]) -> bool:
    """ "a residential district of Bucha", "the outskirts of Gwoza": the object of "of" after a settlement noun."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in nouns
