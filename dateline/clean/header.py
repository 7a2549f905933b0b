"""The top of an article: headline, date stamp and byline lines (metadata, taken out of the text) and the dateline."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateline.clean.dates import DATE_LINE_MAX_WORDS, FoundDate, find_dates, is_date_line, publication_date
from dateline.clean.knowledge import BoilerplateRules, CleanKnowledge
from dateline.clean.text import Paragraph, ends_sentence, word_count

# Only the first few paragraphs can be headline, kicker, date stamp or byline; the story has begun after that.
HEADER_PARAGRAPHS = 6
# Date stamps are also looked for among the last paragraphs ("Published June 11, 2014" at the foot of a page).
FOOTER_PARAGRAPHS = 3
HEADLINE_MAX_WORDS = 30
HEADLINE_MAX_CHARS = 250
KICKER_MAX_WORDS = 2
BYLINE_MAX_WORDS = 12
# A standfirst (the summary under a headline) is one or two sentences; longer paragraphs before a dateline stay.
STANDFIRST_MAX_WORDS = 60
DATELINE_BODY_MIN_WORDS = 8
# A dateline opens one of the first paragraphs (after a headline and a standfirst).
DATELINE_PARAGRAPHS = 3
# An em or en dash may touch the next word ("(KMOV) –The"); a hyphen needs a space after it ("U.S.-led" is no dateline).
DATELINE_DASH = r"(?:\s*[—–]\s*|\s*(?:-{1,2}|_)\s+|\s*:\s+|\s*(?:[—–]|-{1,2}|:)$)"
DATELINE = re.compile(
    r"^(?:"
    # MOSUL (AP) — / BAGHDAD, Iraq (Reuters) - / NAVARRO COUNTY, TX (KTVT) – / WASHINGTON –
    r"(?P<caps>[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3})"
    r"(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}){0,2}"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?:\s*\([^()]{2,40}\))?"
    r"|"
    # Baghdad (CNN) — : mixed case only with an agency in brackets
    r"(?P<mixed>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})"
    r"(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}){0,2}"
    r"\s*\([^()]{2,40}\)"
    r")" + DATELINE_DASH + r"(?=[\"“‘'A-Z0-9]|$)"
)
PUBLISH_WINDOW = 3
PUBLISH_CUE_AHEAD = re.compile(r"\b(?:published|posted|first published|dated)\b\W*(?:on\b|at\b)?\W*", re.IGNORECASE)
CUED_DATE_MAX_CHARS = 40


@dataclass(frozen=True, slots=True)
class Header:
    """What the top of an article held: the headline, the date stamp's date, and the paragraphs that are story."""

    title: str | None
    published: dt.date | None
    body: list[Paragraph]


def looks_like_headline(text: str, rules: BoilerplateRules) -> bool:
    """A headline is short, has words, and does not end like a sentence (a question or exclamation may), nor holds
    two sentences."""
    words = word_count(text)
    if not 2 <= words <= HEADLINE_MAX_WORDS or len(text) > HEADLINE_MAX_CHARS:
        return False
    if text.endswith((".", ",", ";", ":")) and not text.endswith("..."):
        return False
    if rules.sentence_inside.search(text):
        return False
    return any(char.isalpha() for char in text) and DATELINE.match(text) is None


def _is_byline(text: str, rules: BoilerplateRules) -> bool:
    return not ends_sentence(text) and word_count(text) <= BYLINE_MAX_WORDS and rules.byline.search(text) is not None


def _is_kicker(text: str, next_text: str, rules: BoilerplateRules) -> bool:
    """A section label over the headline ("World", "Middle East"): one or two words, then a headline."""
    return (
        word_count(text) <= KICKER_MAX_WORDS
        and not ends_sentence(text)
        and not any(char.isdigit() for char in text)
        and looks_like_headline(next_text, rules)
        and word_count(next_text) > KICKER_MAX_WORDS
    )


def _same_text(left: str, right: str) -> bool:
    return " ".join(left.split()).casefold() == " ".join(right.split()).casefold()


