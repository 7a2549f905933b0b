"""Entity-ruler patterns from the actor KB: they fix the spaCy model's systematic errors on conflict news.

The small English model never tags "IS", splits "Islamic State" into NORP + ORG, calls "Kataib Hezbollah" a PERSON and
"al-Abadi" an ORG (NOTES.md). Phrase patterns (matched on exact spelling) for every capitalised KB name fix these:
organisations and media become ORG, people PERSON. Countries are left to the model and the places stage.
"""

from __future__ import annotations

from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from dateline.actors.kb import ActorKB, KBActor, is_acronym
from dateline.actors.knowledge import ActorKnowledge
from dateline.actors.names import fold

# Acronyms kept although they spell an English word: the Islamic State is "IS" in much reporting. Whether an "IS"
# is the group is checked again in find_actors (all-caps headlines).
WORD_ACRONYMS_KEPT = frozenset({"IS"})


def _spellings(name: str, full_names: tuple[str, ...]) -> list[str]:
    """The name plus the al-/Al- variants reporters use for Arabic names ("Abadi" → "al-Abadi", "Al-Abadi")."""
    variants = [name]
    bare = name[3:] if name.lower().startswith("al-") else name
    if any(f"al-{bare}" in full for full in full_names):
        variants += [bare, f"al-{bare}", f"Al-{bare}"]
    if name.startswith("al-"):
        variants.append("Al-" + name[3:])
    return list(dict.fromkeys(variants))


def _wanted(name: str, kb: ActorKB, name_particles: frozenset[str]) -> bool:
    """Proper names only; acronyms that spell common words ("WHO", "AS") only when explicitly kept.

    A country word plus a lower-case word ("Iraqi forces", "US officials") is a description, not a name: tagging it
    would turn the demonym into an ORG. Names such as "U.S.-led coalition" stay.
    """
    words = name.split()
    described = any(word[0].islower() and word not in name_particles for word in words)
    if described and any(_names_country(word, kb) for word in words):
        return False
    if is_acronym(name):
        return name in WORD_ACRONYMS_KEPT or name.lower() not in STOP_WORDS
    return True


def _names_country(word: str, kb: ActorKB) -> bool:
    folded = fold(word)
    return folded in kb.demonyms or any(actor.kind == "country" for actor in kb.lookup(word))


def _actor_names(actor: KBActor) -> list[str]:
    """Full names and aliases; short names only where the model errs on them ("al-Abadi" as ORG). Other short names
    ("Clinton") would cut a longer name the model found ("Bill Clinton"); find_actors resolves them anyway."""
    if actor.kind != "person":
        return list(actor.names)
    arabic_shorts = [short for short in actor.short if any(f"al-{short}" in name for name in actor.names)]
    return [*actor.names, *arabic_shorts]


def entity_patterns(knowledge: ActorKnowledge) -> list[dict[str, Any]]:
    """EntityRuler phrase patterns for every capitalised name of a KB organisation, news outlet or person."""
    patterns: dict[tuple[str, str], dict[str, Any]] = {}
    kb, excluded, particles = knowledge.kb, knowledge.ruler.exclude, knowledge.ruler.name_particles
    for actor in kb.actors.values():
        if actor.kind == "country":
            continue
        label = "PERSON" if actor.kind == "person" else "ORG"
        for name in _actor_names(actor):
            for spelling in _spellings(name, actor.names):
                if _wanted(spelling, kb, particles) and spelling not in excluded and fold(spelling) not in kb.metonyms:
                    patterns.setdefault((label, spelling), {"label": label, "pattern": spelling, "id": actor.id})
    return sorted(patterns.values(), key=lambda pattern: (pattern["label"], pattern["pattern"]))
