"""The quotes stage: direct, indirect and mixed quotes with their speakers, stances and the events they are about.

Reads: Article.text, the Doc (sentences, parts of speech, lemmas, dependencies, entities), the actors (to link
speakers) and the events (to link quotes, and not to repeat their ACCUSE events). Writes: Quote records, and an
ACCUSE Event for each accusation the events stage did not already code (ids f"{article.id}-c{n}"), and, for a claim
of responsibility, the claimed event with its claimant as source (its own id: the pipeline puts it in the place of
the events stage's record).

1. Direct quotes: quote-mark spans (marks.py) grouped into quotations (attribution.py); a quote's span includes its
   quote marks, and “A,” he said, “B.” is one quote.
2. Cues: reporting verbs, nouns and phrases with their speaker and content from the parse (clauses.py). A quotation
   takes the cue next to it; when that cue's clause runs on beyond the quote marks ("said the coalition is “...”")
   the quote is mixed and spans the whole clause.
3. Indirect quotes: the clauses of the remaining cues ("said that ...", "told reporters ...", "according to X, ...");
   mixed when they contain quoted words.
4. A paragraph of quotation with no cue continues the quote of the paragraph before ("X said ...", then a
   paragraph in quote marks); quoted words inside an earlier quote's clause belong to it (quotes never overlap).
   A quote with no cue introduced by a name and a colon ("analyst X: “...”") is X's. Any other quote without a
   speaker (no cue, or a cue with no subject: "Adding, “...”") takes the speaker of the previous quote when that one
   ends in the same or the previous paragraph, else the last person named before it in its sentence or the sentence
   before, else None.
5. A quote whose cue lies inside what a verb of saying reports ("X says the voters are seeking “...”", "X says she
   thinks “...”") is X's, unless that cue is a verb of saying with a named subject of its own.
6. Speakers and their actors (speakers.py; fallbacks.py for names the parse does not give: “…,” said Skelly, a
   quote signed “…” ― Jane Doe); stance from the cue (cues.py); event links and ACCUSE events (claims.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from dateline import actors as actors_stage
from dateline.quotes.attribution import ParagraphIndex, Quotation, TokenIndex, group_quotations
from dateline.quotes.claims import (
    accusation_event,
    disowned,
    event_about,
    existing_accusation,
    failing_party,
    shortfall_blame,
    tie_claim,
)
from dateline.quotes.clauses import Cue, find_cues, token_span
from dateline.quotes.cues import QuoteCues, QuoteKnowledge, load_quote_knowledge
from dateline.quotes.fallbacks import (
    NOT_SPEAKERS,
    SIGNATURE_DASHES,
    fallback_speaker_head,
    first_name_in_line,
    signer,
)
from dateline.quotes.marks import MarkedSpan, find_marked_spans
from dateline.quotes.speakers import (
    Antecedent,
    antecedent_gender,
    document_surnames,
    entity_antecedents,
    make_speaker,
    noun_of_relative,
    speaker_words,
)
from dateline.records import (
    Actor,
    ActorRef,
    Article,
    Event,
    Evidence,
    Quote,
    QuoteKind,
    Speaker,
    Stance,
    TimeExpr,
)

__all__ = ["QuoteCues", "QuoteKnowledge", "find_quotes", "load_quote_knowledge"]

# A cue's clause must reach this many words beyond the quote marks to make a direct quote mixed.
MIXED_MIN_EXTRA_WORDS = 3
MIN_CONTENT_WORDS = 2
# A quotation with no cue takes the previous quote's speaker when it is at most this many paragraphs after it.
CARRY_PARAGRAPHS = 1
# What ends the clause a mixed quote runs on into after its closing mark.
# (and the words of quote_cues.yaml's `clause_break_words`).
CLAUSE_BREAKS = frozenset({",", ";", "—", "–", "-", "(", ":", ".", "?", "!"})
# What may stand between a source's name and the quote it introduces: "Jane Doe (D-XX): “...”".
COLON_AFTER_NAME = re.compile(r"\s*(\([^()]{0,40}\))?\s*:\s*")
# A quote signed with a dash and a name is complete: the quote after it is not its continuation.
SIGNED_BY_NAME = re.compile(r"[ \t]*[-—–―~]+[ \t]*[A-Z]")


@dataclass
class _Draft:
    start: int
    end: int
    kind: QuoteKind
    cue: Cue | None
    paragraph: int
    speaker_cue: Cue | None = None  # the cue whose speaker the quote is attributed to, when not `cue`'s


def _words_between(doc: Doc, start: int, end: int) -> int:
    span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    return sum(1 for token in span if token.is_alpha or token.like_num) if span is not None else 0


def _overlaps(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return max(first[0], second[0]) < min(first[1], second[1])


def _sentence_end(doc: Doc, tokens: TokenIndex, position: int, stops: frozenset[int], words: QuoteCues) -> int:
    """Where the clause running on after closing quote marks ends: before the next cue word (`stops`: token
    indices), a comma, dash or semicolon, a conjunction ("and shared a link", "as he faces ..."), or the end of
    the sentence or paragraph."""
    index = tokens.first_from(position)
    if index >= len(doc):
        return position
    kept = []
    for token in doc[index : doc[index].sent.end]:
        if token.i in stops or token.text in CLAUSE_BREAKS or token.lower_ in words.clause_break_words:
            break
        kept.append(token)
        if "\n" in token.whitespace_:
            break
    span = token_span(kept)
    return span[1] if span is not None else position


def _direct_draft(
    doc: Doc, tokens: TokenIndex, quotation: Quotation, stops: frozenset[int], index: ParagraphIndex, words: QuoteCues
) -> _Draft:
    """A quotation as a quote: mixed when its cue stands before it and the clause runs on around the marks."""
    start, end, cue = quotation.start, quotation.end, quotation.cue
    if cue is not None and cue.token.idx < quotation.start:
        if cue.content is not None and cue.end <= cue.content[0] < start:
            start = cue.content[0]
        else:
            start = _start_after_cue(doc, tokens, cue, start, index.text, words)
        following = index.text[end : end + 2].lstrip(" ")
        if following[:1] and following[:1] not in ".?!\n" and index_continues(doc, tokens, end):
            end = max(end, _sentence_end(doc, tokens, end, stops, words))
    kind: QuoteKind = "direct"
    start = max(start, index.spans[quotation.paragraph][0])
    if _words_between(doc, start, quotation.start) + _words_between(doc, quotation.end, end) >= 1:
        kind = "mixed"
    return _Draft(start, end, kind, cue, quotation.paragraph)


def _start_after_cue(doc: Doc, tokens: TokenIndex, cue: Cue, quote_start: int, text: str, words: QuoteCues) -> int:
    """Where a quote introduced by a cue before it begins: at the marks after "X said:" or "told reporters,", else
    right after the cue and its addressee ("slammed the plan as “...”" begins at "the plan")."""
    between = text[cue.end : quote_start].strip()
    if not between or between[-1] in ",:":
        return quote_start
    addressees = [child for child in cue.token.children if child.dep_ in ("dative", "dobj") and child.idx < quote_start]
    first = tokens.first_from(cue.end)
    if cue.token.lemma_ in words.addressee_verbs and addressees:
        first = max(first, max(child.right_edge.i for child in addressees) + 1)
    while first < len(doc) and doc[first].idx < quote_start and (doc[first].is_punct or doc[first].is_space):
        first += 1
    return doc[first].idx if first < len(doc) and doc[first].idx < quote_start else quote_start


def index_continues(doc: Doc, tokens: TokenIndex, position: int) -> bool:
    """True when words follow `position` in the same sentence (the quote is part of a longer clause)."""
    index = tokens.first_from(position)
    return index < len(doc) and doc[index].is_alpha and not doc[index].is_sent_start


def _indirect_drafts(
    doc: Doc,
    tokens: TokenIndex,
    cues: Sequence[Cue],
    used: set[int],
    taken: list[tuple[int, int]],
    marked: Sequence[tuple[int, int]],
    index: ParagraphIndex,
    words: QuoteCues,
) -> list[_Draft]:
    drafts: list[_Draft] = []
    for cue in cues:
        if cue.token.i in used or cue.content is None:
            continue
        if cue.speaker is None and cue.token.lemma_.lower() not in words.speech:
            continue  # (the cheapest test first)
        position = (cue.token.idx, cue.end)
        if any(_overlaps(position, span) or _overlaps(cue.content, span) for span in taken):
            continue
        if _words_between(doc, *cue.content) < MIN_CONTENT_WORDS:
            continue
        start, end = _run_to_sentence_end(doc, tokens, cue, cues)
        start = max(start, index.spans[index.of(cue.token.idx)][0])
        if start >= end or _words_between(doc, start, end) < MIN_CONTENT_WORDS:
            continue  # the words the cue reports lie in an earlier paragraph: no attribution across the break
        cut = [(s, e) for s, e in marked if _overlaps((s, e), (start, end))]
        start, end = min([start, *(s for s, _ in cut)]), max([end, *(e for _, e in cut)])
        kind: QuoteKind = "mixed" if cut else "indirect"
        drafts.append(_Draft(start, end, kind, cue, index.of(start)))
        taken.append((start, end))
    return drafts


def _run_to_sentence_end(doc: Doc, tokens: TokenIndex, cue: Cue, cues: Sequence[Cue]) -> tuple[int, int]:
    """A clause after its cue runs to the end of the sentence (the parse often cuts it short at a comma or a
    conjunction), stopping before the next cue of the sentence."""
    if cue.content is None:
        raise ValueError("a cue without content has no clause to extend")
    start, end = cue.content
    if start < cue.end:
        return start, end
    sentence = cue.token.sent
    stops = [other.token.idx for other in cues if end <= other.token.idx < sentence.end_char and other is not cue]
    limit = min([sentence.end_char, *stops])
    kept = []
    # Tokens run in text order, so the clause's tokens are those from the first one at `end` until one passes `limit`.
    for token in doc[max(tokens.first_from(end), sentence.start) : sentence.end]:
        if token.idx + len(token.text) > limit:
            break
        kept.append(token)
        if "\n" in token.whitespace_:
            break
    tail = token_span(kept)
    if tail is None or stops:
        return start, end
    return start, max(end, tail[1])


def _subject_before_colon(doc: Doc, tokens: TokenIndex, draft: _Draft) -> Token | None:
    """A quote with no cue after "<subject> <verb>:" ("The group responded: “...”") is the subject's."""
    colon = tokens.first_from(draft.start) - 1
    while colon > 0 and doc[colon].is_space:
        colon -= 1
    if colon < 1 or doc[colon].text != ":":
        return None
    verb = doc[colon - 1]
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN") or subject.ent_type_ in NOT_SPEAKERS:
        return None
    return subject


