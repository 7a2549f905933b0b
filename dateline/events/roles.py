"""Event parties: turn the head tokens of source and recipient phrases into ActorRefs.

For each head (syntax.py finds them), in order:
1. A pronoun ("it", "they", "he") stands for the party it refers to (reference.py); "no group" names nobody.
2. An actor of the actors stage whose mention covers the head, or lies in its phrase, gives the ActorRef (id, name,
   country, sector, patron); news media are never parties.
3. A place name is no party ("responsible for the Kandahar market bombing"), except a country (in any grammatical
   position: "fired missiles at Turkey") and, outside attacks, a capital for its government ("pressure on Ankara").
4. A demonym is its country, with the sector of the means the event noun names ("an Israeli airstrike": the
   Israeli military); a weapon or event word ("the blast", "the airstrike") stands for whoever its own phrase says
   wields it ("an airstrike by coalition jets").
5. A role word is a generic actor of the countries its "of" phrase names ("the presidents of Kenya and Uganda": one
   actor each).
6. Any other noun names a party when it stands in an argument position (subject, object, "by" phrase) and is none
   of the things parties.yaml lists as never parties (weapons, vehicles, events, reports, times, numbers); words
   before an event noun ("rebel", "police") must be role words or names.
Within the article: a role word after a possessive is its owner's ("its fighters"), "the country" as the source of a
statement is the country named last, and a condemned event ("condemned the killings") gives its doers as recipients.
Victims are recipients, never sources: a head found as both is a recipient only, and a pronoun standing for the
source is no recipient. How a source is tied to its event
(claimed, alleged) is read from the verb that names it (syntax.attribution).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from dateline import actors as actors_stage
from dateline.events import countries, syntax
from dateline.events.countries import PHYSICAL_TYPES  # a city attacked is a place, not its government
from dateline.events.lexicon import EventLexicon
from dateline.events.reference import ReferenceContext, _sentence_starts_up_to, resolve_pronoun
from dateline.events.words import Words
from dateline.records import Actor, ActorRef, Event, Location

__all__ = [
    "ActorIndex",
    "PartyContext",
    "_sentence_starts_up_to",
    "actor_ref",
    "answered_accusers",
    "event_parties",
    "name_span",
]

MEDIA_SECTORS = frozenset({"MED", "MEDIA", "JRN"})
PARTY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entity labels of words that are never parties: amounts, times and works.
NOT_PARTY_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}
)
# Dependents that belong to a party's name; others (relative clauses, "in the city") are left out of the phrase.
NAME_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "case"})
# Role words of these sectors with no country of their own take the article's home country (as the actors stage's
# linking.HOME_SECTORS: "police" in a story set in Iraq are Iraq's).
HOME_SECTORS = frozenset({"GOV", "MIL", "COP", "CVL", "LEG", "SPY"})
DEFINITE = frozenset({"the", "these", "those"})
# Sectors of people an event happens to rather than people who do it, when they qualify the event's noun.
VICTIM_SECTORS = frozenset({"CVL", "REF", "HLH"})
# Event types whose recipient may be any noun: what a physical event hit, whom an accusation names ("the gang").
ADDRESSED_ANYONE = PHYSICAL_TYPES | {"ACCUSE"}
# How far before a denial the accusation it answers may end (about two sentences).
ANSWER_REACH_CHARS = 400
PROTESTERS = "PRO"
GOVERNMENT = "GOV"
# Prepositions that spread a role phrase over the sides they count ("fighters on both sides", "from all sides").
SIDE_PREPS = frozenset({"on", "from"})
# Event types whose recipient may be an event ("condemned the killings"): the event's doers are the recipient.
CONDEMNING_TYPES = frozenset({"ACCUSE"})
# How far before "the country" the country it points back at may be named (about three sentences).
COUNTRY_REACH_CHARS = 600
# How many sentences before a definite event noun the event it points back at may be told.
EVENT_LOOKBACK_SENTENCES = 2
# Prepositions through which a role word names the organisation it belongs to: "fighters from", "a commander of".
MEMBER_PREPS = frozenset({"from", "of"})


@dataclass(frozen=True)
class ActorIndex:
    """The actors stage's mentions by character offset, for lookup by phrase."""

    mentions: tuple[tuple[int, int, Actor], ...]

    @classmethod
    def of(cls, actors: Sequence[Actor]) -> ActorIndex:
        found = [(m.start, m.end, actor) for actor in actors for m in actor.mentions]
        return cls(tuple(sorted(found, key=lambda item: item[0])))

    def inside(self, start: int, end: int) -> list[tuple[int, int, Actor]]:
        # The mentions are sorted by start: only those starting in [start, end] can lie inside.
        first = bisect.bisect_left(self.mentions, start, key=lambda item: item[0])
        last = bisect.bisect_right(self.mentions, end, lo=first, key=lambda item: item[0])
        return [item for item in self.mentions[first:last] if item[1] <= end]

    def before(self, position: int, limit: int) -> list[tuple[int, int, Actor]]:
        first = bisect.bisect_left(self.mentions, limit, key=lambda item: item[0])
        return [item for item in self.mentions[first:] if item[1] <= position]

    def at(self, token: Token) -> tuple[int, int, Actor] | None:
        """The mention covering a token, if any."""
        # Mentions starting at most 200 characters before the token (none is longer) and ending after its start: a
        # token inside a longer mention ("State" of "Islamic State of Iraq and the Levant") is covered too.
        first = bisect.bisect_left(self.mentions, token.idx - 200, key=lambda item: item[0])
        last = bisect.bisect_right(self.mentions, token.idx, lo=first, key=lambda item: item[0])
        covering = [item for item in self.mentions[first:last] if token.idx < item[1]]
        return covering[-1] if covering else None


