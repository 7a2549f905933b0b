"""Candidate actor mentions in a parsed article: named entities, KB aliases and role noun phrases.

Each candidate is a token span plus what is known about it before resolution: its kind, the spaCy label, and for
role phrases the head words and the modifiers (countries, owners, identities, sector words) that qualify them.
Overlapping candidates are settled here, longest first, so that "Iraqi forces" is one mention and not also "Iraqi".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from spacy.attrs import IS_PUNCT, ORTH
from spacy.tokens import Doc, Span, Token

from dateline.actors.kb import ActorKB, is_acronym
from dateline.actors.lexicon import RoleLexicon
from dateline.actors.names import fold

CandidateKind = Literal["name", "alias", "role"]
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
# Parts of speech of words before a role phrase that quantify it rather than say who it is ("nearly 25,000"); the
# words that do so whatever their tag ("both", "some") are roles.yaml's `quantifier_words`.
QUANTIFIER_POS = frozenset({"DET", "NUM", "PRON", "ADV", "ADP", "PART", "CCONJ", "PUNCT", "SYM", "SPACE"})
# Preference when two candidates cover the same characters: a name beats a KB alias beats a role phrase.
_KIND_RANK: dict[CandidateKind, int] = {"name": 0, "alias": 1, "role": 2}
# Token.ent_iob values (spaCy): 1 inside an entity, 3 at its first token.
IOB_INSIDE = 1
IOB_BEGIN = 3
# Titles that name an office on their own ("the president said").
_SINGLE_WORD_OFFICES = frozenset({"president", "premier"})
# A sentence whose letters are mostly capitals is a headline or a dateline: "IS" there is the verb.
UPPERCASE_SHARE = 0.6


@dataclass(frozen=True)
class RolePhrase:
    """What a role noun phrase says: its head words, and the words before them that qualify it."""

    head: str  # folded head phrase: "forces", "prime minister"
    head_kind: Literal["group", "person", "office"]
    determiner: str | None  # folded leading determiner, if any
    countries: tuple[str, ...]  # ISO alpha-3 codes named by modifiers ("Iraqi", "U.S.", "Iraq's")
    owners: tuple[Span, ...]  # named entities among the modifiers ("Pentagon", "Islamic State")
    identity: str | None  # canonical identity word ("shia")
    modifier_sector: str | None  # sector named by a modifier ("military" → MIL)
    patrons: tuple[str, ...] = ()  # ISO alpha-3 codes of backers ("Iranian-backed", "U.S.-led")


@dataclass(frozen=True)
class Candidate:
    span: Span
    kind: CandidateKind
    label: str = ""
    role: RolePhrase | None = None

    # Cached: sorting and overlap checks read them tens of thousands of times per article.
    @cached_property
    def start(self) -> int:
        return int(self.span.start_char)

    @cached_property
    def end(self) -> int:
        return int(self.span.end_char)


def trim(span: Span, determiners: frozenset[str]) -> Span:
    """Drop leading determiners (roles.yaml's) and trailing possessive markers and punctuation from a span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in determiners or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end] if end > start else span


def shouting_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of mostly upper-case lines (headlines, section headings, datelines)."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        words = [word for word in line.split() if word.isalpha() and len(word) > 1]
        if words and len([word for word in words if word.isupper()]) / len(words) >= UPPERCASE_SHARE:
            ranges.append((start, start + len(line)))
        start += len(line) + 1
    return ranges


def in_shouting_sentence(span: Span, shouting: list[tuple[int, int]] | None = None) -> bool:
    """True when the span sits in a mostly upper-case line."""
    ranges = shouting_lines(span.doc.text) if shouting is None else shouting
    return any(start <= span.start_char and span.end_char <= end for start, end in ranges)


def name_candidates(
    doc: Doc, kb: ActorKB, shouting: list[tuple[int, int]], *, text: str | None = None
) -> list[Candidate]:
    """Named entities that may be actors (people, organisations, groups, countries, buildings like the Pentagon).

    `text` is the Doc's text when the caller has it (spaCy builds `doc.text`, and a Span's text, on every access)."""
    full_text = doc.text if text is None else text
    found: list[Candidate] = []
    for entity in doc.ents:
        if entity.label_ not in NAME_LABELS:
            continue
        span = trim(entity, kb.roles.determiners)
        name = full_text[span.start_char : span.end_char]
        if "\n" in name:
            continue
        if in_shouting_sentence(span, shouting) and (name == "IS" or not (is_acronym(name) and kb.lookup(name))):
            continue  # headline words ("IRAN'S INFLUENCE"); only known acronyms other than "IS" survive
        found.append(Candidate(span=span, kind="name", label=entity.label_))
    return found


def alias_candidates(doc: Doc, kb: ActorKB) -> list[Candidate]:
    """KB aliases the model does not tag (lower-case ones such as "popular mobilization units", "peshmerga")."""
    # Why through the ORTH array: folding each distinct word once, without a Token object per token, is most of
    # what this scan costs otherwise.
    table = doc.to_array([ORTH, IS_PUNCT])
    orths: list[int] = table[:, 0].tolist()
    is_punct: list[int] = table[:, 1].tolist()
    texts = {orth: doc.vocab.strings[orth] for orth in set(orths)}
    folded_of = {orth: fold(text) for orth, text in texts.items()}
    folded = [folded_of[orth] for orth in orths]
    found: list[Candidate] = []
    for index, word in enumerate(folded):
        if word not in kb.first_words or is_punct[index]:
            continue
        longest_end = 0
        node = kb.alias_trie
        for end in range(index, len(doc)):
            if "\n" in texts[orths[end]]:
                break
            following = node.follow(folded[end].split())
            if following is None:
                break
            node = following
            if node.ends_alias and not is_punct[end]:
                longest_end = end + 1
        if not longest_end:
            continue
        longest = doc[index:longest_end]
        text = longest.text  # a Span builds its text anew on every access
        if is_acronym(text):
            continue
        if text == text.lower() and fold(text) not in kb.lower_aliases:
            continue  # "central command" is not "Central Command"
        if any(kb.actors[actor_id].kind != "country" for actor_id in kb.aliases[" ".join(fold(text).split())]):
            found.append(Candidate(span=trim(longest, kb.roles.determiners), kind="alias"))
    return found


def _head_phrase(
    chunk: Span, roles: RoleLexicon, text: str | None = None, root: Token | None = None
) -> tuple[int, str, Literal["group", "person", "office"]] | None:
    """The longest role phrase ending at the chunk's root: (its first token index, folded phrase, kind).

    `text` is the Doc's text and `root` the chunk's root when the caller has them (slicing the text is cheaper than
    building a Span per length; spaCy works the root out anew on every access)."""
    root = chunk.root if root is None else root
    doc = chunk.doc
    root_words = fold(root.text).split()
    # Why: most noun chunks name no role, and their head word alone shows it. With a space before the head (or no
    # word before it in the chunk) every phrase tried below ends with the head's last folded word.
    if (
        root_words
        and (root.i == chunk.start or doc[root.i - 1].whitespace_)
        and root_words[-1] not in roles.last_words
        and root_words[-1] not in _SINGLE_WORD_OFFICES
    ):
        return None
    full_text = doc.text if text is None else text
    root_end = root.idx + len(root.text)
    for length in range(min(roles.longest_phrase, root.i - chunk.start + 1), 0, -1):
        start = root.i - length + 1
        phrase = fold(full_text[doc[start].idx : root_end])
        if (phrase in roles.office_titles and length > 1) or phrase in _SINGLE_WORD_OFFICES:
            return start, phrase, "office"
        if phrase in roles.group_words:
            return start, phrase, "group"
        if phrase in roles.person_words:
            kind: Literal["person", "office"] = "office" if phrase in roles.office_titles else "person"
            return start, phrase, kind
        if phrase in roles.anaphora_words:
            return start, phrase, "group"
    return None


def _backed_by(token: Token, roles: RoleLexicon) -> bool:
    """True for "Iran" in "Iran-backed" or "U.S.-led": the country is a sponsor, not the actor's own."""
    if "-" in token.text and fold(token.text.rsplit("-", 1)[1]) in roles.non_country_prefixes:
        return True
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and fold(doc[token.i + 2].text) in roles.non_country_prefixes
    )


