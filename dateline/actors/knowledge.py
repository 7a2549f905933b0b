"""What the actors stage knows, loaded once per process by `pipeline.load_resources`: the actor KB (with its role
lexicon), the entity ruler's words (knowledge/actors/ruler.yaml) and the words that tell a party of an event from
the other things a sentence names (knowledge/actors/parties.yaml, read by the events stage)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from dateline.actors.kb import ActorKB, load_actor_kb
from dateline.actors.lexicon import RoleLexicon
from dateline.knowledge.loader import (
    KnowledgeError,
    entries,
    knowledge_path,
    read_yaml,
    where,
    yaml_section,
    yaml_words,
)

RULER_PATH = knowledge_path("actors", "ruler.yaml")
PARTIES_PATH = knowledge_path("actors", "parties.yaml")


@dataclass(frozen=True)
class RulerWords:
    """ruler.yaml: KB names the entity ruler skips, and the lower-case words a proper name may hold."""

    exclude: frozenset[str]
    name_particles: frozenset[str]


@dataclass(frozen=True)
class PartyWords:
    """parties.yaml: what tells a party of an event from the other things a sentence names (see its header)."""

    patient_subject_verbs: frozenset[str] = frozenset()
    accusation_verbs: frozenset[str] = frozenset()
    claim_verbs: frozenset[str] = frozenset()
    denial_verbs: frozenset[str] = frozenset()
    taking_verbs: frozenset[str] = frozenset()
    means: Mapping[str, str] = field(default_factory=dict)  # "airstrike" -> "MIL"
    not_parties: frozenset[str] = frozenset()
    none_determiners: frozenset[str] = frozenset()
    quantities: frozenset[str] = frozenset()
    credit_words: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    statement_verbs: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    collective_nouns: frozenset[str] = frozenset()
    country_nouns: frozenset[str] = frozenset()
    tripping_verbs: frozenset[str] = frozenset()
    lying_weapons: frozenset[str] = frozenset()
    ordering_verbs: frozenset[str] = frozenset()
    state_body_nouns: frozenset[str] = frozenset()
    state_acts: frozenset[str] = frozenset()
    outlet_modifiers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ActorKnowledge:
    """The actors stage's knowledge: the KB (countries, organisations, media, people, roles), the ruler's words and
    the party words the events stage reads."""

    kb: ActorKB
    ruler: RulerWords
    parties: PartyWords = field(default_factory=PartyWords)

    @property
    def roles(self) -> RoleLexicon:
        return self.kb.roles


@cache
def load_ruler_words(path: Path = RULER_PATH) -> RulerWords:
    """Read ruler.yaml; raises KnowledgeError with file:line when malformed."""
    data = read_yaml(path)
    return RulerWords(
        exclude=yaml_words(path, data, "exclude", lower=False),
        name_particles=yaml_words(path, data, "name_particles"),
    )


@cache
def load_party_words(path: Path = PARTIES_PATH) -> PartyWords:
    """Read parties.yaml; raises KnowledgeError with file:line when malformed."""
    data = read_yaml(path)
    means: dict[str, str] = {}
    for sector, words in entries(yaml_section(path, data, "means", dict)):
        if not isinstance(words, list) or not all(isinstance(word, str) and word.strip() for word in words):
            raise KnowledgeError(f"{where(path, data['means'])}: `means.{sector}` must be a list of words")
        means.update({" ".join(word.lower().split()): str(sector) for word in words})
    return PartyWords(
        patient_subject_verbs=yaml_words(path, data, "patient_subject_verbs"),
        accusation_verbs=yaml_words(path, data, "accusation_verbs"),
        claim_verbs=yaml_words(path, data, "claim_verbs"),
        denial_verbs=yaml_words(path, data, "denial_verbs"),
        taking_verbs=yaml_words(path, data, "taking_verbs"),
        means=means,
        not_parties=yaml_words(path, data, "not_parties"),
        none_determiners=yaml_words(path, data, "none_determiners"),
        quantities=yaml_words(path, data, "quantities"),
        credit_words=yaml_words(path, data, "credit_words"),
        person_nouns=yaml_words(path, data, "person_nouns"),
        group_nouns=yaml_words(path, data, "group_nouns"),
        statement_verbs=yaml_words(path, data, "statement_verbs"),
        place_nouns=yaml_words(path, data, "place_nouns"),
        collective_nouns=yaml_words(path, data, "collective_nouns"),
        country_nouns=yaml_words(path, data, "country_nouns"),
        tripping_verbs=yaml_words(path, data, "tripping_verbs"),
        lying_weapons=yaml_words(path, data, "lying_weapons"),
        ordering_verbs=yaml_words(path, data, "ordering_verbs"),
        state_body_nouns=yaml_words(path, data, "state_body_nouns"),
        outlet_modifiers=yaml_words(path, data, "outlet_modifiers"),
        state_acts=yaml_words(path, data, "state_acts", lower=False),
    )


def load_actor_knowledge(extra_file: str | None = None) -> ActorKnowledge:
    """The bundled KB plus an optional user YAML file (settings.actors_file), the ruler's and the party words."""
    return ActorKnowledge(kb=load_actor_kb(extra_file), ruler=load_ruler_words(), parties=load_party_words())
