"""Attributions: quote-mark spans grouped into quotations, each paired with the reporting cue that introduces it.

PolNeAR's convention, which news readers share: one attribution is everything one cue attributes, so “A,” he
said, “B.” is one quote, and so is a paragraph of quotation with no cue of its own after a quote. Rules:

1. Quotation-like pieces (four words or more, or two or more ending in . , ? ! inside the marks) are direct quote
   pieces; shorter ones are fragments ("“unhelpful”": scare quotes, names, or the quoted words of a mixed quote),
   except a fragment ending in , ? ! whose cue follows right after it (“Denver,” he answered), or one ending in
   . ? ! right after a verb and a comma or colon (Priebus said, “Probably.”).
2. A piece's cue is the first cue after it in its sentence (“…,” X said) unless that cue introduces the next piece
   (“A.” He added, “B.”: a piece ending a sentence, then a clause ending in , or : before the next opening mark);
   else the closest cue before it in its sentence (X said: “…”); else a verb of saying with a speaker and nothing
   said that ends the sentence before (Jane Doe agreed. “…”).
3. Pieces of one paragraph at most MAX_GAP_WORDS words apart make one quotation when the later piece has no cue or
   the same cue as the quotation so far. A new paragraph starts a new quotation (unless marks.py continues it).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from dateline.quotes.clauses import Cue
from dateline.quotes.cues import QuoteCues
from dateline.quotes.marks import ALL_MARKS, OPENING_MARKS, MarkedSpan, paragraphs, strip_marks

# Longest gap (in words) between two quote pieces of a paragraph that still makes one quotation; PolNeAR's
# annotators join pieces around a reporting clause, rarely farther apart (measured on the train split).
MAX_GAP_WORDS = 40
MIN_QUOTE_WORDS = 4
# How far (in tokens) from a quote piece its cue may stand; a fragment's cue must follow within FRAGMENT_CUE_TOKENS.
CUE_WINDOW_TOKENS = 30
FRAGMENT_CUE_TOKENS = 3
# Words ("on Tuesday", "back") that may follow the cue ending the sentence before a quote (“X agreed Tuesday. “…”).
PREVIOUS_SENTENCE_TAIL = 3
SENTENCE_END = frozenset({".", "?", "!"})
# A cue-less piece of at most this many words, nearly all capitalised, is a name or title, not a quotation.
MAX_TITLE_WORDS = 6
# Words that may open the sentence of a quote's next piece without breaking the quote (“A,” he said. But “B.”) are
# quote_cues.yaml's `linking_words`; a title's lower-case words ("State of the Union") its `title_small_words`.


@dataclass(frozen=True)
class Quotation:
    """One or more quote pieces of a paragraph that make one quote, with the cue that attributes them."""

    pieces: tuple[MarkedSpan, ...]
    paragraph: int
    cue: Cue | None = None

    @property
    def start(self) -> int:
        return self.pieces[0].start

    def opens_paragraph(self, index: ParagraphIndex) -> bool:
        return index.spans[self.paragraph][0] == self.start

    @property
    def end(self) -> int:
        return self.pieces[-1].end


class ParagraphIndex:
    """Which paragraph a character offset is in."""

    def __init__(self, text: str) -> None:
        self.text = text  # the document text, kept so that callers need not rebuild doc.text
        self.spans = paragraphs(text) or [(0, len(text))]
        self.starts = [start for start, _ in self.spans]

    def of(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.starts, position) - 1)


class TokenIndex:
    """Which token starts at or after a character offset."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts: list[int] = doc.to_array(IDX).tolist()  # the array, not a Token object per token

    def first_from(self, position: int) -> int:
        return bisect.bisect_left(self.starts, position)


def words_of(text: str) -> list[str]:
    return strip_marks(text).split()


def is_title_like(text: str, small_words: frozenset[str]) -> bool:
    """Words mostly capitalised, as in the name of a film, a group or a slogan: “Red River Riders”."""
    words = [word for word in words_of(text) if word[:1].isalpha()]
    content = [word for word in words if word.lower() not in small_words]
    # Every content word capitalised, not just the first word of a sentence (“It’s fine,” is speech).
    capitalised = sum(1 for word in content if word[:1].isupper())
    return len(words) <= MAX_TITLE_WORDS and len(content) > 1 and capitalised == len(content)