def _patron_of(token: Token, kb: ActorKB) -> str | None:
    """The country that backs or leads an actor: "Iranian" in "Iranian-backed", "U.S." in "U.S.-led"."""
    if "-" in token.text:  # "U.S.-led" is one token
        folded = fold(token.text.rsplit("-", 1)[0])
        return kb.demonyms.get(folded) or next((a.country for a in kb.lookup(folded) if a.kind == "country"), None)
    return _country_of(token, kb)


def _country_of(token: Token, kb: ActorKB) -> str | None:
    """The country a modifier token names, as a demonym ("Iraqi") or a name ("U.S.", "Iraq")."""
    folded = fold(token.text)
    if folded in kb.demonyms:
        return kb.demonyms[folded]
    if folded in kb.metonyms and token.ent_type_ == "GPE":
        return kb.metonyms[folded]  # "the Tehran government"
    if token.ent_type_ in {"GPE", "NORP"}:
        for actor in kb.lookup(token.text):
            if actor.kind == "country":
                return actor.country
    return None


def owner_entities(tokens: list[Token], determiners: frozenset[str]) -> tuple[Span, ...]:
    """Named entities (organisations, buildings, people) that overlap the modifier tokens, once each."""
    wanted = sorted(token.i for token in tokens if token.ent_type_ in {"ORG", "FAC", "PERSON"})
    if not wanted:
        return ()
    doc = tokens[0].doc
    entities: dict[int, Span] = {}
    for index in wanted:
        entity = _entity_at(doc, index)
        if entity is not None and entity.start not in entities:
            entities[entity.start] = entity
    return tuple(trim(entities[start], determiners) for start in sorted(entities))


