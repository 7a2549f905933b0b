"""Speakers: the words that name who spoke, pronouns resolved to a person named before, and the actor they are.

1. The speaker's words are its head noun with the words that belong to the name or title (compounds, determiners,
   adjectives, possessives, "of" phrases, coordinated names), without appositions or relative clauses: "Najm
   Jibouri, the governor ..., said" gives "Najm Jibouri".
2. A pronoun ("he said") keeps its own words and offsets, and takes its identity from its antecedent: the subject
   of its own sentence when one came before it ("Jane Doe says she ..."), else the latest earlier speaker or PERSON
   entity for he/she/I/we/you, the latest speaker or named group for they/it (a simple recency rule with no gender:
   the latest candidate before the pronoun wins).
3. The actor is the one the actors stage found at the speaker's words (actors.resolve_span): the same person
   quoted in two articles gets the same actor id. Unnamed, titled speakers ("a Pentagon spokesman") link to the
   institution actor when the actors stage resolved them to one; otherwise the id stays None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dateline import actors as actors_stage
from dateline.quotes.clauses import token_span
from dateline.quotes.cues import QuoteCues
from dateline.records import Actor, ActorRef, Article, Speaker

NAME_DEPS = frozenset({"compound", "amod", "det", "nmod", "poss", "case", "nummod", "quantmod", "flat", "cc", "conj"})
PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE", "PERSON"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})  # "Iraqi" in "Iraqi soldiers" names no one
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
# How far back (in characters) an antecedent may lie: about three paragraphs of news prose.
ANTECEDENT_WINDOW = 1500
# A pronoun speaker stands for the last quoted speaker when that one was quoted at most this far back (about one
# paragraph), even if other people were named in between ("Pataki says Kasich “...” He warns ...").
SPEAKER_WINDOW = 400


@dataclass(frozen=True)
class Antecedent:
    """A named speaker or entity a later pronoun may stand for."""

    start: int
    end: int
    is_person: bool
    ref: ActorRef | None
    text: str
    is_speaker: bool = False
    is_subject: bool = False


def _keep(child: Token, head: Token) -> bool:
    if child.dep_ == "amod" and child.i > head.i:
        return False  # "the Sahwa, instrumental in the fight against ...": a description, not the name
    if child.dep_ in NAME_DEPS:
        return True
    return child.dep_ == "prep" and child.lower_ == "of" and child.i > head.i


def speaker_words(head: Token) -> tuple[int, int]:
    """Character span of the speaker's name or title around its head word (rule 1), within its paragraph."""
    tokens = [head]
    for child in head.children:
        if _keep(child, head):
            tokens.extend(child.subtree)
    tokens.sort(key=lambda token: token.i)
    doc = head.doc
    first, last = tokens[0].i, tokens[-1].i
    for token in doc[first : head.i]:
        if "\n" in token.text_with_ws:
            first = token.i + 1
    for token in doc[head.i : last]:
        if "\n" in token.text_with_ws:
            last = token.i
            break
    while last + 1 < len(doc) and not doc[last].whitespace_ and (doc[last + 1].is_alpha or doc[last + 1].text == "-"):
        last += 1  # "al-Abadi" is three tokens
    while first > 0 and not doc[first - 1].whitespace_ and (doc[first - 1].is_alpha or doc[first - 1].text == "-"):
        first -= 1
    contiguous = [token for token in doc[first : last + 1] if token.dep_ not in ("appos", "relcl")]
    span = token_span(contiguous)
    return span if span is not None else (head.idx, head.idx + len(head.text))


def noun_of_relative(head: Token) -> Token:
    """ "a surrogate who said": the noun a relative pronoun stands for."""
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
        return head.head.head
    return head


def _named_part(head: Token, cues: QuoteCues) -> Token:
    """ "some of the Sahwa", "members of the council": the group the speaker belongs to names its actor."""
    if head.lower_ not in cues.quantifiers:
        return head
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return head


