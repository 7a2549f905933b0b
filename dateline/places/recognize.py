"""Recognition of place mentions: which spans of an article name places, and the gazetteer places each may be.

In order: 1. the model's GPE/LOC/FAC entities (a name the gazetteer lacks falls back to the area it belongs to:
"North Texas" → Texas, "Catawba River" → Catawba); 2. the opening dateline ("MOSUL (AP) —") when the model missed
it; 3. place names inside ORG/PERSON entities ("the Mansfield Police Department", "Texas" mis-tagged as an ORG), kept
only when the story's other places make them likely; 4. town names right before a police word ("Salina police
said") that the model missed.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from dateline.places.gazetteer import GazEntry, Gazetteer, normalize
from dateline.places.knowledge import Cues, PlaceKnowledge
from dateline.records import Article

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RESCUE_LABELS = frozenset({"PERSON", "ORG"})
MAX_CANDIDATES = 40
MAX_COMPLETION_TOKENS = 3
BROAD_FEATURES = frozenset({"country", "admin1", "continent", "region"})
EMBEDDED_MIN_POPULATION = 1_000
BIG_CITY_POPULATION = 100_000
LEADING_TOWN_MIN_POPULATION = 10_000
PERSON_MIN_CHARS = 4  # a short "person" ("Lu", "Ma") is a surname far more often than a mis-tagged town
_POSSESSIVE = re.compile(r"['’]s?$")
_TRAILING_JUNK = frozenset(",;:!?)]}\"'’”-–—")
DATELINE_SEARCH_CHARS = 600
# Capitals, an optional ", State", an optional "(AP)", then a dash: "MOSUL (AP) —", "COLUMBUS, Ohio --".
_OPENING_DATELINE = re.compile(
    r"(?:^|(?<=\s))([A-Z][A-Z'’.]{2,}(?:[ -][A-Z][A-Z'’.]+){0,3})(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"\s*(?:\([A-Za-z .]+\)\s*)?(?:--|[–—-])\s"
)
# What follows the dateline's place up to its dash: ", Iraq", a date ("Oct. 3"), the agency ("(AP)").
_DATELINE_REST = re.compile(
    r"(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}){0,2}(?:,?\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\([^()\n]{2,40}\)\s*)?(?:--|[–—-])"
)
# Words that join the parts of a name ("Bay of Pigs", "Trinidad and Tobago"): no name part ends or starts on one.
_CONNECTORS = frozenset(("of", "and", "the", "de", "del", "la", "le"))
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass
class Mention:
    """A span that may name a place, its candidate places (most populous first) and, once resolved, the choice."""

    start: int
    end: int
    text: str
    label: str
    candidates: list[GazEntry] = field(default_factory=list)
    chosen: GazEntry | None = None
    key: str = ""
    sense: int | None = None


def candidates_for(knowledge: PlaceKnowledge, text: str) -> list[GazEntry]:
    return list(_known_candidates(knowledge, text))


# Why the caches keyed on the knowledge and a name: a story repeats its few place names in every mention, n-gram and
# completion that is looked up (about 12 lookups per distinct name), and each lookup builds its entries afresh.
@functools.lru_cache(maxsize=1 << 14)
def _known_candidates(knowledge: PlaceKnowledge, text: str) -> tuple[GazEntry, ...]:
    gazetteer = knowledge.gazetteer
    found = gazetteer.lookup(text)
    if not found:
        shorter = knowledge.cues.type_word_at_end.sub("", text)
        if shorter != text:
            found = gazetteer.lookup(shorter)
    found.sort(key=lambda entry: -entry.population)
    return tuple(found[:MAX_CANDIDATES])


@functools.lru_cache(maxsize=1 << 14)
def _names_a_broad_place(gazetteer: Gazetteer, text: str) -> bool:
    return any(c.feature in BROAD_FEATURES for c in gazetteer.lookup(text))


def _area_candidates(knowledge: PlaceKnowledge, text: str) -> list[GazEntry]:
    """For a name the gazetteer lacks, the place it is part of: "North Texas" → Texas, "Catawba River" → Catawba,
    "Hamilton Township" → Hamilton (a leading direction word dropped, or one or two trailing feature words)."""
    cues = knowledge.cues
    words = text.replace("-", " ").split() if text[:1].isupper() else []
    if len(words) < 2:
        return []
    directions = next((i for i, word in enumerate(words) if word.lower() not in cues.direction_words), len(words))
    if 0 < directions < len(words):  # "North-Western Sydney" → Sydney
        found = candidates_for(knowledge, " ".join(words[directions:]))
        if found:
            return found
    for cut in (1, 2):
        head, tail = words[: len(words) - cut], " ".join(words[len(words) - cut :]).lower()
        if tail not in cues.feature_words or not head or head[-1].lower() in _CONNECTORS:
            continue
        if len(head) == 1 and head[0].lower().strip(".") in cues.name_heads:
            continue
        found = candidates_for(knowledge, " ".join(head))
        if found:
            return found
    return _leading_place(knowledge, words)


def _leading_place(knowledge: PlaceKnowledge, words: list[str]) -> list[GazEntry]:
    """The longest first words that name a region, a "... County" or a sizeable town: "Guernsey County Common
    Pleas Court" → Guernsey County, "West Virginia Democratic Party" → West Virginia."""
    no_place_alone = knowledge.cues.no_place_alone
    for size in range(len(words) - 1, 0, -1):
        if words[size].lower() in _CONNECTORS or words[size - 1].lower() in _CONNECTORS:
            continue
        if all(w.lower().strip(".") in no_place_alone for w in words[:size]):
            continue  # "Fort" of "Fort Hood", "North Western" of "North Western Sydney" name no place alone
        head = " ".join(words[:size])
        found = [c for c in candidates_for(knowledge, head) if _is_sizeable(c, head, knowledge.cues)]
        if found:
            return found
    return []


