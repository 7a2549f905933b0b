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

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER, POS
from spacy.symbols import PRON
from spacy.tokens import Doc, Span, Token

from dateline import actors as actors_stage
from dateline.quotes.clauses import token_span
from dateline.quotes.cues import QuoteCues, QuoteKnowledge
from dateline.quotes.gender import Gender, GenderWords, person_gender, pronoun_gender, surname_genders
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
    gender: Gender | None = None  # None: unknown, or not a person


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


def find_antecedent(
    head: Token, antecedents: Sequence[Antecedent], cues: QuoteCues, table: GenderWords
) -> Antecedent | None:
    """The earlier speaker or entity the pronoun at `head` stands for (rule 2): the first compatible subject or
    speaker of the pronoun's own sentence, else the latest speaker quoted within SPEAKER_WINDOW characters, else the
    latest compatible entity within ANTECEDENT_WINDOW."""
    wants_person = head.lower_ in cues.person_pronouns and head.lower_ not in cues.group_pronouns
    wants_gender = pronoun_gender(head.lower_, table)
    compatible = [
        candidate
        for candidate in antecedents
        if candidate.end <= head.idx
        and head.idx - candidate.end <= ANTECEDENT_WINDOW
        and (candidate.is_person or not wants_person)
        and (wants_gender is None or candidate.gender in (None, wants_gender))
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


def titled_name(entity: Span, table: GenderWords) -> str:
    """The entity's words with the title right before it, which the parse leaves out of the name ("Mrs. Holt")."""
    if entity.start > 0 and entity.doc[entity.start - 1].lower_.rstrip(".") in table.honorifics:
        return f"{entity.doc[entity.start - 1].text} {entity.text}"
    return entity.text


def _pronoun_evidence(doc: Doc, table: GenderWords) -> dict[str, Gender]:
    """Surname -> gender from sentences that name one person and use pronouns of one gender only ("Keyworth rushed
    to discuss his idea"): in such a sentence the pronoun can hardly stand for anyone else."""
    pronoun_genders = _gendered_pronouns(doc, table)
    positions = [index for index, _ in pronoun_genders]  # in text order: each sentence's pronouns are one slice
    entities = list(doc.ents)
    entity_starts = [entity.start for entity in entities]
    seen: dict[str, set[Gender]] = {}
    for sentence in doc.sents:
        inside = pronoun_genders[bisect_left(positions, sentence.start) : bisect_left(positions, sentence.end)]
        genders = {gender for _, gender in inside}
        if len(genders) != 1:
            continue
        surnames = {
            entity.text.split()[-1].lower()
            for entity in _entities_within(entities, entity_starts, sentence)
            if entity.label_ in PERSON_LABELS
        }
        if len(surnames) == 1:
            seen.setdefault(surnames.pop(), set()).add(genders.pop())
    return {surname: genders.pop() for surname, genders in seen.items() if len(genders) == 1}


def _entities_within(entities: Sequence[Span], starts: Sequence[int], sentence: Span) -> list[Span]:
    """`sentence.ents`, taken from the document's entities read once (`starts`: their first token indices).

    Why: Span.ents goes through `doc.ents`, which makes a Span of every entity of the document, on every call. The
    rule is Span.ents's own: entities from the sentence start, up to the first one that runs past its end."""
    found = []
    for entity in entities[bisect_left(starts, sentence.start) :]:
        if entity.end > sentence.end:
            break
        found.append(entity)
    return found


def _gendered_pronouns(doc: Doc, table: GenderWords) -> list[tuple[int, Gender]]:
    """(token index, gender) of every gendered pronoun, read from the doc's arrays: a Python pass over every token
    cost more than the rest of the speaker search."""
    strings = doc.vocab.strings
    rows = doc.to_array([POS, LOWER])
    found = []
    for index in numpy.flatnonzero(rows[:, 0] == PRON):
        gender = pronoun_gender(strings[int(rows[index, 1])], table)
        if gender is not None:
            found.append((int(index), gender))
    return found


def document_surnames(doc: Doc, table: GenderWords) -> dict[str, Gender]:
    """Surname -> gender from the full PERSON names of the parse ("Hillary Clinton" makes a later "Clinton" a woman),
    else from the pronouns of sentences about one person."""
    names = (titled_name(entity, table) for entity in doc.ents if entity.label_ in PERSON_LABELS)
    return {**_pronoun_evidence(doc, table), **surname_genders(names, table)}


def antecedent_gender(
    text: str, ref: ActorRef | None, is_person: bool, surnames: Mapping[str, Gender], table: GenderWords
) -> Gender | None:
    """The gender of a person antecedent from its words, else from its actor's name; None for groups."""
    if not is_person:
        return None
    gender = person_gender(text, surnames, table)
    if gender is None and ref is not None and ref.name:
        gender = person_gender(ref.name, surnames, table)
    return gender


def entity_antecedents(
    article: Article,
    doc: Doc,
    actors: Sequence[Actor],
    table: GenderWords,
    surnames: Mapping[str, Gender] | None = None,
) -> list[Antecedent]:
    """Every PERSON and named group of the parse, as antecedent candidates, persons with their gender if known
    (`surnames`: document_surnames(doc), passed in when the caller has it already)."""
    surnames = document_surnames(doc, table) if surnames is None else surnames
    found = []
    known = tuple(actors)
    for entity in doc.ents:
        if entity.label_ not in GROUP_LABELS:
            continue
        dependency = entity.root.dep_  # spaCy works a Span's root out anew on every access
        if dependency in MODIFIER_DEPS:
            continue
        ref = actors_stage.resolve_span(article, doc, entity.start_char, entity.end_char, known)
        is_person = entity.label_ in PERSON_LABELS
        is_subject = dependency in SUBJECT_DEPS
        gender = antecedent_gender(titled_name(entity, table), ref, is_person, surnames, table)
        found.append(
            Antecedent(entity.start_char, entity.end_char, is_person, ref, entity.text, False, is_subject, gender)
        )
    return found


def make_speaker(
    article: Article,
    doc: Doc,
    head: Token,
    actors: Sequence[Actor],
    antecedents: Sequence[Antecedent],
    knowledge: QuoteKnowledge,
) -> tuple[Speaker, ActorRef | None, bool]:
    """The Speaker record for the phrase headed by `head`, its actor, and whether it names a person."""
    cues = knowledge.cues
    if is_pronoun(head, cues):
        start, end = head.idx, head.idx + len(head.text)
        antecedent = find_antecedent(head, antecedents, cues, knowledge.gender)
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
