"""The actors stage: every actor mention, resolved to a canonical identity with PLOVER country and sector.

Reads: the Doc (entities, noun chunks, dependencies, sentences), Article.text and Article.published (office-holders
are resolved by the article's date). Writes: Actor records (id, name, country, sector, every mention's offsets).

Public API:
- `load_actor_knowledge(extra_file=None) -> ActorKnowledge`: the curated KB (knowledge/actors/) plus an optional user
  YAML file, with the entity ruler's words; `load_actor_kb(extra_file=None) -> ActorKB` the KB alone.
- `entity_patterns(knowledge)`: EntityRuler patterns that fix the spaCy model's systematic errors (put before "ner").
- `find_actors(article, doc, *, knowledge) -> list[Actor]`: the stage.
- `resolve_span(article, doc, start, end, actors) -> ActorRef | None`: for the events and quotes stages, the actor a
  character span refers to (the mention containing the span's syntactic head, else the most overlapping mention).
- `actor_at(actors, start, end) -> Actor | None`: the same without a Doc, by overlap only.
- `is_media(actor) -> bool`: news organisations (sector MED; `media: true` in the KB) are never parties to events.
- `demonym_country(text, actors, knowledge) -> ActorRef | None`: the country a demonym names ("American"), for words
  that name a country without being an actor mention ("a lack of American support").
- For the events stage's parties (composition.py): `country_actor(text, knowledge)` (a country or its capital in any
  grammatical position), `generic_actor(knowledge, text, country=, sector=)` ("Military Forces of Israel"),
  `role_sector(word, knowledge)`, `home_country(doc, kb)` (the country an article is mostly about), `alpha3(code)`
  (alpha-2 to alpha-3) and `PartyWords` (knowledge/actors/parties.yaml).

Ids: KB actors keep their KB id ("islamic-state", "haider-al-abadi", countries "irq"); "<sector> of <country>" actors
are "<alpha3>-<sector>" ("irq-mil"); actors outside the KB get "x-" plus their transliteration-insensitive name key
("x-hakim-zamili"), so the same name in two articles gives the same id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy
from spacy.attrs import IS_ALPHA, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from dateline.actors.composition import (
    alpha3,
    country_actor,
    generic_actor,
    home_country,
    identity_word,
    role_sector,
)
from dateline.actors.kb import ActorKB, KBActor, load_actor_kb
from dateline.actors.knowledge import ActorKnowledge, PartyWords, RulerWords, load_actor_knowledge
from dateline.actors.linking import ArticleState, Identity, country_identity, new_state, resolve_candidate
from dateline.actors.mentions import find_candidates
from dateline.actors.names import fold, name_key
from dateline.actors.patterns import entity_patterns
from dateline.knowledge.loader import KnowledgeError
from dateline.records import Actor, ActorRef, Article, Mention

__all__ = [
    "ActorKB",
    "ActorKnowledge",
    "KBActor",
    "KnowledgeError",
    "PartyWords",
    "RulerWords",
    "actor_at",
    "alpha3",
    "country_actor",
    "demonym_country",
    "entity_patterns",
    "find_actors",
    "fold",
    "generic_actor",
    "home_country",
    "identity_word",
    "is_media",
    "load_actor_kb",
    "load_actor_knowledge",
    "resolve_span",
    "role_sector",
]

MEDIA_SECTOR = "MED"


def _later_short_names(doc: Doc, covered: list[tuple[int, int]], state: ArticleState) -> list[tuple[Span, Identity]]:
    """Short names the model did not tag ("Abadi", "al-Abadi") of people already named in this article."""
    found: list[tuple[Span, Identity]] = []
    # Why the arrays: only proper nouns made of letters can be short names, so Tokens are made for those alone.
    tags = doc.to_array([POS, IS_ALPHA])
    for index in numpy.flatnonzero((tags[:, 0] == PROPN) & (tags[:, 1] != 0)).tolist():
        token = doc[index]
        if not token.text[0].isupper():
            continue
        identity = state.surnames.get(name_key(token.text))
        if identity is None:
            continue
        start = (
            token.i - 2
            if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "al"
            else token.i
        )
        span = doc[start : token.i + 1]
        if not any(span.start_char < end and span.end_char > begin for begin, end in covered):
            found.append((span, identity))
    return found


def find_actors(
    article: Article, doc: Doc, *, knowledge: ActorKnowledge, is_place: Callable[[str], bool] | None = None
) -> list[Actor]:
    """Find and resolve every actor mention; one Actor per identity, its mentions in text order.

    `is_place(name)`, when given (e.g. a gazetteer lookup), keeps place names the model tagged PERSON or ORG ("Hilla")
    from becoming new actors; names in the actor KB are never checked against it.
    """
    if not article.text.strip() or len(doc) == 0:
        return []
    kb = knowledge.kb
    state = new_state(doc, kb, article.published, is_place, text=article.text)
    resolved: list[tuple[int, int, Identity]] = []
    for candidate in find_candidates(doc, kb, text=article.text):
        identity = resolve_candidate(candidate, kb, state)
        if identity is not None:
            resolved.append((candidate.start, candidate.end, identity))
    covered = [(start, end) for start, end, _ in resolved]
    for span, identity in _later_short_names(doc, covered, state):
        resolved.append((span.start_char, span.end_char, identity))
    return _group(article.text, sorted(resolved, key=lambda item: item[0]))


def _group(text: str, resolved: list[tuple[int, int, Identity]]) -> list[Actor]:
    identities: dict[str, Identity] = {}
    mentions: dict[str, list[Mention]] = {}
    for start, end, identity in resolved:
        identities.setdefault(identity.id, identity)
        mentions.setdefault(identity.id, []).append(Mention(text=text[start:end], start=start, end=end))
    return [
        Actor(
            id=actor_id,
            name=found.name,
            country=found.country,
            sector=found.sector,
            mentions=tuple(mentions[actor_id]),
        )
        for actor_id, found in identities.items()
    ]


def _overlap(mention: Mention, start: int, end: int) -> int:
    return max(0, min(mention.end, end) - max(mention.start, start))


def actor_at(actors: list[Actor] | tuple[Actor, ...], start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping [start, end) the most (earliest mention on ties), or None."""
    best: tuple[int, int, Actor] | None = None
    for actor in actors:
        for mention in actor.mentions:
            if mention.end <= start or mention.start >= end:  # cheap reject: most mentions are elsewhere
                continue
            shared = _overlap(mention, start, end)
            if shared and (best is None or (shared, -mention.start) > (best[0], -best[1])):
                best = (shared, mention.start, actor)
    return best[2] if best else None


