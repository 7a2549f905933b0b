"""owner_entities reads entities from IOB tags; it must give the spans doc.ents gives, trimmed, once each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dateline.actors.mentions import owner_entities, trim

TEXTS = [
    "A Pentagon spokesman and officials of the Islamic State's media office spoke to John Smith of Reuters.",
    "The Kurdistan Regional Government's security forces and Hezbollah fighters clashed near the Syrian border.",
    "Talks between the United Nations and the African Union stalled, Amina Mohammed said on Monday.",
]


def _key(spans: Any) -> list[tuple[int, int, str, str, str]]:
    return [(span.start, span.end, span.label_, span.kb_id_, span.id_) for span in spans]


@pytest.mark.parametrize("text", TEXTS)
def test_owner_entities_match_doc_ents(parse: Callable[..., Any], resources: Any, text: str) -> None:
    _, doc = parse(text)
    determiners = resources.actors.roles.determiners
    for start in range(len(doc)):
        for length in (1, 3, 6):
            tokens = list(doc[start : start + length])
            wanted = {token.i for token in tokens if token.ent_type_ in {"ORG", "FAC", "PERSON"}}
            expected = [trim(e, determiners) for e in doc.ents if wanted & set(range(e.start, e.end))] if wanted else []
            assert _key(owner_entities(tokens, determiners)) == _key(expected)


def test_owner_entities_names_the_organisation(parse: Callable[..., Any], resources: Any) -> None:
    _, doc = parse("Spokesmen for the World Health Organization declined to comment.")
    owners = owner_entities(list(doc), resources.actors.roles.determiners)
    assert [owner.text for owner in owners] == ["World Health Organization"]