@dataclass(frozen=True)
class PartyContext:
    """What turning heads into parties needs, once per article."""

    index: ActorIndex
    lexicon: EventLexicon
    knowledge: actors_stage.ActorKnowledge | None = None
    home: str | None = None  # the country the article is mostly about (actors.home_country)
    sector_mentions: Mapping[str, int] = field(default_factory=dict)  # the story's actor mentions by sector

    @classmethod
    def of(
        cls,
        actors: Sequence[Actor],
        lexicon: EventLexicon,
        knowledge: actors_stage.ActorKnowledge | None = None,
        home: str | None = None,
    ) -> PartyContext:
        mentions = Counter(actor.sector for actor in actors if actor.sector for _ in actor.mentions)
        return cls(ActorIndex.of(actors), lexicon, knowledge, home, dict(mentions))

    @property
    def parties(self) -> actors_stage.PartyWords:
        return self.knowledge.parties if self.knowledge is not None else actors_stage.PartyWords()

    def reference(self) -> ReferenceContext:
        factuality = self.lexicon.factuality
        reporting = factuality.reporting_verbs if factuality is not None else frozenset()
        parties = self.parties
        return ReferenceContext(
            self.index.before, parties.credit_words, self.lexicon.arguments, reporting, parties.person_nouns
        )


def name_span(head: Token, is_event_word: Callable[[Token], bool] = lambda token: False) -> tuple[int, int]:
    """Token range [first, last + 1) of the phrase that names a party: the head with its name-like dependents,
    as one unbroken stretch of words around the head. An "of" phrase naming an event is what the party did or
    suffered, not part of its name ("accused the gang of the bombing", "the victims of the attack")."""
    allowed = {head.i}
    stack = [
        child
        for child in head.children
        if child.dep_ in NAME_DEPS
        or _is_joiner(child)
        or (_is_of_phrase(child) and not _names_event(child, is_event_word))
    ]
    while stack:
        token = stack.pop()
        allowed.add(token.i)
        stack.extend(token.children)
    first = last = head.i
    while first - 1 in allowed:
        first -= 1
    while last + 1 in allowed:
        last += 1
    return first, last + 1


def _is_joiner(token: Token) -> bool:
    """Punctuation inside a name: the hyphen of "al-Khazali", the period of "U.S."."""
    return token.dep_ == "punct" and token.text in ("-", "‐", ".", "'", "’")


def _is_of_phrase(token: Token) -> bool:
    return token.dep_ == "prep" and token.lower_ == "of"


def _names_event(of_phrase: Token, is_event_word: Callable[[Token], bool]) -> bool:
    objects = [child for child in of_phrase.children if child.dep_ in ("pobj", "pcomp")]
    return any(child.pos_ == "VERB" or is_event_word(child) for child in objects)


def _ref(actor: Actor, text: str, patron: str | None = None) -> ActorRef:
    return ActorRef(text=text, id=actor.id, name=actor.name, country=actor.country, sector=actor.sector, patron=patron)


def _patron(tokens: Sequence[Token], ctx: PartyContext) -> str | None:
    """The country that backs or leads a party, from its words: "Iranian-backed militias", "the U.S.-led coalition"
    (roles.yaml `non_country_prefixes`)."""
    if ctx.knowledge is None:
        return None
    prefixes = ctx.knowledge.roles.non_country_prefixes
    doc = tokens[0].doc if tokens else None
    for token in tokens:
        backer, _, suffix = token.text.rpartition("-")
        if not (backer and suffix.lower() in prefixes):
            following = doc[token.i + 2] if doc is not None and token.i + 2 < len(doc) else None
            if following is None or doc[token.i + 1].text != "-" or following.lower_ not in prefixes:  # type: ignore[index]
                continue
            backer = token.text
        country = actors_stage.country_actor(backer, ctx.knowledge, capitals=False)
        if country is not None:
            return country.country
    return None


def _phrase_words(head: Token, ctx: PartyContext) -> tuple[str, list[Token], int, int]:
    """The words naming the party (leading determiners and numbers dropped), its tokens and character range."""
    doc = head.doc
    first, end = name_span(head, lambda token: _is_event_noun(token, ctx))
    tokens = list(doc[first:end])
    while tokens and tokens[0].i != head.i and (tokens[0].dep_ in ("det", "punct", "case") or tokens[0].like_num):
        tokens = tokens[1:]
    while tokens and tokens[-1].i != head.i and (tokens[-1].dep_ in ("case", "punct") or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]  # "the army's shelling": "army"
    words = doc[tokens[0].i : tokens[-1].i + 1].text if tokens else head.text  # Doc.text would rebuild the text
    return words, tokens, doc[first].idx, doc[end - 1].idx + len(doc[end - 1])


def _says_nobody(head: Token, ctx: PartyContext) -> bool:
    """ "No group claimed the attack", "none of the militants"."""
    return head.lower_ in ctx.parties.none_determiners or any(
        child.dep_ == "det" and child.lower_ in ctx.parties.none_determiners for child in head.children
    )


def _is_event_word(token: Token, ctx: PartyContext) -> bool:
    """A weapon, vehicle, report or event word: never a party itself (parties.yaml `not_parties`, and the heads of
    the event lexicon's rules, "attack", "airstrike", "shelling")."""
    lemma = token.lemma_.lower()
    return lemma in ctx.parties.not_parties or token.lower_ in ctx.parties.not_parties or _is_event_noun(token, ctx)