def is_pronoun(head: Token, cues: QuoteCues) -> bool:
    return head.pos_ == "PRON" and head.lower_ in (cues.person_pronouns | cues.group_pronouns)


def find_antecedent(head: Token, antecedents: Sequence[Antecedent], cues: QuoteCues) -> Antecedent | None:
    """The earlier speaker or entity the pronoun at `head` stands for (rule 2): the first compatible subject or
    speaker of the pronoun's own sentence, else the latest speaker quoted within SPEAKER_WINDOW characters, else the
    latest compatible entity within ANTECEDENT_WINDOW."""
    wants_person = head.lower_ in cues.person_pronouns and head.lower_ not in cues.group_pronouns
    compatible = [
        candidate
        for candidate in antecedents
        if candidate.end <= head.idx
        and head.idx - candidate.end <= ANTECEDENT_WINDOW
        and (candidate.is_person or not wants_person)
    ]
    if head.lower_ == "it":
        compatible = [candidate for candidate in compatible if not candidate.is_person]
    sentence = head.sent
    same_sentence = [candidate for candidate in compatible if candidate.start >= sentence.start_char]
    subjects_here = [candidate for candidate in same_sentence if candidate.is_subject or candidate.is_speaker]
    if subjects_here:  # "Jane Doe says she thinks ...": the subject of the sentence, not the last name mentioned
        return min(subjects_here, key=lambda candidate: candidate.start)
    near = [candidate for candidate in compatible if head.idx - candidate.end <= SPEAKER_WINDOW]
    speakers = [candidate for candidate in near if candidate.is_speaker]
    subjects = [candidate for candidate in near if candidate.is_subject]
    pool = speakers or subjects or compatible
    return max(pool, key=lambda candidate: candidate.start) if pool else None


def entity_antecedents(article: Article, doc: Doc, actors: Sequence[Actor]) -> list[Antecedent]:
    """Every PERSON and named group of the parse, as antecedent candidates."""
    found = []
    for entity in doc.ents:
        if entity.label_ not in GROUP_LABELS or entity.root.dep_ in MODIFIER_DEPS:
            continue
        ref = actors_stage.resolve_span(article, doc, entity.start_char, entity.end_char, tuple(actors))
        is_person = entity.label_ in PERSON_LABELS
        is_subject = entity.root.dep_ in SUBJECT_DEPS
        found.append(Antecedent(entity.start_char, entity.end_char, is_person, ref, entity.text, False, is_subject))
    return found


def make_speaker(
    article: Article,
    doc: Doc,
    head: Token,
    actors: Sequence[Actor],
    antecedents: Sequence[Antecedent],
    cues: QuoteCues,
) -> tuple[Speaker, ActorRef | None, bool]:
    """The Speaker record for the phrase headed by `head`, its actor, and whether it names a person."""
    if is_pronoun(head, cues):
        start, end = head.idx, head.idx + len(head.text)
        antecedent = find_antecedent(head, antecedents, cues)
        if antecedent is None:
            return Speaker(text=head.text, start=start, end=end), None, head.lower_ in cues.person_pronouns
        ref = antecedent.ref
        name = ref.name if ref is not None else antecedent.text
        speaker = Speaker(text=head.text, start=start, end=end, id=ref.id if ref else None, name=name)
        pronoun_ref = ActorRef(head.text, ref.id, ref.name, ref.country, ref.sector) if ref is not None else None
        return speaker, pronoun_ref, antecedent.is_person
    start, end = speaker_words(head)
    linked = _named_part(head, cues)
    ref = actors_stage.resolve_span(article, doc, *speaker_words(linked), tuple(actors)) if linked is not head else None
    ref = ref or actors_stage.resolve_span(article, doc, start, end, tuple(actors))
    text = article.text[start:end]
    name = ref.name if ref is not None else text
    is_person = head.ent_type_ == "PERSON" or head.lower_ in cues.speaker_nouns
    return Speaker(text=text, start=start, end=end, id=ref.id if ref else None, name=name), ref, is_person
