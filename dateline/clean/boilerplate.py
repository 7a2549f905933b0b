"""Boilerplate removal on paragraphs: sign-ups, paywalls and appeals, photo credits and captions, link lists.

The cues are data (dateline/knowledge/boilerplate.tsv); this module holds the rules that apply them:
1. an appeal or paywall line ends the article once the story has begun (before that, only the line goes);
2. a link-list heading goes with the headline-shaped lines right after it;
3. a short paragraph matching a drop or attribution cue goes;
4. a photo credit line goes, with the caption lines sharing its block when paragraphs are blank-line separated;
5. a paragraph ending in a bracketed photo credit is a caption and goes;
6. Title Case lines without a sentence ending trailing at the very end (titles of linked articles) go.
"""

from __future__ import annotations

import re
from functools import cache

from dateline.clean.knowledge import BoilerplateRules
from dateline.clean.text import Paragraph, ends_sentence, word_count

# Cue matches only count on short paragraphs, so a story paragraph that happens to contain a cue phrase survives.
# Set by hand: the longest sign-up/appeal lines seen on English news pages run to ~40 words.
MAX_BOILERPLATE_WORDS = 50
MAX_ATTRIBUTION_WORDS = 30
# An appeal cue truncates the rest of the article only after this many story paragraphs (else it is one line).
MIN_STORY_BEFORE_TAIL = 2
STORY_MIN_WORDS = 8
LINK_TITLE_MAX_WORDS = 20
LIST_HEAD_MAX_WORDS = 10
TRAILING_TITLE_MAX_WORDS = 20
TITLE_CASE_SHARE = 0.6
CREDIT_MAX_WORDS = 10
CAPTION_MAX_WORDS = 90
CAPTION_BLOCK_MAX_LINES = 3
CREDIT_SHAPE = re.compile(r"^[\w.'’ &-]+(?:\s*/\s*[\w.'’ &-]+)+$")
CAPTION_CREDIT = re.compile(r"\(([^()]{2,100})\)\W{0,3}$")
CREDIT_WORD = re.compile(r"^(?:photo|photograph|image|picture|credit|file photo|illustration)s?\b", re.IGNORECASE)
# A caption's sentence followed by an unbracketed credit: "... on Sunday. Jane Roe/Tigris Wire", "... Photo: Jane Roe".
_NAME = r"[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}"
TRAILING_CREDIT = re.compile(
    rf"[.!?][\"”’]?\s+(?:(?:(?i:photo|photograph|image|picture|credit)s?\s*(?:(?i:by)\s|:)\s*)?{_NAME}\s*/\s*{_NAME}"
    rf"|(?i:photo|photograph|image|picture|credit)s?\s*(?:(?i:by)\s|:)\s*{_NAME})$"
)


@cache
def _agency_pattern(agencies: tuple[str, ...]) -> re.Pattern[str]:
    names = sorted(agencies, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)")


def is_credit_line(text: str, agencies: tuple[str, ...]) -> bool:
    """A standalone photo credit: "Charles Platiau/Reuters", "(AP Photo/Someone)", "Getty Images"."""
    inner = text.strip().removeprefix("(").removesuffix(")").strip()
    if not inner or word_count(inner) > CREDIT_MAX_WORDS:
        return False
    agency = _agency_pattern(agencies)
    if agency.fullmatch(inner):
        return True
    return CREDIT_SHAPE.match(inner) is not None and agency.search(inner) is not None


def ends_with_photo_credit(text: str, agencies: tuple[str, ...]) -> bool:
    """A caption: a paragraph closing with a credit, "(NAME/AFP/Getty Images)", "(Photo: ...)", ". Jane Roe/Outlet"."""
    if word_count(text) > CAPTION_MAX_WORDS:
        return False
    if TRAILING_CREDIT.search(text):
        return True
    match = CAPTION_CREDIT.search(text)
    if match is None:
        return False
    credit = match.group(1)
    if CREDIT_WORD.match(credit):
        return True
    return "/" in credit and _agency_pattern(agencies).search(credit) is not None


def is_story(text: str) -> bool:
    return word_count(text) >= STORY_MIN_WORDS and ends_sentence(text)


def _is_link_title(text: str) -> bool:
    return word_count(text) <= LINK_TITLE_MAX_WORDS and (not ends_sentence(text) or text.endswith("?"))


# Marks a page sets before a link or a list item ("►Related: ...", "• Read more: ..."): the cues match after them.
_LEADING_MARKS = re.compile(r"^[^\w\s\"'“‘(\[]+\s*")


def _is_cued_line(text: str, rules: BoilerplateRules) -> bool:
    text = _LEADING_MARKS.sub("", text)
    words = word_count(text)
    if words <= MAX_BOILERPLATE_WORDS and rules.drop.search(text):
        return True
    return words <= MAX_ATTRIBUTION_WORDS and rules.attribution.search(text) is not None


def _separated_by_blank_lines(paragraphs: list[Paragraph]) -> dict[int, int]:
    """Block sizes when most blocks hold one paragraph (so a multi-line block is a unit, e.g. credit + caption)."""
    sizes: dict[int, int] = {}
    for paragraph in paragraphs:
        sizes[paragraph.block] = sizes.get(paragraph.block, 0) + 1
    single = sum(1 for size in sizes.values() if size == 1)
    return sizes if sizes and single / len(sizes) >= 0.5 else {}


def _is_title_case(text: str) -> bool:
    words = [word for word in text.split() if word[:1].isalpha()]
    return bool(words) and sum(word[0].isupper() for word in words) / len(words) >= TITLE_CASE_SHARE


def _is_trailing_title(text: str) -> bool:
    """A linked headline left at the foot of a page: no sentence ending, at most 20 words, in Title Case.

    Sentence-case lines stay: an unpunctuated last story sentence looks the same, and losing story is worse.
    """
    return not ends_sentence(text) and word_count(text) <= TRAILING_TITLE_MAX_WORDS and _is_title_case(text)


def _drop_trailing_titles(paragraphs: list[Paragraph]) -> list[Paragraph]:
    kept = list(paragraphs)
    while len(kept) > 1 and _is_trailing_title(kept[-1].text):
        kept.pop()
    return kept


def remove_boilerplate(paragraphs: list[Paragraph], rules: BoilerplateRules) -> list[Paragraph]:
    """Drop every boilerplate paragraph; story paragraphs stay, unchanged and in order."""
    block_sizes = _separated_by_blank_lines(paragraphs)
    kept: list[Paragraph] = []
    credit_blocks: set[int] = set()
    in_link_list = False
    for paragraph in paragraphs:
        text = paragraph.text
        if in_link_list and _is_link_title(text):
            continue
        in_link_list = False
        if word_count(text) <= MAX_BOILERPLATE_WORDS and rules.tail.search(text):
            if sum(1 for item in kept if is_story(item.text)) >= MIN_STORY_BEFORE_TAIL:
                break
            continue
        if word_count(text) <= LIST_HEAD_MAX_WORDS and rules.list_head.search(text):
            in_link_list = True
            continue
        if _is_cued_line(text, rules) or not any(char.isalnum() for char in text):
            continue
        if is_credit_line(text, rules.photo_agencies):
            if 1 < block_sizes.get(paragraph.block, 0) <= CAPTION_BLOCK_MAX_LINES:
                credit_blocks.add(paragraph.block)
            continue
        if ends_with_photo_credit(text, rules.photo_agencies):
            continue
        kept.append(paragraph)
    kept = [paragraph for paragraph in kept if paragraph.block not in credit_blocks]
    return _drop_trailing_titles(kept)
