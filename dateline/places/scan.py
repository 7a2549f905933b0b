"""Gazetteer-led recognition (issue 20): a place the gazetteer knows is a candidate wherever its name is written as a
proper name, whatever label the model gave it (the small model tags "Aleppo" nothing, "Mariupol" ORG, "Khan
Sheikhoun" PERSON).

A capitalised run of words (joined by hyphens or the lower-case particles of Arabic, French and Portuguese names:
"Deir ez-Zor", "Port-au-Prince", "Mocimboa da Praia") that the gazetteer knows as a town, a region or a country is a
place mention when all of these hold:
1. the tagger reads its words as proper nouns (so "Nice weather", "Mobile phones" and "Reading the report" are not
   places: the collision with common words is settled by the parse of the sentence, not by a list), and a one-word
   name is not written in lower case elsewhere in the article ("the Council" beside "the council"); names of one or
   two letters are never taken;
2. it is not part of a longer name the model found (a person's "John Ripley", an organisation's "Kurdistan Regional
   Government"; the places inside organisation names are recognize.py's), nor a word of a person's name used
   elsewhere in the article, nor a name after a person's title ("Gen. Homs") or before a person's name (a title:
   "Commissioner Ronny Lawrence");
3. a name the model took for a people, faith or party (NORP: "Shia") is a place only when it is a town in the
   news ("Aleppo"); else its own phrase supports it: a locative introduces it ("in", "near"), it is the object of
   "of" after a settlement noun ("the outskirts of Gwoza"), or a container follows it ("Sake, Congo"); else
4. if the model took it for something else (a person's name, an organisation), it is a town in the news
   (news_senses.tsv, conflict_places.tsv) used as a place: "pounded Mariupol" (ORG); a name taken for a person's
   only as an object ("shelled Khan Younis"); an organisation's name acting as a clause's subject ("Xinhua
   reported") never; else
5. the story supports it: the story names the place's region, or its country when the town has
   STORY_COUNTRY_POPULATION people or is in the news (a country holds thousands of small towns named like people and
   things: "Anderson", "Dodge"); else
6. the place is notable (a town of NOTABLE_POPULATION or more, or a name's news sense) and the sentence uses the name
   as a place would be used (an object or subject, not a modifier of another noun: "Fano militiamen", "Wagner
   fighters" name groups). A sentence's first word, capitalised anyway, needs a big place; a title-case line (a
   headline) needs rule 3 or 5.
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
_OBJECT_DEPS = frozenset({"dobj", "pobj"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MIN_NAME_CHARS = 3  # "D" of "D-S.C." and "Re" of "Re/Max" are no towns
# A town found only because the story names its country (not its region) is this big, or a town in the news: a
# country holds thousands of small towns named like people and things ("Anderson", "Dodge", "Bell").
STORY_COUNTRY_POPULATION = 20_000
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


def _fits_story(found: Sequence[GazEntry], hints: StoryHints, in_the_news: bool) -> bool:
    """A place in a region the story names, or one of some size (or in the news) in a country it names."""
    return any(
        (c.admin1_code and c.admin1_code in hints.admin1_codes)
        or (c.country in hints.countries and (in_the_news or c.population >= STORY_COUNTRY_POPULATION))
        for c in found
    )


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


def _taken_for(doc: Doc, i: int, bounds: list[tuple[int, int] | None], labels: list[str]) -> str:
    """What the model took the name at token i for: "person", "organisation" (one acting as a clause's subject),
    "group" (NORP: a people, a faith, a party), "other" (any other label but a place's), or "" (no entity, or a
    place's label)."""
    if labels[i] == "PERSON":
        return "person"
    if _org_acting(doc, i, bounds, labels):
        return "organisation"
    if labels[i] == "NORP":
        return "group"
    return "other" if labels[i] and labels[i] not in _PLACE_LABELS else ""


def _common_words(doc: Doc) -> frozenset[str]:
    """Words the article writes in lower case: a capitalised "Council" or "Act" where "council" and "act" appear
    too is that word, not a town of that name."""
    return frozenset(token.text for token in doc if token.is_alpha and token.text.islower())


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
    """Place mentions the model did not find, led by the gazetteer (rules 1-6 of the module docstring)."""
    bounds, labels = _entity_bounds(ents, len(doc))
    taken_chars = sorted((m.start, m.end) for m in taken)
    person_words = _person_words(ents)
    title_case = _title_case_sentences(doc)
    common = _common_words(doc)
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if not _is_capitalised(token) or labels[i] in _BLOCKING_LABELS or not _is_proper(token):
            i += 1
            continue
        taken_for = _taken_for(doc, i, bounds, labels)
        mention = _mention_at(
            text, doc, i, knowledge, hints, bounds, taken_chars, person_words, title_case, taken_for, common
        )
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
    common: frozenset[str],
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
        if len(name) < MIN_NAME_CHARS or name in person_words or (last - first == 1 and name.lower() in common):
            continue
        if last < len(doc) and doc[last].ent_type_ == "PERSON" and doc[last].ent_iob_ == "B":
            continue  # a title before a person's name: "Commissioner Ronny Lawrence", "City Manager Jim Hartmann"
        if is_not_a_place(name, text[end : end + 20], knowledge) or _part_of_town_head(doc, first, name, knowledge):
            continue
        found = [c for c in candidates_for(knowledge, name) if c.feature in ("city", "admin1", "admin2", "country")]
        if not found or not _supported(text, span, name, found, knowledge, hints, title_case, taken_for):
            continue
        return Mention(start, end, name, "GAZETTEER", list(found)), last
    return None


def _part_of_town_head(doc: Doc, first: int, name: str, knowledge: PlaceKnowledge) -> bool:
    """Whether the name is the part-of-town noun of "the Lower East Side", "the city's South Side" (direction words
    just before it): the town's own quarter, never the "Side" of Turkey."""
    cues = knowledge.cues
    return name.lower() in cues.city_part_heads and first > 0 and doc[first - 1].lower_ in cues.direction_words


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
    """Rules 3-6 of the module docstring (`taken_for`: what the model took the name for, see `_taken_for`)."""
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
    in_the_news = normalize(name) in knowledge.gazetteer.news_senses
    if taken_for == "group" and not in_the_news:
        return False  # "in Shia areas": a people or a faith, though a town abroad bears the name
    if own_phrase:
        return True
    if taken_for == "organisation":
        return False
    if taken_for:
        # "shelled Khan Younis" (PERSON), "pounded Mariupol" (ORG): a town in the news (news_senses.tsv,
        # conflict_places.tsv) that the model took for something else is still the town when it is used as one; a
        # name taken for a person's only as what is acted on or a preposition's object.
        used = span.root.dep_ in _OBJECT_DEPS if taken_for == "person" else _used_as_place(span)
        return in_the_news and used
    supported = _fits_story(found, hints, in_the_news)
    if supported or sentence_start in title_case:
        return supported
    if span.start == sentence_start:  # capitalised anyway: only a big town, whatever the news senses say
        return any(c.population >= BIG_POPULATION for c in found) and _used_as_place(span)
    notable = _is_notable(found, knowledge, normalize(name), key_size)
    return notable and _used_as_place(span)


def _in_a_settlement_phrase(span: Span, nouns: frozenset[str]) -> bool:
    """ "a residential district of Bucha", "the outskirts of Gwoza": the object of "of" after a settlement noun."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in nouns