def _entity_at(doc: Doc, index: int) -> Span | None:
    """The entity of doc.ents that covers doc[index], read from the IOB tags around it.

    Why: `doc.ents` makes a Span for every entity of the article on each access, and this is asked per role phrase.
    """
    start = index
    while start > 0 and doc[start].ent_iob == IOB_INSIDE:
        start -= 1
    first = doc[start]
    if first.ent_iob != IOB_BEGIN or first.ent_type == 0:
        return None  # not an entity doc.ents would list
    end = index + 1
    while end < len(doc) and doc[end].ent_iob == IOB_INSIDE:
        end += 1
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def _members_of(head: Token, determiners: frozenset[str]) -> tuple[Span, ...]:
    """ "fighters from the PMF", "forces of the Islamic State": the organisation named after "of" or "from"."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            objects = [token for token in child.children if token.dep_ == "pobj" and token.ent_type_ == "ORG"]
            if objects:
                return owner_entities(objects, determiners)
    return ()


def _after_possessive(owner: Span) -> int:
    doc = owner.doc
    end = owner.end
    while end < len(doc) and (doc[end].tag_ == "POS" or doc[end].is_punct):
        end += 1
    return end


def role_phrase(
    chunk: Span,
    kb: ActorKB,
    shouting: list[tuple[int, int]] | None = None,
    *,
    text: str | None = None,
    root: Token | None = None,
) -> tuple[Span, RolePhrase] | None:
    """Read a noun chunk headed by a role word; returns the mention span and what its words say.

    `root` is the chunk's head when the caller knows it (the role word inside a longer chunk, see modifier_role)."""
    roles = kb.roles
    root = chunk.root if root is None else root
    head = _head_phrase(chunk, roles, text, root)
    if head is None:
        return None
    head_start, phrase, head_kind = head
    tokens = list(chunk.doc[chunk.start : head_start])
    line_breaks = [token.i for token in tokens if "\n" in token.text]
    if line_breaks:
        tokens = [token for token in tokens if token.i > line_breaks[-1]]
    if any("\n" in token.text for token in chunk if token.i >= head_start):
        return None
    determiner = fold(tokens[0].text) if tokens and tokens[0].lower_ in roles.determiners else None
    first = 0
    while first < len(tokens) and (tokens[first].lower_ in roles.leading_words or tokens[first].pos_ in QUANTIFIER_POS):
        first += 1
    modifiers = tokens[first:]
    countries = [
        code for token in modifiers if not _backed_by(token, roles) and (code := _country_of(token, kb)) is not None
    ]
    patrons = [code for token in modifiers if _backed_by(token, roles) and (code := _patron_of(token, kb)) is not None]
    sectors = [
        roles.modifier_words[fold(token.text)] for token in modifiers if fold(token.text) in roles.modifier_words
    ]
    head_sector = roles.group_words.get(phrase) or roles.person_words.get(phrase)
    if head_sector is not None and head_sector != "GOV":
        sectors = [sector for sector in sectors if sector != "GOV"]  # "government forces" are MIL
    identities = [
        roles.identity_words[fold(token.text)]
        for token in modifiers
        if fold(token.text) in roles.identity_words and not _backed_by(token, roles)
    ]
    owners = tuple(owner for owner in owner_entities(modifiers, roles.determiners) if not _backed_by(owner[-1], roles))
    if head_kind == "group" and not owners:
        owners = _members_of(root, roles.determiners)
    start = modifiers[0].i if modifiers else head_start
    people = [owner for owner in owners if owner.label_ == "PERSON" or owner.root.ent_type_ == "PERSON"]
    if people and people[0].start <= start < people[0].end:
        start = _after_possessive(people[0])  # "Abadi's government": the person stays a mention of their own
    if determiner is not None and not modifiers and phrase in roles.anaphora_words:
        start = tokens[0].i
    if shouting is not None and in_shouting_sentence(chunk, shouting):
        return None
    described = RolePhrase(
        head=phrase,
        head_kind=head_kind,
        determiner=determiner,
        countries=tuple(dict.fromkeys(countries)),
        owners=owners,
        identity=identities[0] if identities else None,
        modifier_sector=sectors[-1] if sectors else None,
        patrons=tuple(dict.fromkeys(patrons)),
    )
    return chunk.doc[start : root.i + 1], described