def _speaker_before(
    doc: Doc, tokens: TokenIndex, draft: _Draft, antecedents: Sequence[Antecedent]
) -> tuple[Speaker | None, ActorRef | None]:
    """A quote with no cue: the last person named before it in its sentence or the one before (rule 4), if any."""
    first = tokens.first_from(draft.start)
    if first >= len(doc):
        return None, None
    own_sentence = doc[first].sent
    previous_sentence = doc[own_sentence.start - 1].sent if own_sentence.start > 0 else own_sentence
    named = [
        candidate
        for candidate in antecedents
        if candidate.is_person and previous_sentence.start_char <= candidate.start and candidate.end <= draft.start
    ]
    if not named:
        return None, None
    return _antecedent_speaker(max(named, key=lambda candidate: candidate.start))


def _antecedent_speaker(chosen: Antecedent) -> tuple[Speaker, ActorRef | None]:
    ref = chosen.ref
    name = ref.name if ref is not None else chosen.text
    return Speaker(chosen.text, chosen.start, chosen.end, ref.id if ref is not None else None, name), ref


def _named_right_before(
    article: Article, doc: Doc, tokens: TokenIndex, draft: _Draft, antecedents: Sequence[Antecedent]
) -> Antecedent | None:
    """A quote with no cue introduced by a name and a colon in its own sentence: "pollster Jane Doe: “...”"."""
    first = tokens.first_from(draft.start)
    if first >= len(doc):
        return None
    sentence_start = doc[first].sent.start_char
    earlier = [c for c in antecedents if sentence_start <= c.start and c.end <= draft.start]
    for candidate in sorted(earlier, key=lambda candidate: -candidate.start):
        if COLON_AFTER_NAME.fullmatch(article.text[candidate.end : draft.start]):
            return candidate
    return None