def read_header(paragraphs: list[Paragraph], knowledge: CleanKnowledge, *, given_title: str | None) -> Header:
    """Take headline, kicker, date stamps and bylines off the top; keep everything else in order.

    1. A given title: a paragraph before the story that repeats it is dropped.
    2. Otherwise the first headline-shaped paragraph among the first few (after date stamps, bylines and a one- or
       two-word kicker) is the title; a paragraph that reads like story ends the search.
    3. When one of the first paragraphs opens with a dateline, the body starts there: a standfirst (one paragraph,
       the first after headline and stamps, directly before the dateline) goes.
    """
    rules = knowledge.rules
    head, rest = paragraphs[:HEADER_PARAGRAPHS], paragraphs[HEADER_PARAGRAPHS:]
    title: str | None = None
    published: dt.date | None = None
    kept: list[Paragraph] = []
    searching_title = given_title is None
    body_start = _first_dateline_index(head, rules)
    for index, paragraph in enumerate(head):
        text = paragraph.text
        stamp = date_stamp(text, knowledge)
        if stamp:
            published = published or publication_date(stamp)
            continue
        if not kept and _is_byline(text, rules):
            continue
        if given_title is not None and not kept and _same_text(text, given_title):
            continue
        if searching_title and not kept:
            following = head[index + 1 :] + rest
            if following and _is_kicker(text, following[0].text, rules):
                continue
            if following and looks_like_headline(text, rules):
                title, searching_title = text, False
                continue
            searching_title = False
        if not kept and index == body_start - 1 and word_count(text) <= STANDFIRST_MAX_WORDS:
            continue
        kept.append(paragraph)
    return Header(title=title, published=published, body=kept + rest)


def split_footer_dates(
    paragraphs: list[Paragraph], knowledge: CleanKnowledge
) -> tuple[list[Paragraph], dt.date | None]:
    """Drop date stamps from the last few paragraphs; return what is left and the first stamp's date."""
    cut = max(0, len(paragraphs) - FOOTER_PARAGRAPHS)
    kept, published = paragraphs[:cut], None
    for paragraph in paragraphs[cut:]:
        stamp = date_stamp(paragraph.text, knowledge)
        if stamp:
            published = published or publication_date(stamp)
        else:
            kept.append(paragraph)
    return kept, published


def date_stamp(text: str, knowledge: CleanKnowledge) -> list[FoundDate]:
    """The dates of a date stamp line ("Published June 11, 2014 | 5:42 PM"); empty when the line is no stamp."""
    if word_count(text) > DATE_LINE_MAX_WORDS:
        return []
    dates = find_dates(text, knowledge.dates)
    return dates if is_date_line(text, dates, knowledge.rules.date_words) else []


def cued_publication_date(paragraphs: list[Paragraph], knowledge: CleanKnowledge) -> dt.date | None:
    """A date marked "Published"/"Posted" inside one of the first paragraphs ("(Posted on: February 13, 2014)")."""
    for paragraph in paragraphs[:PUBLISH_WINDOW]:
        for cue in PUBLISH_CUE_AHEAD.finditer(paragraph.text):
            dates = find_dates(paragraph.text[cue.end() : cue.end() + CUED_DATE_MAX_CHARS], knowledge.dates)
            if dates and dates[0].start == 0:
                return dates[0].value
    return None


def _is_place(place: str, label_words: frozenset[str]) -> bool:
    if sum(char.isalpha() for char in place) < 2:
        return False
    return not any(word.casefold() in label_words for word in place.split())


def dateline_place(text: str, rules: BoilerplateRules) -> str | None:
    """The place of the dateline opening this paragraph ("MOSUL (AP) —" → "MOSUL"), as written, or None."""
    match = DATELINE.match(text)
    if match is None:
        return None
    place = match.group("caps") or match.group("mixed")
    return place.rstrip(".") if place and _is_place(place, rules.label_words) else None


def _first_dateline_index(paragraphs: list[Paragraph], rules: BoilerplateRules) -> int:
    """Index of the first story paragraph opening with a dateline, or 0 when none does (nothing precedes the body)."""
    for index, paragraph in enumerate(paragraphs):
        if word_count(paragraph.text) >= DATELINE_BODY_MIN_WORDS and dateline_place(paragraph.text, rules):
            return index
    return 0


def find_dateline(paragraphs: list[Paragraph], rules: BoilerplateRules) -> str | None:
    """The place of an opening dateline in one of the first paragraphs, as written, or None."""
    for paragraph in paragraphs[:DATELINE_PARAGRAPHS]:
        place = dateline_place(paragraph.text, rules)
        if place:
            return place
    return None