def _words_before_mark_closes(text: str) -> bool:
    """A title-like piece that does not end a sentence ("on CNN’s “State of the Union,”") names a show or group."""
    return not _ends_sentence(text)


def is_quotation_like(text: str) -> bool:
    """Rule 1: long enough, or ending like a sentence or a clause, to be someone's words."""
    words = words_of(text)
    inner = text.rstrip("".join(ALL_MARKS) + " ")
    return len(words) >= MIN_QUOTE_WORDS or (len(words) >= 2 and inner[-1:] in ".,?!")


def _ends_sentence(text: str) -> bool:
    inner = text.rstrip("".join(ALL_MARKS) + " ")
    return inner[-1:] in SENTENCE_END or inner.endswith("…")


def _window(doc: Doc, start_token: int, step: int, paragraph: tuple[int, int]) -> list[int]:
    """Token indices from `start_token` in direction `step`, up to a sentence end, a quote mark or the paragraph."""
    found: list[int] = []
    index = start_token
    while 0 <= index < len(doc) and len(found) < CUE_WINDOW_TOKENS:
        token = doc[index]
        if not paragraph[0] <= token.idx < paragraph[1]:
            break
        if token.text in ALL_MARKS or (token.text in SENTENCE_END and step < 0):
            break
        if step > 0 and found and token.is_sent_start and doc[index - 1].text not in ALL_MARKS | {",", ":"}:
            break
        found.append(index)
        if token.text in SENTENCE_END:
            break
        index += step
    return found


def _introduces_next(doc: Doc, window: list[int], text: str) -> bool:
    """True when the window runs into an opening quote mark right after a comma or colon (“…” He said, “…”)."""
    if not window:
        return False
    last = window[-1]
    next_index = last + 1
    return (
        next_index < len(doc)
        and doc[last].text in (",", ":")
        and (doc[next_index].text in OPENING_MARKS or doc[next_index].text == '"')
    )


def _attributes_before(cue: Cue, first: Token, sentence_ended: bool) -> bool:
    """Whether a cue after a piece attributes it: not when the cue has a clause of its own after it ("He warns
    that ...") unless it follows a comma-ending piece closely (“…,” Ramos, 58, told AFP that ...); after a piece
    that ended its sentence, only when the next word is lower-case or a name (“...?” she asked; “...” Trump said)."""
    if cue.content is not None and cue.content[0] >= cue.end and (sentence_ended or cue.token.i - first.i > 4):
        return False  # the cue has its own clause: "He warns that ...", not “…,” X told Reuters that ...
    return not sentence_ended or first.is_lower or first.pos_ == "PROPN" or not first.is_alpha


def _has_own_clause(cue: Cue) -> bool:
    return cue.content is not None and cue.content[0] >= cue.end


def piece_cue(
    piece: MarkedSpan, text: str, tokens: TokenIndex, by_token: dict[int, Cue], index: ParagraphIndex
) -> tuple[Cue | None, bool]:
    """Rule 2: the piece's cue, and whether it stands after the piece."""
    doc = tokens.doc
    paragraph = index.spans[index.of(piece.start)]
    after = _window(doc, tokens.first_from(piece.end), 1, paragraph)
    body = text[piece.start : piece.end]
    ended = _ends_sentence(body)
    before = [by_token[i] for i in _window(doc, tokens.first_from(piece.start) - 1, -1, paragraph) if i in by_token]
    governing = [cue for cue in before if cue.content is not None and cue.content[0] <= piece.start < cue.content[1]]
    if not (ended and _introduces_next(doc, after, text)):
        for token_index in after:
            cue = by_token.get(token_index)
            if cue is None or (governing and _has_own_clause(cue)):
                continue  # "X said that Y is “...,” adding that ...": the piece is what X said
            if _attributes_before(cue, doc[after[0]], ended):
                return cue, True
    if governing or before:
        return (governing or before)[0], False
    return _cue_ending_sentence_before(doc, tokens.first_from(piece.start) - 1, by_token, paragraph), False


