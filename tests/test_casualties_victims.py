"""Casualty victims the parser leaves loosely attached: reflexives after a first victim, "turned the gun on himself",
a second clause with its own subject and no auxiliary, "a family of four", "found fatally shot", and "hurt" said of
feelings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dateline.casualties import find_casualties, load_casualty_terms
from dateline.records import Article, Count

Parse = Callable[..., tuple[Article, Doc]]


def _best(count: Count | None) -> int | None:
    return None if count is None else count.best


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A Provo man shoots his neighbour, then himself in a murder-suicide, police say.", 2, None),
        ("The man who shot his brother, then himself in an apparent murder-suicide was named.", 2, None),
        ("A farmer shot his wife and then himself in a murder-suicide on Friday.", 2, None),
        ("The gunman shot two guards before turning the gun on himself.", 1, 2),
        ("Police said the suspect turned his rifle on himself.", 1, None),
        ("The man turned the car around and drove off.", None, None),
        ("Three people were killed and another critically injured in a shooting on Monday.", 3, 1),
        ("Two men were killed and three others wounded near the market.", 2, 3),
        ("One officer was killed and another was wounded.", 1, 1),
        ("Gunmen killed and wounded more than a dozen soldiers.", 1, 12),
        ("Two men were shot and killed on Friday.", 2, None),
        ("A family of four was found dead in the house on Sunday.", 4, None),
        ("A family of four was found fatally shot in the house.", 4, None),
        ("Two women were found fatally shot inside a car.", 2, None),
        ("It really hurt my heart.", None, None),
        # a death sign: someone died, however many (a floor)
        ("An autopsy is scheduled for Monday.", 1, None),
        ("The medical examiner identified the man as Sam Ortiz, 31.", 1, None),
        ("Police said it was not a homicide.", None, None),
        ("The Oakdale Examiner reported the shooting on Monday.", None, None),
        # a harm verb with harm as its object: the subject was hit (dead or alive), killed when the harm was fatal
        ("He suffered a gunshot wound to the leg.", None, 1),
        ("She suffered a fatal wound.", 1, None),
        ("The team suffered a loss.", None, None),
        ("He did not suffer any injuries.", None, None),
        # "unharmed" says the person came to no harm
        ("A neighbor went inside and found the three dead men and the unharmed boy, police said.", 3, None),
        # a page's label before a photo credit is no victim: the credited photographer is read, not "Photo"
        ("Photo: Rick Dunn, Chronicle A boy, 8, died in an accidental shooting Thursday.", 1, None),
        ("We are hurting a lot right now.", None, None),
    ],
)
def test_casualties_victims_loose_attachments(parse: Parse, text: str, killed: int | None, injured: int | None) -> None:
    article, doc = parse(text)
    found = find_casualties(article, doc[:], terms=load_casualty_terms())
    assert (_best(found.killed), _best(found.injured)) == (killed, injured)


@pytest.mark.parametrize("text", ["", "   ", "himself", "Turned on himself?", "\u200b\u00a0 then himself \u2014"])
def test_casualties_victims_hostile_inputs(parse: Parse, text: str) -> None:
    article, doc = parse(text)
    found = find_casualties(article, doc[:], terms=load_casualty_terms())
    assert found.injured is None