def _is_age(head: Token) -> bool:
    """“...,” said the 46-year-old: a person named by age, which the parser tags as a date."""
    return head.lower_ == "old" and any(token.lower_ in ("year", "years") for token in head.subtree)


def _is_named_subject(head: Token) -> bool:
    """A proper-noun subject the model took for a title ("Risch told ..." tagged WORK_OF_ART): still a speaker."""
    return head.ent_type_ == "WORK_OF_ART" and head.pos_ == "PROPN" and head.dep_ == "nsubj"


def _sentence_evidence(article: Article, doc: Doc, token: Token) -> Evidence:
    sentence = token.sent
    return Evidence(article.text[sentence.start_char : sentence.end_char], sentence.start_char, sentence.end_char)


def find_quotes(
    article: Article,
    doc: Doc,
    *,
    actors: Sequence[Actor],
    events: Sequence[Event],
    knowledge: QuoteKnowledge,
    actor_knowledge: actors_stage.ActorKnowledge,
    times: Sequence[TimeExpr] = (),
) -> tuple[list[Quote], list[Event]]:
    """Find quotes; returns the quotes and the claim events (ACCUSE) they imply that the events stage lacks.

    `actor_knowledge` is the actors stage's (the KB the pipeline loaded, with settings.actors_file): it names the
    country a demonym stands for in an accusation ("a lack of American support"). `times` are the times stage's, to
    date the accusations."""
    if not article.text.strip() or len(doc) == 0:
        return [], []
    words = knowledge.cues
    text = article.text
    index = ParagraphIndex(text)
    marked = find_marked_spans(text)
    # A cue inside quote marks belongs to the quoted speaker's own words, not to the article's attributions.
    marked_spans = _spans(marked)
    all_cues = [cue for cue in find_cues(doc, words) if not any(s <= cue.token.idx < e for s, e in marked_spans)]
    tokens = TokenIndex(doc)
    quotations = group_quotations(text, marked, doc, all_cues, index, words, tokens=tokens)
    stops = frozenset(cue.token.i for cue in all_cues)
    drafts = [
        _direct_draft(doc, tokens, quotation, stops, index, words)
        for quotation in quotations
        if quotation.cue is not None
    ]
    used = {quotation.cue.token.i for quotation in quotations if quotation.cue is not None}
    taken = [(draft.start, draft.end) for draft in drafts]
    drafts += _indirect_drafts(doc, tokens, all_cues, used, taken, marked_spans, index, words)
    drafts = _continue_drafts(drafts, [q for q in quotations if q.cue is None], index)
    for draft in drafts:
        draft.speaker_cue = _outer_cue(draft.cue, all_cues) if draft.cue is not None else None
    return _build(article, doc, drafts, marked_spans, actors, events, knowledge, actor_knowledge, index, tokens, times)


