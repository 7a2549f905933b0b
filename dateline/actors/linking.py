"""Entity linking: turn each candidate mention into an identity (id, name, country, sector), in text order.

Fallback chain for a name (person, organisation, group, country):
  1. a KB name or alias (acronyms case-sensitively, others folded, then by transliteration key);
  2. a short name of a person already named in this article ("Abadi" after "Haider al-Abadi");
  3. a KB person's short name, when the article's date does not rule the person out;
  4. the office its title names, held on the article's date, when the holder shares a name with the mention;
  5. a new actor whose id comes from the normalised name (so it merges across articles), with country and sector
     read from its title or apposition ("Hakim al-Zamili, head of the parliamentary defence committee").
Role phrases ("Iraqi forces", "a Pentagon spokesman", "the Iraqi prime minister", "the militants") resolve to the
organisation they name, the office-holder on the article's date, the antecedent armed group, or the generic
"<sector> of <country>" actor.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dateline.actors.kb import ActorKB, KBActor
from dateline.actors.mentions import Candidate, RolePhrase, owner_entities, role_phrase, trim
from dateline.actors.names import fold, name_key, slug

ARMED_NON_STATE = frozenset({"REB", "INS", "PRM", "UAF"})
# Unqualified words of these sectors ("officials", "residents") take the article's home country when it has one.
HOME_SECTORS = frozenset({"GOV", "MIL", "COP", "CVL", "LEG", "SPY"})
# The home country is the one named most often, if it has at least HOME_MIN_MENTIONS mentions and HOME_SHARE of all
# country mentions. Calibrated by eye on the five seed articles (three Iraq-centred, two with the US as rival).
HOME_MIN_MENTIONS = 3
HOME_SHARE = 0.5
# "the group" points back at an armed non-state actor named within this many sentences.
ANAPHORA_WINDOW = 3
# Sectors of groups fighting a state: "the militants" points back at one of these before a militia (PRM).
INSURGENT_SECTORS = frozenset({"REB", "INS"})
ANAPHORA_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# A GPE is an actor, not a place, when it fills one of these grammatical roles ("Iran said", "Iran's influence").
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "poss", "dobj", "dative", "appos"})
ACTOR_PREPOSITIONS = frozenset({"by", "with", "against", "between", "from"})


@dataclass(frozen=True, slots=True)
class Identity:
    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    named: bool = False  # a KB actor or a proper name, as opposed to a generic role
    patron: str | None = None  # ISO alpha-3 of a country that backs it ("Iranian-backed militias")

    @property
    def armed_non_state(self) -> bool:
        return self.named and self.sector in ARMED_NON_STATE


@dataclass
class ArticleState:
    """What the resolver has learnt so far in one article."""

    day: str | None
    home: str | None
    sentence_starts: list[int]
    is_place: Callable[[str], bool] | None = None
    surnames: dict[str, Identity] = field(default_factory=dict)
    person_ids: list[str] = field(default_factory=list)
    armed: list[tuple[int, Identity]] = field(default_factory=list)
    text: str | None = None  # the Doc's text, read once (spaCy rebuilds it on every access)

    def sentence_of(self, char: int) -> int:
        return bisect_right(self.sentence_starts, char)


def identity_of(actor: KBActor) -> Identity:
    return Identity(actor.id, actor.name, actor.country, actor.sector, named=True)


def article_day(published: str | None) -> str | None:
    """The article's date as "YYYY-MM-DD" (partial dates padded to their first day), or None."""
    if not published or len(published) < 4 or not published[:4].isdigit():
        return None
    return (published[:10] + "-01-01"[len(published[:10]) - 4 :])[:10]


# --- Generic actors -------------------------------------------------------------------------------------------