def _head_actor(doc: Doc, actors: list[Actor] | tuple[Actor, ...], start: int, end: int) -> Actor | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    head = span.root
    return actor_at(actors, head.idx, head.idx + len(head.text))


def resolve_span(
    article: Article, doc: Doc, start: int, end: int, actors: list[Actor] | tuple[Actor, ...]
) -> ActorRef | None:
    """The actor the text span [start, end) refers to, as an ActorRef carrying the span's own words."""
    if not 0 <= start < end <= len(article.text):
        return None
    actor = _head_actor(doc, actors, start, end) or actor_at(actors, start, end)
    if actor is None:
        return None
    return ActorRef(
        text=article.text[start:end], id=actor.id, name=actor.name, country=actor.country, sector=actor.sector
    )


def is_media(actor: Actor | ActorRef) -> bool:
    """News organisations report events; they never take part in them."""
    return actor.sector == MEDIA_SECTOR


def demonym_country(text: str, actors: Sequence[Actor], knowledge: ActorKnowledge) -> ActorRef | None:
    """The country a demonym names ("American" → the United States), as an ActorRef carrying `text`: the article's
    actor for that country when the stage found one, else the KB's country; None when `text` is no demonym."""
    alpha3 = knowledge.kb.demonyms.get(fold(text))
    if alpha3 is None:
        return None
    known = next((actor for actor in actors if actor.id == alpha3.lower()), None)
    if known is not None:
        return ActorRef(text, known.id, known.name, known.country, known.sector)
    identity = country_identity(knowledge.kb, alpha3)
    return ActorRef(text, identity.id, identity.name, identity.country, identity.sector)