def _is_event_noun(token: Token, ctx: PartyContext) -> bool:
    """A noun that heads a noun rule of the event lexicon ("attack", "airstrike"); not a noun spelt like a verb
    rule's head ("station", "targets", "club")."""
    rules = ctx.lexicon.rules_by_head.get(token.lemma_.lower(), ()) if token.pos_ == "NOUN" else ()
    return any(not rule.pos or "NOUN" in rule.pos for rule in rules)


def _means_sector(noun: Token, ctx: PartyContext) -> str | None:
    """The sector of whoever wields the means an event noun names: "airstrike", "artillery fire" → MIL."""
    means = ctx.parties.means
    compound = [child.lemma_.lower() for child in noun.children if child.dep_ == "compound" and child.i == noun.i - 1]
    for phrase in (*(f"{word} {noun.lemma_.lower()}" for word in compound), noun.lemma_.lower(), noun.lower_):
        if phrase in means:
            return means[phrase]
    return None


def _is_role_word(token: Token, ctx: PartyContext, *, modifiers: bool = True) -> bool:
    """A word naming people by role ("militants", "police"); with `modifiers` also one that only qualifies a role
    ("military")."""
    if ctx.knowledge is None:
        return False
    return any(
        actors_stage.role_sector(word, ctx.knowledge, modifiers=modifiers) is not None
        for word in (token.text, token.lemma_)
    )


def _place_party(head: Token, words: str, kind: str, role: str, ctx: PartyContext) -> ActorRef | None:
    """A place name as a party: a country always, a capital for its government outside physical events' recipients."""
    if ctx.knowledge is None:
        return None
    capitals = not (role == "recipient" and kind in PHYSICAL_TYPES)
    return actors_stage.country_actor(words, ctx.knowledge, capitals=capitals) or (
        actors_stage.country_actor(head.text, ctx.knowledge, capitals=capitals) if words != head.text else None
    )


def _attacked_capital(words: str, kind: str, role: str, ctx: PartyContext, *, modifier: bool = False) -> bool:
    """A capital hit by an attack is a city, not its government ("missiles struck Kyiv"), whatever the actors stage
    made of the name; so is one that qualifies an event noun ("the Paris attack", "the Kabul bombing")."""
    if ctx.knowledge is None or not (modifier or (role == "recipient" and kind in PHYSICAL_TYPES)):
        return False
    capital = actors_stage.country_actor(words, ctx.knowledge)
    return capital is not None and capital.sector == "GOV"


def _demonym_party(head: Token, event_noun: Token | None, ctx: PartyContext) -> ActorRef | None:
    """ "Israeli" before "airstrike": the Israeli military; before "attack": Israel."""
    if ctx.knowledge is None:
        return None
    country = actors_stage.country_actor(head.text, ctx.knowledge, capitals=False)
    if country is None or event_noun is None:
        return country
    sector = _means_sector(event_noun, ctx)
    if sector is None:
        return country
    return actors_stage.generic_actor(ctx.knowledge, head.text, country=country.country, sector=sector)


def _role_of_countries(head: Token, words: str, ctx: PartyContext) -> list[ActorRef]:
    """ "The presidents of Kenya and Uganda": a role word with an "of" phrase of countries, one actor per country."""
    if ctx.knowledge is None:
        return []
    sector = _role_sector(head, ctx)
    if sector is None:
        return []
    found: list[ActorRef] = []
    for country_word in syntax.prep_objects(head, frozenset({"of"})):
        country = actors_stage.country_actor(country_word.text, ctx.knowledge, capitals=False)
        if country is not None and country.country is not None:
            text = f"{head.text} of {country_word.text}"
            found.append(actors_stage.generic_actor(ctx.knowledge, text, country=country.country, sector=sector))
    return found


def _with_country(ref: ActorRef, tokens: Sequence[Token], ctx: PartyContext) -> ActorRef:
    """A party outside the KB with a demonym or country among its words takes that country ("Syrian hackers")."""
    if ctx.knowledge is None:
        return ref
    for token in tokens:
        if token.ent_type_ in ("NORP", "GPE"):
            country = actors_stage.country_actor(token.text, ctx.knowledge, capitals=False)
            if country is not None:
                return replace(ref, country=country.country)
    return ref


def _is_strict(head: Token) -> bool:
    """Positions where only a role word or a name is a party: words before an event noun ("rebel" in "the rebel
    assault", but not "suicide" in "suicide bombing") and "from" phrases ("fire from the hills")."""
    return head.dep_ in syntax.MODIFIER_DEPS or (head.dep_ == "pobj" and head.head.lower_ == "from")