def generic_identity(
    kb: ActorKB, country: str | None, sector: str, identity: str | None = None, patron: str | None = None
) -> Identity:
    """The "<sector> of <country>" actor, named as ACLED names it ("Military Forces of Israel", "Rebel Groups
    (Syria)"): a KB entry that represents it, else one with a derived id. `patron` is a country that backs the actor
    ("Iranian-backed militias"): it stays out of `country` and goes into the id and the name."""
    if country and not identity and not patron and (country, sector) in kb.represents:
        return identity_of(kb.actors[kb.represents[(country, sector)]])
    info = kb.roles.sectors.get(sector)
    label = info.label if info else sector
    if identity:
        label = f"{identity.capitalize()} {label}"
    backed = f"{patron.lower()}-backed" if patron else None
    parts = [part for part in (country.lower() if country else None, identity, sector.lower(), backed) if part]
    backer = f" backed by {_country_name(kb, patron)}" if patron else ""
    if country:
        name = info.name_with(_country_name(kb, country), label) if info else f"{label} ({_country_name(kb, country)})"
        return Identity("-".join(parts), name + backer, country, sector, patron=patron)
    return Identity("x-" + "-".join(parts), label + backer, None, sector, patron=patron)


def _country_name(kb: ActorKB, alpha3: str) -> str:
    return kb.countries[alpha3].name if alpha3 in kb.countries else alpha3


def country_identity(kb: ActorKB, alpha3: str) -> Identity:
    actor = kb.actors.get(alpha3.lower())
    name = actor.name if actor else alpha3
    return Identity(alpha3.lower(), name, alpha3, None, named=True)


# --- Names ----------------------------------------------------------------------------------------------------


def _choose(actors: tuple[KBActor, ...], label: str, day: str | None) -> KBActor | None:
    """The KB actor a name most likely denotes given the spaCy label and the article date."""
    if not actors:
        return None
    if label == "PERSON":
        actors = tuple(actor for actor in actors if actor.kind == "person") or actors
    in_office = [actor for actor in actors if day and any(office.held_on(day) for office in actor.offices)]
    return (in_office or list(actors))[0]


def _short_name_holder(kb: ActorKB, text: str, day: str | None) -> KBActor | None:
    """A KB person named only by a short name before any full mention.

    A short name written in the KB ("Soleimani", "Carter") counts unless the article's date falls outside all of the
    person's offices; a short name derived from the full name ("Hussein" of Fuad Hussein) only while in office.
    """
    people = [kb.actors[actor_id] for actor_id in kb.shorts.get(name_key(text), ())]
    plausible = [person for person in people if _short_fits(person, day)]
    return plausible[0] if len(plausible) == 1 else None


def _short_fits(person: KBActor, day: str | None) -> bool:
    in_office = day is not None and any(office.held_on(day) for office in person.offices)
    if not person.short_given:
        return in_office
    return in_office or day is None or not person.offices


def title_tokens(span: Span) -> list[Token]:
    """Words that describe a named person: titles before the name, appositions, and "of <organisation>"."""
    root = span.root
    tokens = [token for token in root.subtree if token.i < span.start]
    for child in root.children:
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ == "of"):
            tokens.extend(child.subtree)
    if root.dep_ == "appos":
        tokens.extend(token for token in root.head.subtree if token.i < span.start)
    return sorted(set(tokens), key=lambda token: token.i)


def _title_role(span: Span, kb: ActorKB, text: str | None = None) -> RolePhrase | None:
    """Read a person's title as a role phrase ("Iraqi Prime Minister", "head of the defence committee")."""
    tokens = title_tokens(span)
    if not tokens:
        return None
    doc = span.doc
    if text is None:
        text = doc.text  # spaCy rebuilds it on every access: read it once
    for token in reversed(tokens):
        read = role_phrase(doc[tokens[0].i : token.i + 1], kb, text=text) if token.i >= tokens[0].i else None
        if read is not None:
            return _merge_title(read[1], tokens, kb)
    # "Charles Lister of the Brookings Institution": no title word, an affiliation
    owners = owner_entities(tokens, kb.roles.determiners)
    if not owners:
        return None
    return _merge_title(RolePhrase("", "person", None, (), owners, None, None), tokens, kb)


def _merge_title(role: RolePhrase, tokens: list[Token], kb: ActorKB) -> RolePhrase:
    """Add the countries, owners and sector words found anywhere in the title to the head role phrase."""
    countries = list(role.countries)
    sectors = [role.modifier_sector] if role.modifier_sector else []
    for token in tokens:
        folded = fold(token.text)
        if folded in kb.demonyms and kb.demonyms[folded] not in countries:
            countries.append(kb.demonyms[folded])
        if not sectors and folded in kb.roles.modifier_words:
            sectors.append(kb.roles.modifier_words[folded])
    return RolePhrase(
        role.head, role.head_kind, role.determiner, tuple(countries), role.owners, role.identity,
        sectors[0] if sectors else None,
    )  # fmt: skip


