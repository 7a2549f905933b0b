"""Gender of a named person from the words that name them, for pronoun speakers ("she said" after two men and a
woman were named stands for the woman).

A name's gender comes from (1) its head role noun ("a spokeswoman", "the chairman"), (2) an honorific ("Mr.",
"Mrs."), (3) its first word when that is a known given name and the name has a surname after it ("Hillary
Clinton"), (4) for a bare surname ("Clinton"), the gender of the full names with that surname in the same document,
when they agree. Otherwise the gender is unknown and the person stays a candidate for either pronoun. The lists (and
the gendered pronouns) are dateline/knowledge/person_gender.tsv, read once per process (`load_gender_words`) and
handed to these functions as `table`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from dateline.knowledge.loader import knowledge_path, read_tsv

Gender = Literal["male", "female"]
GENDER_PATH = knowledge_path("person_gender.tsv")
KINDS = ("given_name", "honorific", "role", "pronoun")
GENDERS = frozenset({"male", "female", "ambiguous"})
WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@dataclass(frozen=True)
class GenderWords:
    """person_gender.tsv by kind: word -> "male", "female" or "ambiguous"."""

    given_names: Mapping[str, str]
    honorifics: Mapping[str, str]
    roles: Mapping[str, str]
    pronouns: Mapping[str, str]


@cache
def load_gender_words(path: Path = GENDER_PATH) -> GenderWords:
    """Read person_gender.tsv; raises KnowledgeError naming file:line on a bad row."""
    table: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    for row in read_tsv(path, ("word", "kind", "gender")):
        word, kind, gender = row["word"], row["kind"], row["gender"]
        if len(row.cells) != 3 or kind not in table or gender not in GENDERS or word != word.lower():
            raise row.error(f"expected a lower-case word, a kind in {sorted(KINDS)} and a gender")
        if word in table[kind]:
            raise row.error(f"{word!r} is listed twice as {kind}")
        table[kind][word] = gender
    return GenderWords(table["given_name"], table["honorific"], table["role"], table["pronoun"])


def _known(gender: str | None) -> Gender | None:
    if gender == "male":
        return "male"
    if gender == "female":
        return "female"
    return None


def _words(text: str) -> list[str]:
    return [word.rstrip(".’'") for word in WORD.findall(text)]


def name_gender(text: str, table: GenderWords) -> Gender | None:
    """The gender the words of a name or title signal (rules 1-3 of the module docstring), or None."""
    words = _words(text)
    if not words:
        return None
    head = words[-1].lower()
    if head in table.roles:
        return _known(table.roles[head])
    for word in words:
        if word.lower() in table.honorifics:
            return _known(table.honorifics[word.lower()])
    capitalised = [word for word in words if word[0].isupper() and word.lower() not in table.honorifics]
    if len(capitalised) >= 2 and capitalised[0].lower() in table.given_names:
        return _known(table.given_names[capitalised[0].lower()])
    for word in words:
        if word.lower() in table.roles:
            return _known(table.roles[word.lower()])
    return None


def surname_genders(names: Iterable[str], table: GenderWords) -> dict[str, Gender]:
    """Surname -> gender from the full names of one document, leaving out surnames shared by a man and a woman."""
    seen: dict[str, set[Gender]] = {}
    for name in names:
        capitalised = [word for word in _words(name) if word[0].isupper() and word.lower() not in table.honorifics]
        gender = name_gender(name, table)
        if capitalised and (len(capitalised) >= 2 or len(capitalised) < len(_words(name))) and gender is not None:
            seen.setdefault(capitalised[-1].lower(), set()).add(gender)
    return {surname: genders.pop() for surname, genders in seen.items() if len(genders) == 1}


def person_gender(text: str, surnames: Mapping[str, Gender], table: GenderWords) -> Gender | None:
    """The gender of the person named by `text`: its own words, else its surname's gender in the document."""
    gender = name_gender(text, table)
    if gender is not None:
        return gender
    capitalised = [word for word in _words(text) if word[0].isupper()]
    return surnames.get(capitalised[-1].lower()) if capitalised else None


def pronoun_gender(pronoun: str, table: GenderWords) -> Gender | None:
    """ "he" -> male, "she" -> female, anything else None."""
    return _known(table.pronouns.get(pronoun.lower()))