def _outer_cue(cue: Cue, cues: Sequence[Cue]) -> Cue | None:
    """The verb of saying whose clause holds `cue` ("X says the voters are seeking “...”", "X says she thinks
    “...”"): the quote is X's when `cue` is not itself a verb of saying or its speaker is a pronoun."""
    inner_speaker = cue.speaker
    if cue.stance == "assert" and inner_speaker is not None and inner_speaker.pos_ != "PRON":
        return None
    sentence = cue.token.sent
    for other in cues:
        if other is cue or other.content is None or other.speaker is None or other.stance != "assert":
            continue
        if not sentence.start <= other.token.i <= cue.token.i:  # same sentence, before the cue
            continue
        if other.content[0] <= cue.token.idx < other.content[1] and other.speaker.i < cue.token.i:
            return other
    return None


def _spans(marked: Sequence[MarkedSpan]) -> list[tuple[int, int]]:
    return [(span.start, span.end) for span in marked]


def _continue_drafts(drafts: list[_Draft], uncued: Sequence[Quotation], index: ParagraphIndex) -> list[_Draft]:
    """Rule 4: a quotation with no cue continues the quote before it (same or next paragraph), else stands alone."""
    ordered = sorted(drafts, key=lambda draft: draft.start)
    for quotation in uncued:
        covering = [draft for draft in ordered if _overlaps((draft.start, draft.end), (quotation.start, quotation.end))]
        if covering:  # quoted words inside an indirect quote's clause belong to it: one attribution, not two
            covering[0].end = max(covering[0].end, quotation.end)
            covering[0].kind = "mixed" if covering[0].kind == "indirect" else covering[0].kind
            continue
        before = [draft for draft in ordered if draft.end <= quotation.start]
        previous = before[-1] if before else None
        follows = previous is not None and quotation.paragraph - index.of(previous.end - 1) <= CARRY_PARAGRAPHS
        spoken = previous is not None and (previous.cue is None or previous.cue.stance is not None)
        signed = previous is not None and SIGNED_BY_NAME.match(index.text, previous.end) is not None
        if previous is not None and follows and spoken and not signed and quotation.opens_paragraph(index):
            previous.end = quotation.end
            previous.kind = "mixed" if previous.kind == "indirect" else previous.kind
            continue
        ordered.append(_Draft(quotation.start, quotation.end, "direct", None, quotation.paragraph))
        ordered.sort(key=lambda draft: draft.start)
    return ordered