def role_candidates(
    doc: Doc, kb: ActorKB, shouting: list[tuple[int, int]], *, text: str | None = None
) -> list[Candidate]:
    """Noun phrases headed by a role word ("Iraqi forces", "a Pentagon spokesman", "the militants"), and role words
    that qualify another noun ("Turkish artillery fire", "police gunfire", "the rebel assault")."""
    if not doc.has_annotation("DEP"):
        return []
    found: list[Candidate] = []
    text = doc.text if text is None else text  # spaCy rebuilds doc.text on every access: read it once
    for chunk in doc.noun_chunks:
        if chunk.root.ent_type_ in NAME_LABELS:
            continue
        read = role_phrase(chunk, kb, shouting, text=text) or modifier_role(chunk, kb, shouting, text=text)
        if read is not None:
            found.extend(_split_coordinated(*read, kb))
    return found


MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
STANCE_PREFIXES = frozenset({"anti", "pro"})


def modifier_role(
    chunk: Span, kb: ActorKB, shouting: list[tuple[int, int]] | None = None, *, text: str | None = None
) -> tuple[Span, RolePhrase] | None:
    """A role word among the words that qualify a chunk's head: "Turkish artillery" of "Turkish artillery fire",
    "police" of "police gunfire". Said of a thing, a word naming one person names their side: "the rebel assault" is
    the rebels' ("rebel" read as a group)."""
    roles = kb.roles
    root = chunk.root
    for token in reversed(chunk.doc[chunk.start : root.i]):
        if token.dep_ not in MODIFIER_DEPS or token.ent_type_ in NAME_LABELS - {"NORP"}:
            continue
        if fold(token.text) not in roles.last_words or _after_stance_prefix(token):
            continue
        read = role_phrase(chunk.doc[chunk.start : token.i + 1], kb, shouting, text=text, root=token)
        if read is None:
            return None
        span, described = read
        return span, replace(described, head_kind="group") if described.head_kind == "person" else described
    return None