def _is_sizeable(entry: GazEntry, text: str, cues: Cues) -> bool:
    if entry.feature in ("country", "admin1"):
        return True
    if entry.feature == "admin2":
        return bool(cues.type_word_at_end.search(text))
    return entry.feature == "city" and entry.population >= LEADING_TOWN_MIN_POPULATION


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and trailing punctuation from an entity span."""
    segment = text[start:end]
    lead = _LEADING_THE.match(segment)
    if lead:
        start += lead.end()
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive and possessive.start() > start:
        end = possessive.start()
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_JUNK):
        end -= 1
    return start, end


def is_not_a_place(text: str, after: str, knowledge: PlaceKnowledge) -> bool:
    """Model entities that name no place: "the West", a demonym tagged GPE ("Angolan"), "West Nile" in "West Nile
    virus"."""
    key = normalize(text)
    cues, gazetteer = knowledge.cues, knowledge.gazetteer
    if text.lower() in cues.not_places or cues.not_place_after.match(after):
        return True
    if _names_a_part_of_town(text, after, cues):
        return True
    return key in gazetteer.demonyms and key not in gazetteer.names


def _names_a_part_of_town(text: str, after: str, cues: Cues) -> bool:
    """ "South Side", "Lower East Side", or "Northwest" before "Side": direction words and a part-of-town noun."""
    words = text.lower().split()
    if words and words[-1] in cues.city_part_heads:
        words = words[:-1]
    else:
        following = after.split(maxsplit=1)
        if not following or following[0].lower().strip(".,;:") not in cues.city_part_heads:
            return False
    return bool(words) and all(word in cues.direction_words for word in words)


def _completed_end(text: str, doc: Doc, token_end: int, start: int, end: int, gazetteer: Gazetteer) -> int:
    """The end of a country or region name the model cut short: "Democratic Republic" + "of the Congo",
    "Guinea" + "-Bissau". Extends over at most MAX_COMPLETION_TOKENS tokens, longest match first."""
    for stop in range(min(len(doc), token_end + MAX_COMPLETION_TOKENS), token_end, -1):
        last = doc[stop - 1]
        if not last.text[:1].isupper() or any(t.is_sent_start for t in doc[token_end:stop]):
            continue
        longer = text[start : last.idx + len(last.text)]
        if _names_a_broad_place(gazetteer, longer):
            return last.idx + len(last.text)
    return end


def model_mentions(
    article: Article, doc: Doc, knowledge: PlaceKnowledge, *, ents: Sequence[Span] | None = None
) -> list[Mention]:
    """`ents` is `doc.ents` when the caller has it (spaCy builds every entity Span afresh on each access)."""
    mentions = []
    for ent in doc.ents if ents is None else ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = _trimmed(article.text, ent.start_char, ent.end_char)
        if end <= start:
            continue
        end = _completed_end(article.text, doc, ent.end, start, end, knowledge.gazetteer)
        text = article.text[start:end]
        if is_not_a_place(text, article.text[end : end + 20], knowledge):
            continue
        candidates = candidates_for(knowledge, text)
        if not candidates:
            candidates = _area_candidates(knowledge, text)
            label = "AREA" if candidates else ent.label_
        else:
            label = ent.label_
        mentions.append(Mention(start, end, text, label, candidates))
    return mentions


