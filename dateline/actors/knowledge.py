"""What the actors stage knows, loaded once per process by `pipeline.load_resources`: the actor KB (with its role
lexicon) and the entity ruler's words (knowledge/actors/ruler.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dateline.actors.kb import ActorKB, load_actor_kb
from dateline.actors.lexicon import RoleLexicon
from dateline.knowledge.loader import knowledge_path, read_yaml, yaml_words

RULER_PATH = knowledge_path("actors", "ruler.yaml")


@dataclass(frozen=True)
class RulerWords:
    """ruler.yaml: KB names the entity ruler skips, and the lower-case words a proper name may hold."""

    exclude: frozenset[str]
    name_particles: frozenset[str]


@dataclass(frozen=True)
class ActorKnowledge:
    """The actors stage's knowledge: the KB (countries, organisations, media, people, roles) and the ruler's words."""

    kb: ActorKB
    ruler: RulerWords

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


def load_actor_knowledge(extra_file: str | None = None) -> ActorKnowledge:
    """The bundled KB plus an optional user YAML file (settings.actors_file), and the ruler's words."""
    return ActorKnowledge(kb=load_actor_kb(extra_file), ruler=load_ruler_words())