def _build(
    article: Article,
    doc: Doc,
    drafts: Sequence[_Draft],
    marked: Sequence[tuple[int, int]],
    actors: Sequence[Actor],
    events: Sequence[Event],
    knowledge: QuoteKnowledge,
    actor_knowledge: actors_stage.ActorKnowledge,
    index: ParagraphIndex,
    tokens: TokenIndex,
    times: Sequence[TimeExpr],
) -> tuple[list[Quote], list[Event]]:
    words, gender = knowledge.cues, knowledge.gender
    surnames = document_surnames(doc, gender)
    antecedents: list[Antecedent] = entity_antecedents(article, doc, actors, gender, surnames)
    quotes: list[Quote] = []
    claim_events: list[Event] = []
    previous: tuple[int, Speaker, ActorRef | None] | None = None  # paragraph of the last quote with a speaker
    for number, draft in enumerate(drafts, 1):
        speaker: Speaker | None = None
        ref: ActorRef | None = None
        cue = draft.cue
        speaking = draft.speaker_cue or cue
        head = noun_of_relative(speaking.speaker) if speaking is not None and speaking.speaker is not None else None
        if head is not None and (
            any(start <= head.idx < end for start, end in marked)
            or (head.ent_type_ in NOT_SPEAKERS and not _is_age(head) and not _is_named_subject(head))
        ):
            head = None  # the parse took quoted words, a date or a number for the speaker
        if head is not None and speaking is not None and index.of(head.idx) != index.of(speaking.token.idx):
            # A sentence the parser ran over a line break ("The Latest ...: ¶ 7 p.m. ¶ Jane Doe is calling ..."):
            # the speaker stands in the cue's own line.
            head = first_name_in_line(doc, speaking, index)
        if cue is not None and head is None:
            head = fallback_speaker_head(doc, cue, words)
        if cue is None and head is None:
            head = _subject_before_colon(doc, tokens, draft)
        signed = (
            signer(article.text, draft.end, index, antecedents) if cue is None or cue.text in SIGNATURE_DASHES else None
        )
        if signed is not None:  # “…” ― Jane Doe: the signature names the speaker whatever the parse made of it
            speaker, ref = _antecedent_speaker(signed)
        elif head is not None:
            speaker, ref, is_person = make_speaker(article, doc, head, actors, antecedents, knowledge)
            if head.pos_ != "PRON":
                speaker_gender = antecedent_gender(speaker.text, ref, is_person, surnames, gender)
                antecedents.append(
                    Antecedent(speaker.start, speaker.end, is_person, ref, speaker.text, True, False, speaker_gender)
                )
        elif cue is None and (named := _named_right_before(article, doc, tokens, draft, antecedents)) is not None:
            speaker, ref = _antecedent_speaker(named)
        elif previous is not None and index.of(draft.start) - previous[0] <= CARRY_PARAGRAPHS:
            speaker, ref = previous[1], previous[2]  # "..., adding, “...”", or a quote after "he said. But"
        elif cue is None:
            speaker, ref = _speaker_before(doc, tokens, draft, antecedents)
        if speaker is not None:
            previous = (index.of(draft.end - 1), speaker, ref)
        stance: Stance | None = cue.stance if cue is not None else "assert"
        blamed = None
        if cue is not None and stance == "assert":
            if draft.kind != "direct":
                blamed = shortfall_blame(
                    article, doc, draft.start, draft.end, actors, words.shortfall_nouns, actor_knowledge
                )
            # "The Iraqi forces just showed no will to fight": quoted or reported, it accuses them (issue 18)
            blamed = blamed or failing_party(
                article,
                doc,
                draft.start,
                draft.end,
                actors,
                disposition_nouns=words.disposition_nouns,
                cue=cue.token if draft.kind != "direct" else None,  # quoted words are the speaker's by their marks
            )
            stance = "accuse" if blamed is not None else stance
        quote = Quote(
            id=f"{article.id}-q{number}",
            article_id=article.id,
            text=article.text[draft.start : draft.end],
            kind=draft.kind,
            start=draft.start,
            end=draft.end,
            cue=cue.text if cue is not None else None,
            speaker=speaker,
            stance=stance,
        )
        event_id = event_about(quote, cue.token if cue is not None else None, [*events, *claim_events])
        # An unnamed accuser ("a senior official") is still the source, by its words; a bare pronoun is not.
        accuser = ref if ref is not None or speaker is None or " " not in speaker.text else ActorRef(speaker.text)
        if cue is not None and stance == "accuse" and (cue.recipient is not None or blamed) and accuser is not None:
            sentence = _sentence_evidence(article, doc, cue.token)
            existing = existing_accusation(sentence, [*events, *claim_events])
            accused = (
                actors_stage.resolve_span(article, doc, *speaker_words(cue.recipient), tuple(actors))
                if cue.recipient is not None
                else blamed
            )
            if existing is not None:
                event_id = existing.id
            elif accused is not None and accused.id != accuser.id:
                event = accusation_event(article, len(claim_events) + 1, sentence, cue.token, accuser, accused, times)
                claim_events.append(event)
                event_id = event.id
        quote = replace(quote, event_id=event_id)
        if cue is not None and stance == "claim_responsibility":
            claimant = None if disowned(cue.token, speaker.text if speaker else None) else _claimant(speaker, ref)
            quote, claimed = tie_claim(quote, claimant, [*events, *claim_events])
            claim_events = [claimed if claimed is not None and e.id == claimed.id else e for e in claim_events]
            if claimed is not None and all(e.id != claimed.id for e in claim_events):
                claim_events.append(claimed)  # the events stage's event with its claimant: it replaces that one
        quotes.append(quote)
    return quotes, claim_events


def _claimant(speaker: Speaker | None, ref: ActorRef | None) -> ActorRef | None:
    """Who claims: the speaker's actor, else an unnamed speaker by its words ("a group calling itself ..."); a
    pronoun nobody resolved claims for nobody we know."""
    if ref is not None:
        return replace(ref, text=speaker.text) if speaker is not None else ref
    if speaker is None or " " not in speaker.text:
        return None
    return ActorRef(speaker.text)