def find_dateline(article: Article) -> tuple[int, int] | None:
    """The span of the opening dateline: the one the cleaner found, else "MOSUL (AP) —"-style capitals at the top."""
    if article.dateline:
        start = article.text.find(article.dateline)
        return (start, start + len(article.dateline)) if start >= 0 else None
    match = _OPENING_DATELINE.search(article.text, 0, DATELINE_SEARCH_CHARS)
    return match.span(1) if match else None


def dateline_header(article: Article) -> tuple[int, int] | None:
    """The span of the whole opening dateline, from its place to its dash: "ERBIL, Iraq (Tigris Wire) —". The
    places named there say where the story was filed from, not where anything in the first sentence happened."""
    span = find_dateline(article)
    if span is None:
        return None
    rest = _DATELINE_REST.match(article.text, span[1])
    return (span[0], rest.end()) if rest else span


def dateline_mention(article: Article, knowledge: PlaceKnowledge, taken: Sequence[Mention]) -> Mention | None:
    """The opening dateline as a mention when the model did not tag it."""
    span = find_dateline(article)
    if span is None:
        return None
    start, end = span
    if any(m.start < end and start < m.end for m in taken):
        return None
    text = article.text[start:end]
    candidates = candidates_for(knowledge, text)
    return Mention(start, end, text, "DATELINE", candidates) if candidates else None


@dataclass(frozen=True)
class StoryHints:
    """What the model's own place mentions say about the story, to judge names found inside other entities."""

    countries: Counter[str]
    admin1_codes: frozenset[str]
    names: frozenset[str]


def story_hints(mentions: Sequence[Mention], demonyms: Counter[str]) -> StoryHints:
    countries: Counter[str] = Counter(m.candidates[0].country for m in mentions if m.candidates)
    countries.update(demonyms)
    admin1_codes = frozenset(
        c.admin1_code for m in mentions for c in m.candidates[:1] if c.admin1_code and c.feature != "country"
    )
    return StoryHints(countries, admin1_codes, frozenset(normalize(m.text) for m in mentions))


def _is_strong(entry: GazEntry, text: str, hints: StoryHints, cues: Cues, whole_word: bool = False) -> bool:
    """Whether a name found inside another entity is worth a place mention (see `embedded_mentions`):
    a country or first-level region; a "... County"; a city the story names elsewhere, or one in a region the story
    is about, or a big city of the story's country (unless the entity is an ORG of that one word: "Xinhua")."""
    if entry.feature in ("country", "admin1", "continent", "region"):
        return True
    if entry.feature == "admin2":
        return bool(cues.type_word_at_end.search(text))
    if entry.country not in hints.countries:
        return False
    if normalize(text) in hints.names or (entry.population >= BIG_CITY_POPULATION and not whole_word):
        return True
    return entry.admin1_code in hints.admin1_codes and entry.population >= EMBEDDED_MIN_POPULATION


def _person_name_parts(ents: Sequence[Span]) -> set[str]:
    """Words that are part of a multi-word person name somewhere in the article ("Ripley" of "John Ripley")."""
    return {token.text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1 for token in ent}