def _cue_ending_sentence_before(
    doc: Doc, index: int, by_token: dict[int, Cue], paragraph: tuple[int, int]
) -> Cue | None:
    """A quote opening its sentence right after a sentence that ends in a cue with a speaker but nothing said
    ("Jane Doe agreed. “…”", "..., analyst Jane Doe says. “…”"): the quote is what that cue reports."""
    while index >= 0 and doc[index].is_space:
        index -= 1
    if index < 1 or doc[index].text != "." or doc[index].idx < paragraph[0]:
        return None
    for token in reversed(doc[max(0, index - 1 - PREVIOUS_SENTENCE_TAIL) : index]):
        cue = by_token.get(token.i)
        if cue is not None:
            spoke = cue.token.pos_ == "VERB" and cue.stance == "assert"  # not "her remarks.": a noun names a talk
            # A cue with a quote of its own (“A,” X said. “B.”) is found by the rules for quotes on both sides.
            quoted = any(word.text in ALL_MARKS for word in doc[token.sent.start : token.i])
            return cue if spoke and not quoted and cue.speaker is not None and cue.content is None else None
        if token.dep_ not in ("npadvmod", "advmod", "prt") and token.ent_type_ not in ("DATE", "TIME"):
            return None
    return None


def _is_fragment_quote(piece: MarkedSpan, text: str, cue: Cue | None, cue_after: bool, tokens: TokenIndex) -> bool:
    """Rule 1's exception: “Denver,” he answered."""
    body = text[piece.start : piece.end].rstrip("".join(ALL_MARKS) + " ")
    if cue is None:
        return False
    if not cue_after:  # X asked, “Really?”: the words right after a verb and a comma or colon
        between = text[cue.end : piece.start].strip()
        return body[-1:] in ".?!" and between in (",", ":") and cue.token.pos_ in ("VERB", "AUX")
    return body[-1:] in ",?!" and cue.token.i - tokens.first_from(piece.end) < FRAGMENT_CUE_TOKENS


def group_quotations(
    text: str,
    spans: Sequence[MarkedSpan],
    doc: Doc,
    cues: Sequence[Cue],
    index: ParagraphIndex,
    words: QuoteCues,
    *,
    tokens: TokenIndex | None = None,
) -> list[Quotation]:
    """Rules 1-3: the quotations of the article with their cues, in text order (`words`: the cue file's linking and
    title words; `tokens`: the doc's TokenIndex, when the caller has one)."""
    tokens = TokenIndex(doc) if tokens is None else tokens
    by_token = {cue.token.i: cue for cue in cues}
    quotations: list[Quotation] = []
    for span in spans:
        cue, cue_after = piece_cue(span, text, tokens, by_token, index)
        body = text[span.start : span.end]
        if not is_quotation_like(body) and not _is_fragment_quote(span, text, cue, cue_after, tokens):
            continue
        if is_title_like(body, words.title_small_words) and (cue is None or _words_before_mark_closes(body)):
            continue
        previous = quotations[-1] if quotations else None
        if previous is not None and _joins(previous, span, cue, tokens, index, words.linking_words):
            quotations[-1] = Quotation((*previous.pieces, span), previous.paragraph, previous.cue or cue)
            continue
        quotations.append(Quotation((span,), index.of(span.start), cue))
    return quotations


def _joins(
    previous: Quotation,
    span: MarkedSpan,
    cue: Cue | None,
    tokens: TokenIndex,
    index: ParagraphIndex,
    linking_words: frozenset[str],
) -> bool:
    """Rule 3: the piece continues the quotation before it."""
    if index.of(previous.end - 1) != index.of(span.start):
        return False
    if cue is not None and previous.cue is not None and cue is not previous.cue:
        return False
    gap = [t for t in tokens.doc[tokens.first_from(previous.end) : tokens.first_from(span.start)] if not t.is_space]
    if sum(1 for token in gap if token.is_alpha) > MAX_GAP_WORDS:
        return False
    # At most one sentence may end in the gap, at its very end or before a linking word: “A,” he said. But “B.”
    ends = [position for position, token in enumerate(gap) if token.text in SENTENCE_END]
    return not ends or (
        len(ends) == 1 and all(token.lower_ in linking_words or token.text == "," for token in gap[ends[0] + 1 :])
    )