def _looks_like_party(
    tokens: Sequence[Token], head: Token, ctx: PartyContext, role: str = "source", kind: str = ""
) -> bool:
    """Step 6 of the module docstring, for a head that no actor mention covers. A news outlet or reporter is no
    source ("a journalist said"), but one can be what an event hit ("the killing of a journalist")."""
    lexicon = ctx.lexicon
    if head.lemma_.lower() in lexicon.arguments.media_nouns and (role == "source" or head.ent_type_ == "ORG"):
        return False
    if head.pos_ == "NUM":  # a count is casualties, not a party; "the three" points back at people named before
        return any(child.dep_ == "det" and child.lower_ in DEFINITE for child in head.children)
    if head.ent_type_ in NOT_PARTY_LABELS or head.ent_type_ in PLACE_LABELS:
        return False
    if head.ent_type_ in PARTY_LABELS or head.text == "IS":  # "IS" the group, parsed as a verb (syntax.py)
        return True
    if _is_strict(head):
        return _is_role_word(head, ctx, modifiers=False)  # "police gunfire", but not "air strike"
    words = Words.of(tokens)
    if any(words.has(lexicon.classes[name]) for name in lexicon.arguments.party_classes) or _is_role_word(head, ctx):
        return True
    if _collective(head, ctx):
        return True  # "both sides", "all sides", "the two countries"
    if _is_event_word(head, ctx):
        return False
    if role == "source" and head.lemma_.lower() in ctx.parties.place_nouns:
        return False  # "after the city fell to the militants": a place does nothing
    if role == "recipient" and kind and kind not in ADDRESSED_ANYONE and head.pos_ != "PROPN":
        # what a statement, request or visit is about or goes to is no party ("denied any involvement", "visited the
        # city"): only people are (parties.yaml `person_nouns`, `group_nouns`); an accused party may be any noun
        lemma = head.lemma_.lower()
        return lemma in ctx.parties.person_nouns or lemma in ctx.parties.group_nouns
    # A noun, or an adjective used as one ("murdered by an illegal", "the wounded").
    return head.pos_ in ("NOUN", "PROPN") or (head.pos_ == "ADJ" and any(c.dep_ == "det" for c in head.children))