def embedded_mentions(
    doc: Doc,
    knowledge: PlaceKnowledge,
    hints: StoryHints,
    *,
    text: str | None = None,
    ents: Sequence[Span] | None = None,
) -> list[Mention]:
    """Place names inside ORG/PERSON entities: "the Mansfield Police Department", "Texas" mis-tagged as ORG.

    Longest capitalised n-grams first, without organisation words; an ORG may contain places anywhere, a PERSON only
    as its whole text, and never a word used in a longer person name elsewhere in the article. `text` is the Doc's
    text when the caller has it (spaCy builds `doc.text`, and each Span's text, afresh on every access); `ents` is
    `doc.ents` likewise.
    """
    ents = doc.ents if ents is None else ents
    cues = knowledge.cues
    person_parts = _person_name_parts(ents)
    full_text = doc.text if text is None else text
    found: list[Mention] = []
    for ent in ents:
        if ent.label_ not in RESCUE_LABELS or ent[-1].text.lower() in cues.media_words:
            continue
        if ent.label_ == "PERSON":
            if (
                len(ent) > 3
                or len(full_text[ent.start_char : ent.end_char]) < PERSON_MIN_CHARS
                or full_text[ent.start_char : ent.end_char] in person_parts
                or cues.person_title_before.search(full_text[max(0, ent.start_char - 20) : ent.start_char])
            ):
                continue
            spans = [(ent.start, ent.end)]
        else:
            spans = [(i, i + n) for i in range(ent.start, ent.end) for n in (3, 2, 1) if i + n <= ent.end]
        # Per word, once: an n-gram starts on no "the" and has only capitalised words that are not organisation words.
        starts_ok = [token.lower_ != "the" for token in ent]
        words_ok = [t.text[:1].isupper() and t.text.lower().strip(".") not in cues.org_words for t in ent]
        used_until = -1
        for first, last in spans:
            if first < used_until:
                continue
            if not starts_ok[first - ent.start] or not all(words_ok[first - ent.start : last - ent.start]):
                continue
            tokens = doc[first:last]
            name = full_text[tokens.start_char : tokens.end_char]
            after = full_text[tokens.end_char : tokens.end_char + 20]
            if name in person_parts or is_not_a_place(name, after, knowledge):
                continue
            whole_word = ent.label_ == "ORG" and last - first == 1 and (first, last) == (ent.start, ent.end)
            candidates = candidates_for(knowledge, name)
            # Whether the name is a place mention at all is judged here; which place it is, by disambiguate.py.
            if any(_is_strong(c, name, hints, cues, whole_word) for c in candidates):
                found.append(Mention(tokens.start_char, tokens.end_char, name, ent.label_, candidates))
                used_until = last
    return found


def demonym_countries(doc: Doc, knowledge: PlaceKnowledge, *, ents: Sequence[Span] | None = None) -> Counter[str]:
    """The countries of the NORP entities ("Iraqi", "Kenyans"); `ents` is `doc.ents` when the caller has it.

    A demonym right before an actor noun ("Russian forces", "Iraqi troops", `actor_nouns_after` of cues.yaml) names
    who acts, not where: in war news the attacker's country is often not the country of the place attacked, so it
    is not counted (issue 20: "Russian forces pounded Pokrovsk" is not about a Pokrovsk in Russia)."""
    gazetteer, actor_noun_after = knowledge.gazetteer, knowledge.cues.actor_noun_after
    text = doc.text
    found: Counter[str] = Counter()
    for ent in doc.ents if ents is None else ents:
        if ent.label_ == "NORP":
            country = gazetteer.demonyms.get(normalize(ent.text))
            if country and not actor_noun_after.match(text[ent.end_char : ent.end_char + 30]):
                found[country] += 1
    return found


POLICE_TOWN_MIN_POPULATION = 1_000
# A town name of several senses before a police word, in a story that names no region, is taken when one of its senses
# is a city this big (the disambiguation then picks it by its size).
POLICE_CITY_POPULATION = 100_000


def police_town_mentions(
    text: str, knowledge: PlaceKnowledge, taken: Sequence[Mention], hints: StoryHints | None = None
) -> list[Mention]:
    """Town names right before a police word that the model missed: "Salina police said", "the Little Rock Police
    Department". The longest ending of the capitalised name that the gazetteer knows as a town or county is kept,
    when the story's other places (`hints`) name its state or the name itself, or it has a single sense."""
    police = knowledge.police
    found = []
    for match in police.after.finditer(text):
        words = match.group(1).split(" ")
        for first in range(len(words)):
            name = " ".join(words[first:])
            start = match.end(1) - len(name)
            if words[first].lower() in police.not_town or any(m.start < match.end(1) and start < m.end for m in taken):
                continue
            candidates = [
                c
                for c in candidates_for(knowledge, name)
                if c.feature in ("city", "admin2") and c.population >= POLICE_TOWN_MIN_POPULATION
            ]
            if candidates and _fits_the_story(name, candidates, hints):
                found.append(Mention(start, match.end(1), name, "GPE", candidates))
                break
    return found


def _fits_the_story(name: str, candidates: Sequence[GazEntry], hints: StoryHints | None) -> bool:
    if hints is None or len(candidates) == 1 or normalize(name) in hints.names:
        return True
    if not hints.admin1_codes and max(c.population for c in candidates) >= POLICE_CITY_POPULATION:
        return True  # a story that names no region: "the Wichita Police Dept." is the big city's police
    return any(c.admin1_code in hints.admin1_codes for c in candidates)
