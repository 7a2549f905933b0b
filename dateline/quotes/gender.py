"""Gender of a named person from the words that name them, for pronoun speakers ("she said" after two men and a
woman were named stands for the woman).

A name's gender comes from (1) its head role noun ("a spokeswoman", "the chairman"), (2) an honorific ("Mr.",
"Mrs."), (3) its first word when that is a known given name and the name has a surname after it ("Hillary
Clinton"), (4) for a bare surname ("Clinton"), the gender of the full names with that surname in the same document,
when they agree. Otherwise the gender is unknown and the person stays a candidate for either pronoun. The lists are
dateline/knowledge/person_gender.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Literal

Gender = Literal["male", "female"]
GENDER_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "person_gender.tsv"
KINDS = frozenset({"given_name", "honorific", "role"})
GENDERS = frozenset({"male", "female", "ambiguous"})
WORD = re.compile(r"[^\W\d_][\w'’.-]*")
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})


@cache
def load_gender_words(path: Path = GENDER_PATH) -> dict[str, dict[str, str]]:
    """kind -> word -> gender ("male", "female" or "ambiguous"); raises ValueError naming file:line on a bad row."""
    table: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            if cells != ["word", "kind", "gender"]:
                raise ValueError(f"{path}:{number}: expected the header word<TAB>kind<TAB>gender")
            continue
        if len(cells) != 3 or cells[1] not in KINDS or cells[2] not in GENDERS or cells[0] != cells[0].lower():
            raise ValueError(f"{path}:{number}: expected a lower-case word, a kind in {sorted(KINDS)} and a gender")
        if cells[0] in table[cells[1]]:
            raise ValueError(f"{path}:{number}: {cells[0]!r} is listed twice as {cells[1]}")
        table[cells[1]][cells[0]] = cells[2]
    return table


def _known(gender: str | None) -> Gender | None:
    if gender == "male":
        return "male"
    if gender == "female":
        return "female"
    return None


def _words(text: str) -> list[str]:
    return [word.rstrip(".’'") for word in WORD.findall(text)]


def name_gender(text: str) -> Gender | None:
    """The gender the words of a name or title signal (rules 1-3 of the module docstring), or None."""
    words = _words(text)
    if not words:
        return None
    table = load_gender_words()
    head = words[-1].lower()
    if head in table["role"]:
        return _known(table["role"][head])
    for word in words:
        if word.lower() in table["honorific"]:
            return _known(table["honorific"][word.lower()])
    capitalised = [word for word in words if word[0].isupper() and word.lower() not in table["honorific"]]
    if len(capitalised) >= 2 and capitalised[0].lower() in table["given_name"]:
        return _known(table["given_name"][capitalised[0].lower()])
    for word in words:
        if word.lower() in table["role"]:
            return _known(table["role"][word.lower()])
    return None


def surname_genders(names: Iterable[str]) -> dict[str, Gender]:
    """Surname -> gender from the full names of one document, leaving out surnames shared by a man and a woman."""
    seen: dict[str, set[Gender]] = {}
    honorifics = load_gender_words()["honorific"]
    for name in names:
        capitalised = [word for word in _words(name) if word[0].isupper() and word.lower() not in honorifics]
        gender = name_gender(name)
        if capitalised and (len(capitalised) >= 2 or len(capitalised) < len(_words(name))) and gender is not None:
            seen.setdefault(capitalised[-1].lower(), set()).add(gender)
    return {surname: genders.pop() for surname, genders in seen.items() if len(genders) == 1}


def person_gender(text: str, surnames: Mapping[str, Gender]) -> Gender | None:
    """The gender of the person named by `text`: its own words, else its surname's gender in the document."""
    gender = name_gender(text)
    if gender is not None:
        return gender
    capitalised = [word for word in _words(text) if word[0].isupper()]
    return surnames.get(capitalised[-1].lower()) if capitalised else None


def pronoun_gender(pronoun: str) -> Gender | None:
    """ "he" -> male, "she" -> female, anything else None."""
    lower = pronoun.lower()
    if lower in MALE_PRONOUNS:
        return "male"
    if lower in FEMALE_PRONOUNS:
        return "female"
    return None