def _unknown_person(span: Span, kb: ActorKB, state: ArticleState) -> Identity:
    """A person outside the KB: the office-holder their title names if names agree, else a new id from the name."""
    role = _title_role(span, kb, state.text)
    text = span.text
    country, sector = None, None
    if role is not None:
        owner = _owner_identity(role, kb, state)
        of = role.countries[0] if role.countries else (owner.id if owner else None)
        office = kb.roles.office_titles.get(role.head)
        holder = kb.holder(office, of, state.day) if office and of else None
        if holder is not None and set(name_key(text).split()) & set(name_key(holder.name).split()):
            return identity_of(holder)
        country = role.countries[0] if role.countries else (owner.country if owner else None)
        sector = role.modifier_sector or (owner.sector if owner else None) or _head_sector(role, kb)
    return Identity("x-" + slug(text), text, country, sector, named=True)


def _register_person(identity: Identity, mention: str, kb: ActorKB, state: ArticleState) -> None:
    """Remember a person's short names so that later "Abadi" or "Kenney" resolves to them."""
    keys = {name_key(mention).split()[-1]} if name_key(mention) else set()
    actor = kb.actors.get(identity.id)
    if actor is not None:
        keys |= {name_key(short) for short in actor.short}
        keys |= {name_key(name).split()[-1] for name in actor.names if name_key(name)}
    for key in keys:
        state.surnames.setdefault(key, identity)
    if identity.id not in state.person_ids:
        state.person_ids.append(identity.id)


