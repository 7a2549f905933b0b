"""Name normalisation: one folded form for exact lookups and one transliteration-insensitive key for variants.

`fold("Al-Abadi")` → "al abadi" (case, diacritics, punctuation and hyphens gone); `name_key("Qassem Solaimani")` and
`name_key("Qassim Soleimani")` are both "kasim sulimani": the key drops the Arabic article and merges the vowel and
consonant spellings that English transliterations of Arabic and Persian names disagree on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

# Words that begin many transliterated Arabic names and are dropped or kept at will ("al-Abadi" = "Abadi").
ARABIC_ARTICLES = frozenset({"al", "el"})
# Ordered spelling merges for name keys; each pair maps spellings that transliterations use interchangeably.
_KEY_RULES: tuple[tuple[str, str], ...] = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("ai", "i"),
    ("ey", "i"),
    ("ay", "i"),
    ("dh", "z"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("gh", "g"),
    ("o", "u"),
    ("e", "i"),
    ("y", "i"),
)
_DOUBLED = re.compile(r"(.)\1+")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['`´‘’ʼʿʾ]")
_POSSESSIVE = re.compile(r"['`´‘’ʼ]s\b")


# fold and name_key are pure and called for every token and noun chunk (unidecode is the costly part); the same words
# recur across articles, so their results are remembered. The bound keeps a long-running worker's memory flat.
_REMEMBERED = 100_000


@lru_cache(maxsize=_REMEMBERED)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: the form aliases are looked up by."""
    ascii_text = _POSSESSIVE.sub(" s", unidecode(text).lower())  # "Iran's" and "Iran 's" fold alike
    ascii_text = _APOSTROPHES.sub("", ascii_text).replace(".", "")
    return _NOT_WORD.sub(" ", ascii_text).strip()


def strip_articles(words: list[str]) -> list[str]:
    """Drop a leading "the" and Arabic articles before names ("the al-Nusra Front" → "nusra front")."""
    kept = [word for word in words if word not in ARABIC_ARTICLES]
    if kept and kept[0] == "the":
        kept = kept[1:]
    return kept or words


def _key_word(word: str) -> str:
    for old, new in _KEY_RULES:
        word = word.replace(old, new)
    return _DOUBLED.sub(r"\1", word)


@lru_cache(maxsize=_REMEMBERED)
def name_key(text: str) -> str:
    """A key that most transliterations of one name share (Qassem/Qassim/Kassem, Solaimani/Suleimani, al-/no al-)."""
    words = strip_articles(fold(text).split())
    return " ".join(_key_word(word) for word in words)


def slug(text: str) -> str:
    """An id-safe form of a key: lower-case words joined by hyphens."""
    return "-".join(name_key(text).split())