def _after_stance_prefix(token: Token) -> bool:
    """ "government" in "anti-government protests" (or "pro-government rallies") says what the protest is for or
    against; it names no actor taking part."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text in ("-", "‐"):
        return doc[token.i - 2].lower_ in STANCE_PREFIXES
    before = doc[token.i - 1].lower_ if token.i >= 1 else ""
    return before.rstrip("-‐") in STANCE_PREFIXES and before[-1:] in ("-", "‐")  # "anti-" "government"


def _split_coordinated(span: Span, role: RolePhrase, kb: ActorKB) -> list[Candidate]:
    """ "U.S. and Iraqi forces" is two actors: "U.S." (US forces) and "Iraqi forces". A country joined by "and" to
    a modifier that names no country is a party of its own, not the role's country: "the U.S. and Iranian-backed
    militias" are the United States and militias backed by Iran."""
    if not any(token.dep_ == "cc" for token in span):
        return [Candidate(span=span, kind="role", role=role)]
    if len(role.countries) == 1:
        return _split_country_off(span, role, kb)
    if len(role.countries) < 2:
        return [Candidate(span=span, kind="role", role=role)]
    candidates: list[Candidate] = []
    start = span.start
    for token in span:
        code = _country_of(token, kb) if token.i < span.root.i else None
        if code is None or code == role.countries[-1]:
            continue
        candidates.append(
            Candidate(span=span.doc[token.i : token.i + 1], kind="role", role=replace(role, countries=(code,)))
        )
        start = token.i + 1
    while start < span.root.i and (span.doc[start].dep_ in {"cc", "punct"}):
        start += 1
    rest = replace(role, countries=role.countries[-1:])
    return [*candidates, Candidate(span=span.doc[start : span.end], kind="role", role=rest)]


def _split_country_off(span: Span, role: RolePhrase, kb: ActorKB) -> list[Candidate]:
    """One country before "and", the role's other modifiers after it: "Iraqi and Kurdish forces" are Iraqi forces
    and Kurdish forces; in "the U.S. and Iranian-backed militias" the country, with its own determiner, is a party of
    its own (left to the name candidates) and the militias have no country."""
    doc = span.doc
    for token in span:
        if token.i >= span.root.i - 1 or _backed_by(token, kb.roles):
            continue
        code = _country_of(token, kb)
        if code is None:
            continue
        if doc[token.i + 1].dep_ != "cc":
            break
        rest = Candidate(span=doc[token.i + 2 : span.end], kind="role", role=replace(role, countries=()))
        if token.i > 0 and doc[token.i - 1].dep_ == "det" and token.ent_type_ == "GPE":
            return [rest]
        own_role = replace(role, countries=(code,), patrons=(), identity=None)
        own = Candidate(span=doc[token.i : token.i + 1], kind="role", role=own_role)
        return [own, rest]
    return [Candidate(span=span, kind="role", role=role)]


def settle_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates, longest first, then name before alias before role; in text order."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), _KIND_RANK[c.kind], c.start))
    occupied = bytearray(max((candidate.end for candidate in candidates), default=0))
    taken: list[Candidate] = []
    for candidate in ranked:
        if not any(occupied[candidate.start : candidate.end]):
            occupied[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


def find_candidates(doc: Doc, kb: ActorKB, *, text: str | None = None) -> list[Candidate]:
    """Every candidate actor mention in the document, without overlaps, in text order.

    `text` is the Doc's text when the caller has it (spaCy builds `doc.text` afresh on every access)."""
    text = doc.text if text is None else text
    shouting = shouting_lines(text)
    roles = role_candidates(doc, kb, shouting, text=text)
    role_spans = {(role.start, role.end) for role in roles}
    names = [
        name
        for name in name_candidates(doc, kb, shouting, text=text)
        if not (
            name.label in {"GPE", "NORP"} and (name.start, name.end) in role_spans
        )  # "U.S." in "U.S. and Iraqi forces"
    ]
    candidates = [*names, *alias_candidates(doc, kb), *roles]
    return settle_overlaps([candidate for candidate in candidates if text[candidate.start : candidate.end].strip()])