def _country_pointed_at(head: Token, ctx: PartyContext) -> ActorRef | None:
    """ "The country", "the nation" with no words of their own: the country named last within about three sentences
    before (parties.yaml `country_nouns`; a subject before any other), else the story's country; None for any other
    phrase. Asked only for the sources of statements, demands and the like: the country a physical event or a
    movement names is mostly where it happened ("left the country", "the country sees five attacks a week")."""
    if ctx.knowledge is None or head.tag_ != "NN" or head.lemma_.lower() not in ctx.parties.country_nouns:
        return None
    children = list(head.children)
    if len(children) != 1 or children[0].dep_ != "det" or children[0].lower_ != "the":
        return None
    if head.dep_ == "pobj" and head.head.lower_ in ctx.lexicon.arguments.locative_preps:
        return None  # "across the country", "in the country": a place
    doc, words = head.doc, ctx.lexicon.arguments
    named: list[tuple[bool, Actor]] = []
    for start, end, actor in ctx.index.before(head.idx, max(0, head.idx - COUNTRY_REACH_CHARS)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if actor.country is None or actor.id != actor.country.lower() or span is None:
            continue
        if span.root.dep_ == "pobj" and span.root.head.lower_ in words.locative_preps:
            continue  # "a base in Iraq": a place named, not a party
        named.append((span.root.dep_ in ("nsubj", "nsubjpass"), actor))
    subjects = [actor for subject, actor in named if subject]
    chosen = subjects[-1] if subjects else named[-1][1] if named else None
    text = doc[head.i - 1 : head.i + 1].text
    if chosen is not None:
        return _ref(chosen, text)
    home = ctx.knowledge.kb.actors.get(ctx.home.lower()) if ctx.home else None
    return ActorRef(text, home.id, home.name, ctx.home) if home is not None else None


def _collective(head: Token, ctx: PartyContext) -> bool:
    """A plural collective noun counted or quantified: "both sides", "all sides", "the two countries" (not "the
    country"; parties.yaml `collective_nouns`)."""
    if head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() not in ctx.parties.collective_nouns:
        return False
    quantities = ctx.parties.quantities
    return any(
        child.dep_ == "nummod" or (child.dep_ in ("det", "predet", "preconj", "amod") and child.lower_ in quantities)
        for child in head.children
    )


def _on_every_side(head: Token, ctx: PartyContext) -> bool:
    """A phrase whose "on"/"from" phrase spreads it over counted sides: "fighters on both sides", "soldiers from all
    sides" (a collective noun counted, `_collective`)."""
    return any(
        child.dep_ == "prep"
        and child.lower_ in SIDE_PREPS
        and any(obj.dep_ == "pobj" and _collective(obj, ctx) for obj in child.children)
        for child in head.children
    )


def _state_body(head: Token, kind: str, ctx: PartyContext) -> bool:
    """A noun that names an outlet or a state body ("agency") as the one who does a state act, with no name or outlet
    word on it (parties.yaml `state_body_nouns`, `state_acts`; "the news agency" stays an outlet)."""
    if kind not in ctx.parties.state_acts:
        return False
    if head.lemma_.lower() not in ctx.parties.state_body_nouns or ctx.index.at(head) is not None:
        return False
    outlets = ctx.lexicon.arguments.media_nouns | ctx.parties.outlet_modifiers
    return head.ent_type_ != "ORG" and not any(
        child.dep_ in ("compound", "amod") and child.lemma_.lower() in outlets for child in head.children
    )


def actor_ref(
    head: Token, ctx: PartyContext, *, kind: str = "", role: str = "source", event_noun: Token | None = None
) -> list[ActorRef]:
    """The parties a phrase names (none, one, or one per country of "the presidents of Kenya and Uganda"),
    following the steps of the module docstring. `event_noun` is the event noun `head` qualifies, if any."""
    if _says_nobody(head, ctx):
        return []
    counted = _counted(head, ctx)
    if counted:  # "hundreds of Filipinos", "some of the militants" (the parser takes "some" for a pronoun)
        return [ref for token in counted for ref in actor_ref(token, ctx, kind=kind, role=role)]
    if kind == "PROTEST" and role == "source" and ctx.knowledge is not None and _is_number(head):
        # "thousands gathered to protest": a crowd counted, not named, is protesters
        return [actors_stage.generic_actor(ctx.knowledge, head.text, country=None, sector=PROTESTERS)]
    if role == "source" and ctx.knowledge is not None and _state_body(head, kind, ctx):
        # "the agency imposed sanctions": a government body, not the news outlet the noun names elsewhere
        words, tokens, _, _ = _phrase_words(head, ctx)
        body = actors_stage.generic_actor(ctx.knowledge, words, country=None, sector=GOVERNMENT)
        return [_with_country(body, tokens, ctx)]
    if head.pos_ == "PRON" and any(child.dep_ == "relcl" for child in head.children):
        # "those who survived the blast", "anyone who helped them": the people the clause says, no antecedent
        return [ActorRef(text=head.text)]
    if head.lower_ == "those" and any(child.dep_ in ("amod", "acl", "prep") for child in head.children):
        # "revenge against those responsible", "those behind the attack": people the words describe
        return [ActorRef(text=_phrase_words(head, ctx)[0])]
    if head.pos_ == "PRON":
        # The words used stay the pronoun's; who it is comes from what it refers to.
        found = resolve_pronoun(head, ctx.reference(), lambda token: actor_ref(token, ctx, kind=kind, role=role))
        return [replace(ref, text=head.text, name=ref.name or ref.text) for ref in found]
    country = _country_pointed_at(head, ctx) if role == "source" and kind not in PHYSICAL_TYPES else None
    if country is not None:  # "The country condemned the attack": the country named last
        return [country]
    if _on_every_side(head, ctx):
        return []  # "fighters on both sides were killed": the men of two parties the phrase does not name, not one
    words, tokens, start_char, end_char = _phrase_words(head, ctx)
    covering = ctx.index.at(head)
    collective = _collective(head, ctx)
    if covering is None and role == "source" and _is_event_word(head, ctx) and event_noun is None and not collective:
        return _behind_means(head, ctx, kind)  # "Turkish artillery fire hit ...", "its efforts to retake ..."
    # An actor named before the head is the phrase's ("Iraqi forces", "U.S. interests"); one in an "of" phrase after
    # it is not ("both sides of the border between Iraq and Syria").
    before = [item for item in ctx.index.inside(start_char, end_char) if item[0] <= head.idx]
    inside = [covering] if covering is not None else before
    if not inside and tokens:
        # A name the parser split ("Islamic State of Iraq and the Levant fighters": "the Levant fighters" a phrase of
        # its own): the mention its first word lies in, when that mention began before the phrase.
        split = ctx.index.at(tokens[0])
        inside = [split] if split is not None and split[0] < tokens[0].idx else []
    member = _member_of(head, ctx) if not inside or _generic(inside[-1][2]) else None
    if member is not None:  # "fighters from the Lord's Resistance Army": the army
        return [_ref(member, words, _patron(tokens, ctx))]
    owner = _owned_by(head, words, ctx, kind) if not inside or _generic(inside[-1][2]) else None
    if owner is not None:  # "the Taliban said its fighters had overrun ...": the Taliban
        return [owner]
    if inside and _generic(inside[-1][2]):  # "the warships of France and Britain": one actor per country
        countries = _role_of_countries(head, words, ctx)
        if countries:
            return countries
    if inside:
        actor = inside[-1][2]
        if actor.sector in MEDIA_SECTORS or _attacked_capital(words, kind, role, ctx, modifier=event_noun is not None):
            return []
        joined = _joined_before(head, inside[-1], before)
        if joined:  # the phrase's words hold the joined actors too: keep the main mention's own
            words = next((m.text for m in actor.mentions if m.start == inside[-1][0]), words)
        return [*joined, _ref(actor, words, _patron(tokens, ctx))]
    if head.ent_type_ in PLACE_LABELS:
        if _attacked_capital(words, kind, role, ctx, modifier=event_noun is not None):
            return []
        place = _place_party(head, words, kind, role, ctx)
        if place is None and head.ent_type_ == "FAC" and role == "recipient" and kind in PHYSICAL_TYPES:
            return [ActorRef(text=words)]  # "attacked Camp Shorabak": a building or camp is a target
        return [place] if place is not None else []
    if head.ent_type_ in ("ORG", "PERSON") and ctx.knowledge is not None:
        # A country the model tagged as an organisation or a person ("sanctions on Belarus" with Belarus an ORG)
        named = actors_stage.country_actor(words, ctx.knowledge, capitals=False)
        if named is not None:
            return [named]
    if head.ent_type_ == "NORP":
        demonym = _demonym_party(head, event_noun, ctx)
        if demonym is not None:
            return [demonym]
    countries = _role_of_countries(head, words, ctx)
    if countries:
        return countries
    if not tokens or not _looks_like_party(tokens, head, ctx, role, kind):
        return []
    party = _role_actor(head, words, tokens, ctx) or _with_country(ActorRef(text=words), tokens, ctx)
    patron = _patron(tokens, ctx)
    return [replace(party, patron=patron) if patron and not party.patron else party]


def _member_of(head: Token, ctx: PartyContext) -> Actor | None:
    """The organisation a role word's "from"/"of" phrase names, when the word names its members or officers
    ("fighters from the Lord's Resistance Army", "a commander of the Haqqani network"); not a country (left to
    _role_of_countries), a news outlet, or people an event happened to ("victims of the group")."""
    if ctx.knowledge is None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    sector = _role_sector(head, ctx)
    if sector is None or sector in VICTIM_SECTORS or sector == "CVL":
        return None
    for word in syntax.prep_objects(head, MEMBER_PREPS):
        first, _ = name_span(word)
        named = [item for item in ctx.index.inside(word.doc[first].idx, word.idx + len(word)) if item[0] <= word.idx]
        covering = ctx.index.at(word)
        for _, _, actor in [covering] if covering is not None else named[-1:]:
            country = actor.country is not None and actor.id == actor.country.lower()
            if not country and not _generic(actor) and actor.sector not in MEDIA_SECTORS:
                return actor
    return None


def _owned_by(head: Token, words: str, ctx: PartyContext, kind: str) -> ActorRef | None:
    """A role word after a possessive pronoun names the members of whom the pronoun stands for: "its fighters" of
    an organisation are that organisation, "its troops" of a country that country's forces; people an event happened
    to ("their civilians") and a pronoun standing for people or nothing known keep the role word's own actor."""
    if ctx.knowledge is None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    sector = _role_sector(head, ctx)
    if sector is None or sector in VICTIM_SECTORS or sector == "CVL":
        return None
    pronoun = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if pronoun is None:
        return None
    owners = resolve_pronoun(pronoun, ctx.reference(), lambda token: actor_ref(token, ctx, kind=kind))
    owner: ActorRef | None = owners[0] if len(owners) == 1 else None
    if owner is None or owner.id is None or owner.id.startswith("x-") or owner.sector in MEDIA_SECTORS:
        return None
    if owner.country is not None and owner.id == owner.country.lower():  # a country's forces
        return actors_stage.generic_actor(ctx.knowledge, words, country=owner.country, sector=sector)
    if owner.id.split("-")[0] == (owner.country or "x").lower() and owner.sector is not None:
        return None  # a generic actor of a country ("irq-mil"): the role word says more
    return replace(owner, text=words, attribution=None)


def fold_country(actor: Actor) -> str:
    return (actor.country or "x").lower()


def _generic(actor: Actor) -> bool:
    """A generic actor of the actors stage ("x-reb", "irq-mil"): role words, not a name."""
    parts = actor.id.split("-")
    return actor.sector is not None and actor.sector.lower() in parts[1:] and parts[0] in ("x", fold_country(actor))


def _joined_before(
    head: Token, main: tuple[int, int, Actor], before: Sequence[tuple[int, int, Actor]]
) -> list[ActorRef]:
    """Actors the parser hung on a party's head as modifiers joined by "and": "the U.S. and Iranian-backed
    militias" are the United States and the militias."""
    doc = head.doc
    joiners = {token.idx for token in doc[max(0, head.i - 12) : head.i] if token.dep_ == "cc"}
    found = []
    for start, end, actor in before:
        if end <= main[0] and any(end <= joiner < main[0] for joiner in joiners) and actor.sector not in MEDIA_SECTORS:
            text = next((mention.text for mention in actor.mentions if mention.start == start), actor.name)
            found.append(_ref(actor, text))
    return found


def _role_actor(head: Token, words: str, tokens: Sequence[Token], ctx: PartyContext) -> ActorRef | None:
    """A role word the actors stage left alone ("a militant", "the soldier"): the generic actor of its sector, of
    the country its words name or, for state bodies, of the article's home country."""
    if ctx.knowledge is None:
        return None
    sector = _role_sector(head, ctx)
    if sector is None:
        return None
    country = _with_country(ActorRef(text=words), tokens, ctx).country
    knowledge = ctx.knowledge
    identity = next((found for token in tokens if (found := actors_stage.identity_word(token.text, knowledge))), None)
    if country is None and sector in HOME_SECTORS and identity is None:
        country = ctx.home
    return actors_stage.generic_actor(ctx.knowledge, words, country=country, sector=sector, identity=identity)


def _role_sector(head: Token, ctx: PartyContext) -> str | None:
    """The sector of a role word, read with the noun before it when the two are a role of their own ("police
    officer" COP, where "officer" alone is MIL); a word whose sector the story decides (roles.yaml story_words)
    takes the other sector when the story's actors name it more often than the word's own and no word before it
    names the own one ("officers" in a story about a sheriff's office, not "army officers")."""
    knowledge = ctx.knowledge
    if knowledge is None:
        return None
    before = head.doc[head.i - 1] if head.i > 0 else None
    compound = before is not None and before.dep_ == "compound"
    phrases = [f"{before.text} {word}" for word in (head.text, head.lemma_)] if before is not None and compound else []
    for phrase in phrases:
        sector = actors_stage.role_sector(phrase, knowledge)
        if sector is not None:
            return sector
    for phrase in (head.lemma_, head.text):
        sector = actors_stage.role_sector(phrase, knowledge)
        if sector is not None:
            return _story_sector(head, phrase, sector, ctx)
    return None


def _story_sector(head: Token, phrase: str, sector: str, ctx: PartyContext) -> str:
    """The sector of a story word (see _role_sector), else `sector`."""
    assert ctx.knowledge is not None
    other = ctx.knowledge.roles.story_words.get(actors_stage.fold(phrase))
    counts = ctx.sector_mentions
    if other is None or counts.get(other, 0) <= counts.get(sector, 0):
        return sector
    qualifiers = [child for child in head.children if child.dep_ in ("amod", "compound")]
    if any(actors_stage.role_sector(word.text, ctx.knowledge) == sector for word in qualifiers):
        return sector
    return other


def _is_number(head: Token) -> bool:
    """A number as a noun: "thousands", "200" (not "groups", "some")."""
    return head.like_num or head.pos_ == "NUM" or head.ent_type_ == "CARDINAL"


def _is_count(head: Token, ctx: PartyContext) -> bool:
    quantities = ctx.parties.quantities
    return head.like_num or head.pos_ == "NUM" or head.lemma_.lower() in quantities or head.lower_ in quantities


def _counted(head: Token, ctx: PartyContext) -> list[Token]:
    """The "of" phrase of a word that counts a party ("hundreds of Filipinos", "a group of gunmen"), else []."""
    if not _is_count(head, ctx):
        return []
    return syntax.prep_objects(head, frozenset({"of"}))


def _behind_means(noun: Token, ctx: PartyContext, kind: str) -> list[ActorRef]:
    """Who wields a weapon or carried out an event named as the subject: "Israeli airstrikes killed ..." (the
    Israeli military), "an airstrike by coalition jets destroyed ..." (the jets)."""
    sources, _ = syntax.noun_arguments(noun, ctx.lexicon.arguments, symmetric=False, parties=ctx.parties)
    found: list[ActorRef] = []
    for head in sources:
        for ref in actor_ref(head, ctx, kind=kind, role="source", event_noun=noun):
            if ref not in found:
                found.append(ref)
    return found


def _refs(heads: Sequence[Token], ctx: PartyContext, *, kind: str, role: str) -> list[tuple[Token, ActorRef]]:
    found: list[tuple[Token, ActorRef]] = []
    for head in heads:
        event_noun = head.head if head.dep_ in syntax.MODIFIER_DEPS and head.head.pos_ == "NOUN" else None
        for ref in actor_ref(head, ctx, kind=kind, role=role, event_noun=event_noun):
            if role == "source":
                words = ctx.lexicon.arguments
                how = syntax.attribution(head, ctx.parties, words.responsibility_heads, words.light_verbs)
                ref = replace(ref, attribution=how) if how is not None else ref
            if all(ref != known and not _same_named_actor(ref, known) for _, known in found):
                found.append((head, ref))
    return found


def _countered(noun: Token, triggers: Sequence[Token], light_verbs: frozenset[str]) -> bool:
    """An event noun that is the object of a verb of the same event with a subject of its own, not a light verb:
    "forces repelled a Taliban assault", "police foiled an IS attack" (but "the Taliban launched an attack")."""
    verb = noun.head
    return (
        noun.pos_ == "NOUN"
        and noun.dep_ == "dobj"
        and any(verb.i == trigger.i for trigger in triggers)
        and not syntax.is_one_of(verb, light_verbs)
        and bool(syntax.clause_subject(verb))
    )


def _same_named_actor(ref: ActorRef, known: ActorRef) -> bool:
    """Two phrases of one actor of the knowledge base or of a country ("Islamic State of Iraq" and "the Levant
    fighters" of a split name): one party. Generic groups ("x-cvl": "three men and two women") stay apart."""
    return ref.id is not None and ref.id == known.id and not ref.id.startswith("x-")


def _names_victims(word: Token, ctx: PartyContext) -> bool:
    """A word before an event noun that names the people it happened to: "civilian" in "civilian massacres"."""
    if ctx.knowledge is None:
        return False
    sector = actors_stage.role_sector(word.lemma_, ctx.knowledge, modifiers=False)
    return sector in VICTIM_SECTORS


def event_parties(
    sources: Sequence[Token],
    recipients: Sequence[Token],
    ctx: PartyContext,
    *,
    kind: str,
    triggers: Sequence[Token] = (),
    location: Location | None = None,
) -> tuple[tuple[ActorRef, ...], tuple[ActorRef, ...]]:
    """The event's source and recipient ActorRefs from their head tokens, and from the words before its noun
    `triggers` that name a party ("the rebel assault", "Turkish artillery fire"). A head found as both is a
    recipient only (victims are never sources); a recipient that is also a source is left out of the recipients.
    Generic local actors that name no country take the event's country (_event_country), as ACLED names them ("two
    civilians were killed in El Fasher": Civilians (Sudan))."""
    light = ctx.lexicon.arguments.light_verbs
    recipients = [head for head in recipients if not syntax.in_heading(head)]
    countered = [noun for noun in triggers if _countered(noun, triggers, light)]
    modifiers = [word for noun in triggers if noun.pos_ == "NOUN" for word in syntax.party_modifiers(noun)]
    # "repelled a Taliban assault": the word before a noun another verb of the event acts on names the other side
    opposed = [word for word in modifiers if syntax.stance(word) == "anti" or word.head in countered]
    victims = [word for word in modifiers if _names_victims(word, ctx) and syntax.stance(word) is None]
    sources = [*sources, *(word for word in modifiers if word not in victims and syntax.stance(word) is None)]
    sources = [word for word in sources if not syntax.in_heading(word)]
    sources = [word for word in sources if syntax.stance(word) is None]
    recipients = [*recipients, *victims, *opposed]
    recipient_heads = {head.i for head in recipients}
    source_heads = [head for head in sources if head.i not in recipient_heads]
    source_refs = [ref for _, ref in _refs(source_heads, ctx, kind=kind, role="source")]
    mutual = [head for head in recipients if syntax.reciprocal(head) is not None]
    recipients = [head for head in recipients if head not in mutual]
    recipient_refs = [ref for _, ref in _refs(recipients, ctx, kind=kind, role="recipient")]
    recipient_refs = [ref for ref in recipient_refs if not _is_own_source(ref, source_refs, ctx)]
    for head in mutual[:1]:  # "blamed each other", "battled one another": the sources, each to the others
        words = syntax.reciprocal(head) or head.text
        recipient_refs += [replace(ref, text=words, attribution=None) for ref in source_refs]
    if kind in CONDEMNING_TYPES and not recipient_refs:  # "condemned the killings": whoever did them
        recipient_refs = next((found for head in recipients if (found := event_antecedent_doers(head, ctx))), [])
    named_sources = {(ref.id, ref.text) for ref in source_refs}
    recipient_refs = [ref for ref in recipient_refs if (ref.id, ref.text) not in named_sources]
    # Only the place of a physical event named in its own sentence says where its people belong: a statement's place
    # is where it was made, and a place from the story's dateline may be far from the fighting.
    preps = ctx.lexicon.arguments.locative_preps
    country = countries.event_country(source_refs, triggers, location, kind, home=ctx.home, locative_preps=preps)
    return countries.located(source_refs, country, ctx.knowledge), countries.located(
        recipient_refs, country, ctx.knowledge
    )


def _is_own_source(ref: ActorRef, sources: Sequence[ActorRef], ctx: PartyContext) -> bool:
    """A recipient that is the event's source again: one actor of the knowledge base named twice, or a pronoun that
    stands for the source ("Tikrit fell to the militants, a day after they seized Mosul": "they" is no one the fall
    happened to). Generic actors of two phrases stay ("rebels attacked other rebels")."""
    words = ctx.lexicon.arguments
    pronoun = ref.text.lower() in words.person_pronouns | words.group_pronouns
    return ref.id is not None and any(
        ref.id == source.id and (pronoun or _same_named_actor(ref, source)) for source in sources
    )


def event_antecedent_doers(noun: Token, ctx: PartyContext) -> list[ActorRef]:
    """The doers of the event a definite event noun points back at, when the noun names none itself: in "Militants
    killed forty prisoners. The State Department condemned the killings.", the militants. The antecedent is the
    latest verb or noun of the same event type in the noun's sentence or the EVENT_LOOKBACK_SENTENCES before that
    names a source; failing that, the first one the article tells (a condemnation is mostly of the story's event)."""
    if noun.pos_ != "NOUN" or not any(child.dep_ == "det" and child.lower_ in DEFINITE for child in noun.children):
        return []
    rules = ctx.lexicon.rules_by_head
    types = {rule.type for rule in rules.get(noun.lemma_.lower(), ()) if not rule.pos or "NOUN" in rule.pos}
    if not types:
        return []
    doc = noun.doc
    starts = _sentence_starts_up_to(doc, noun.i)
    near = starts[max(0, len(starts) - 1 - EVENT_LOOKBACK_SENTENCES)]
    arguments, parties = ctx.lexicon.arguments, ctx.parties
    earliest: list[ActorRef] = []
    for token in reversed(doc[: noun.i]):
        if token.pos_ not in ("VERB", "NOUN") or syntax.in_heading(token):
            continue
        kinds = {rule.type for rule in rules.get(token.lemma_.lower(), ()) if not rule.pos or token.pos_ in rule.pos}
        if not kinds & types:
            continue
        if token.pos_ == "VERB":
            heads, _ = syntax.verb_arguments(token, arguments, symmetric=False, parties=parties)
        else:
            heads, _ = syntax.noun_arguments(token, arguments, symmetric=False, parties=parties)
        kind = next(iter(kinds & types))
        found = [ref for head in heads for ref in actor_ref(head, ctx, kind=kind, role="source")]
        if found and token.i >= near:
            return [replace(ref, attribution=None) for ref in found]
        earliest = found or earliest
    return [replace(ref, attribution=None) for ref in earliest]


def _entity_label(doc: Doc, start: int, end: int) -> str:
    """The spaCy entity label of the words at [start, end), or "" when they are not an entity."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.ent_type_ if span is not None else ""


def answered_accusers(events: Sequence[Event], reach: int = ANSWER_REACH_CHARS) -> list[Event]:
    """A denial that names no one answers the accusation just before it against the denier: "Kurdish officials
    accused Turkey of ... Ankara denied any involvement" (REJECT Ankara → Kurdish officials). The accusation must
    end at most `reach` characters before the denial and name the denier (same actor or country) as the accused."""
    answered: list[Event] = []
    for event in events:
        if event.type == "REJECT" and event.source and not event.recipient:
            accusation = _accusation_answered(event, answered, reach)
            if accusation is not None:
                event = replace(event, recipient=tuple(replace(ref, attribution=None) for ref in accusation.source))
        answered.append(event)
    return answered


def _accusation_answered(denial: Event, before: Sequence[Event], reach: int) -> Event | None:
    start = denial.evidence.start
    for event in reversed(before):
        if event.type != "ACCUSE" or not event.source or event.evidence.start >= start:
            continue
        if start - event.evidence.end > reach:
            return None
        if any(_same_side(denier, accused) for denier in denial.source for accused in event.recipient):
            return event
    return None


def _same_side(first: ActorRef, second: ActorRef) -> bool:
    """One actor, or two of one country ("Ankara" and "Turkey")."""
    return (first.id is not None and first.id == second.id) or (
        first.country is not None and first.country == second.country
    )