def _acts(span: Span) -> bool:
    """True when a place name is used as an agent ("Iran said", "Iran's influence", "talks with Iran")."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    following = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if root.dep_ in ("compound", "nmod") and following is not None and following.dep_ == "cc":
        root = root.head  # "the U.S. and Iranian-backed militias blamed ...": parsed as a modifier of the last noun
    if root.dep_ in ACTOR_DEPS:
        return True
    return root.dep_ == "pobj" and root.head.lower_ in ACTOR_PREPOSITIONS


def _resolve_place_name(candidate: Candidate, kb: ActorKB) -> Identity | None:
    """Countries, demonyms and capitals as actors: "Iran", "the Iraqis", "Washington said"."""
    span = candidate.span
    text = span.text  # a Span builds its text anew on every access
    folded = fold(text)
    if text.isalpha() and text.isupper() and len(text) > 3:
        return None  # a dateline ("WASHINGTON –"), not an actor
    if candidate.label == "NORP":
        is_noun = span.root.tag_ in {"NNPS", "NNS", "NNP", "NN"} and span.root.dep_ not in {"amod", "compound"}
        if is_noun and folded in kb.demonyms:
            return country_identity(kb, kb.demonyms[folded])
        if is_noun and folded in kb.roles.identity_words and folded.endswith("s"):
            return generic_identity(kb, None, "CVL", kb.roles.identity_words[folded])
        return None
    if not _acts(span):
        return None
    if folded in kb.metonyms:
        return generic_identity(kb, kb.metonyms[folded], "GOV")
    countries = [actor for actor in kb.lookup(text) if actor.kind == "country"]
    return country_identity(kb, countries[0].country or "") if countries else None


def _unknown_organisation(span: Span, kb: ActorKB) -> Identity | None:
    """An organisation outside the KB; country and sector from its own words ("Iraqi Interior Ministry")."""
    words = [fold(token.text) for token in span]
    if fold(span.text) in {*kb.roles.group_words, *kb.roles.modifier_words}:
        return None  # "State" in "Secretary of State" is a title word, not an organisation
    countries = [kb.demonyms[word] for word in words if word in kb.demonyms]
    countries += [
        a.country or "" for t in span if t.ent_type_ == "GPE" for a in kb.lookup(t.text) if a.kind == "country"
    ]
    sectors = [kb.roles.modifier_words.get(word) or kb.roles.group_words.get(word) for word in words]
    sector = next((found for found in sectors if found), None)
    return Identity("x-" + slug(span.text), span.text, countries[0] if countries else None, sector, named=True)


def resolve_name(candidate: Candidate, kb: ActorKB, state: ArticleState) -> Identity | None:
    """Resolve a named entity or KB alias mention (fallback chain in the module docstring)."""
    span, label = candidate.span, candidate.label
    # The article's text sliced: a Span builds its text anew on every access.
    text = span.text if state.text is None else state.text[candidate.start : candidate.end]
    found = [actor for actor in kb.lookup(text) if actor.kind != "country"]
    actor = _choose(tuple(found), label, state.day)
    if actor is not None:
        identity = identity_of(actor)
        if actor.kind == "person":
            _register_person(identity, text, kb, state)
        return identity
    if label in {"GPE", "NORP", "FAC"} or candidate.kind == "alias":
        return _resolve_place_name(candidate, kb) if label in {"GPE", "NORP"} else None
    short_words = len(name_key(text).split()) <= 2
    if short_words and name_key(text) in state.surnames:
        return state.surnames[name_key(text)]
    if fold(text) in kb.metonyms and _acts(span):
        return generic_identity(kb, kb.metonyms[fold(text)], "GOV")  # "Washington said", tagged PERSON
    countries = [actor for actor in kb.lookup(text) if actor.kind == "country"]
    if countries and label == "ORG":  # a country the model tagged ORG: an actor where it acts, else a place
        return country_identity(kb, countries[0].country or "") if _acts(span) else None
    untitled = label != "PERSON" or not title_tokens(span)
    if state.is_place is not None and len(span) == 1 and untitled and state.is_place(text):
        return None  # "Hilla" or "Erbil" tagged PERSON or ORG by the model: a place, not a new actor
    if label == "PERSON":
        holder = _short_name_holder(kb, text, state.day) if short_words else None
        identity = identity_of(holder) if holder else _unknown_person(span, kb, state)
        _register_person(identity, text, kb, state)
        return identity
    return _unknown_organisation(span, kb)


# --- Role phrases ---------------------------------------------------------------------------------------------


def _head_sector(role: RolePhrase, kb: ActorKB) -> str | None:
    return kb.roles.group_words.get(role.head) or kb.roles.person_words.get(role.head)


def _owner_identity(role: RolePhrase, kb: ActorKB, state: ArticleState) -> Identity | None:
    """The organisation (or person) a role phrase belongs to: "Pentagon spokesman", "Abadi's government"."""
    for owner in role.owners:
        actor = _choose(tuple(a for a in kb.lookup(owner.text) if a.kind != "country"), "ORG", state.day)
        if actor is not None:
            return identity_of(actor)
        known = state.surnames.get(name_key(owner.text))
        if known is not None:
            return known
    return None


def _salient_armed_group(state: ArticleState, sentence: int, sector: str | None = None) -> Identity | None:
    """The armed non-state actor "the group" points back at, when only one is a clear candidate. A head word of
    insurgency ("the militants", "the jihadists": REB) passes over pro-government militias (PRM) when an insurgent
    group has been named: in a story of Shiite militias fighting the Islamic State, "the militants" are the IS."""
    armed = state.armed
    if sector in INSURGENT_SECTORS:
        insurgent = [(index, identity) for index, identity in armed if identity.sector in INSURGENT_SECTORS]
        armed = insurgent or armed
    recent = [identity for index, identity in armed if sentence - index <= ANAPHORA_WINDOW]
    distinct = list({identity.id: identity for identity in recent}.values())
    counts = Counter(identity.id for _, identity in armed)
    ranked = counts.most_common(2)
    dominant = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) else None
    if len(distinct) == 1:
        return distinct[0]
    if recent and dominant is not None and recent[-1].id == dominant:
        return recent[-1]
    if not recent and dominant is not None and counts[dominant] >= 2:
        return next(identity for _, identity in armed if identity.id == dominant)
    return None


def _office_holder(role: RolePhrase, owner: Identity | None, kb: ActorKB, state: ArticleState) -> Identity | None:
    """The person holding the office a title names: "the Iraqi prime minister" in a 2015 article is al-Abadi."""
    office = kb.roles.office_titles.get(role.head)
    if office is None:
        return None
    of = role.countries[0] if role.countries else (owner.id if owner else None)
    if of is not None:
        holder = kb.holder(office, of, state.day)
        return identity_of(holder) if holder else None
    for person_id in reversed(state.person_ids):
        if any(held.office == office for held in kb.offices_of(person_id, state.day)):
            return identity_of(kb.actors[person_id])
    return None


def resolve_role(candidate: Candidate, kb: ActorKB, state: ArticleState) -> Identity | None:
    """Resolve a role phrase: owner organisation, office-holder, antecedent armed group, or generic actor."""
    role = candidate.role
    if role is None:
        return None
    owner = _owner_identity(role, kb, state)
    if role.head_kind in {"office", "person"}:
        holder = _office_holder(role, owner, kb, state)
        if holder is not None:
            return holder
    if owner is not None and owner.id in state.person_ids:
        sector = role.modifier_sector or _head_sector(role, kb)  # "Abadi's government" is Iraq's government
        return generic_identity(kb, owner.country, sector) if owner.country and sector else None
    if owner is not None:
        head_sector = _head_sector(role, kb)
        owner_actor = kb.actors.get(owner.id)
        if (
            role.head_kind == "group"
            and owner_actor is not None
            and owner_actor.represents
            and head_sector not in {None, owner.sector}
        ):
            return generic_identity(kb, owner.country, head_sector or "")  # "Iraqi government forces" are MIL
        return owner
    plain = not (role.countries or role.identity or role.owners)
    if plain and role.determiner in ANAPHORA_DETERMINERS and role.head in kb.roles.anaphora_words:
        antecedent = _salient_armed_group(state, state.sentence_of(candidate.start), _head_sector(role, kb))
        if antecedent is not None:
            return antecedent
    sector = role.modifier_sector or _head_sector(role, kb)
    if sector is None:
        return None
    country = role.countries[0] if role.countries else None
    if role.head_kind != "group" and country is None and role.modifier_sector is None:
        return None  # "the official", "a spokesman": too vague to be an actor
    if country is None and role.identity is None and sector in HOME_SECTORS:
        country = state.home
    return generic_identity(kb, country, sector, role.identity, role.patrons[0] if role.patrons else None)


# --- The article ----------------------------------------------------------------------------------------------


def home_country(doc: Doc, kb: ActorKB, *, text: str | None = None) -> str | None:
    """The country an article is mostly about, counted over country names and demonyms.

    `text` is the Doc's text when the caller has it (spaCy builds `doc.text`, and a Span's text, on every access)."""
    full_text = doc.text if text is None else text
    counts: Counter[str] = Counter()
    for entity in doc.ents:
        if entity.label_ not in {"GPE", "NORP"}:
            continue
        trimmed = trim(entity, kb.roles.determiners)
        text = full_text[trimmed.start_char : trimmed.end_char]
        code = kb.demonyms.get(fold(text)) or next(
            (actor.country for actor in kb.lookup(text) if actor.kind == "country"), None
        )
        if code:
            counts[code] += 1
    if not counts:
        return None
    code, count = counts.most_common(1)[0]
    return code if count >= HOME_MIN_MENTIONS and count >= HOME_SHARE * sum(counts.values()) else None


def new_state(
    doc: Doc,
    kb: ActorKB,
    published: str | None,
    is_place: Callable[[str], bool] | None = None,
    *,
    text: str | None = None,
) -> ArticleState:
    """A fresh state for one article; `text` is the Doc's text when the caller has it (doc.text is rebuilt)."""
    starts = [sentence.start_char for sentence in doc.sents] if doc.has_annotation("SENT_START") else [0]
    text = doc.text if text is None else text
    home = home_country(doc, kb, text=text)
    return ArticleState(
        day=article_day(published),
        home=home,
        sentence_starts=starts,
        is_place=is_place,
        text=text,
    )


def resolve_candidate(candidate: Candidate, kb: ActorKB, state: ArticleState) -> Identity | None:
    """Resolve one candidate and update the article state (armed groups seen, for later anaphora)."""
    resolve = resolve_role if candidate.kind == "role" else resolve_name
    identity = resolve(candidate, kb, state)
    if identity is not None and identity.armed_non_state:
        state.armed.append((state.sentence_of(candidate.start), identity))
    return identity
