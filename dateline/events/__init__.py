"""The events stage: PLOVER-typed events with ACLED types, parties, date, place, casualties, factuality, evidence.

Reads: the Doc (sentences, lemmas, parts of speech, dependencies, entities), the actors, places and time
expressions of the other stages. Writes: Event (docs/contract.md events[]), one per occurrence, with every mention.

The stage proposes candidates; grammar rules (and, where one is given, a trained classifier) decide which are events;
then the mentions of one occurrence become one record:
1. Candidates: in each sentence (the headline is the text's first), words and phrases of
   dateline/knowledge/event_lexicon.yaml whose tests pass (triggers.py) give a PLOVER type, mode and default ACLED
   sub-event type. Triggers of one sentence that describe one event become one candidate: a trigger inside another's
   phrase ("struck ..., including an attack on a convoy"), and weak words ("killing 12") joining the violent event of
   their sentence. Its source and recipient phrases are read off the parse (syntax.py).
2. Event-ness by grammar (eventness.py): modifiers ("Iranian-backed"), the content of requests and threats ("called
   for the arrest"), idle weapons, generic and abstract uses ("the fight against IS"), verbal acts nobody performs
   are no events (some may still be further mentions of one); aggregates ("attacks every week") are flagged.
3. Event-ness by the trained classifier, when the pipeline gives one (classifier.py, issue 18 item 6): it may drop
   or retype what the rules kept. Which of 2, 3 or both ships is decided by measurement (docs/events.md).
4. Continuation: a definite or possessive event noun ("their assault", "the fighting") right after a violent event
   continues it: its sentence's casualties join that event, and it is one of its mentions.
5. Arguments: parties become ActorRefs (roles.py); the ACLED sub-type and mode are refined from the sentence's words
   (acled.py, event_cues.yaml); date, place and casualties come from the other stages' helpers (context.py);
   factuality from the trigger's clause (factuality.py). An event whose party cannot be found is flagged
   `no_source` and scored down (ACLED codes no event without an acting party).
6. Mentions (mentions.py): the events that tell one occurrence become one, listing every mention, with the most
   specific arguments any of them gives; events are numbered in text order of their main mentions.
Confidence: see `confidence` below and docs/events.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from dateline import actors as actors_stage
from dateline import places as places_stage
from dateline.casualties import CasualtyFigure, CasualtyTerms, SentenceFigures
from dateline.events import context, countries, eventness, factuality, mentions, syntax
from dateline.events.acled import LazyEventWords, Refinement, main_event, refine
from dateline.events.classifier import (
    CLASSIFIER_HEADS,
    EVENT,
    EVENT_MODEL_DIR,
    NO_ACLED,
    NOT_EVENT,
    CandidateScore,
    EventClassifier,
    candidate_features,
    event_classifier_setting,
    keeps,
    load_event_classifier,
    read_scores,
    rules_sure,
)
from dateline.events.lexicon import ArgumentWords, EventLexicon, load_event_lexicon
from dateline.events.roles import PartyContext, actor_ref, answered_accusers, event_parties
from dateline.events.triggers import Trigger, find_triggers
from dateline.events.words import TokenTable, Words, subtree_words
from dateline.records import (
    Actor,
    ActorRef,
    Article,
    Casualties,
    Event,
    EventDate,
    EventMention,
    Evidence,
    Factuality,
    Location,
    Mention,
    Place,
    TimeExpr,
)

__all__ = [
    "CLASSIFIER_HEADS",
    "EVENT",
    "EVENT_MODEL_DIR",
    "NOT_EVENT",
    "NO_ACLED",
    "CandidateScore",
    "EventClassifier",
    "EventLexicon",
    "candidate_features",
    "event_classifier_setting",
    "find_events",
    "load_event_classifier",
    "load_event_lexicon",
    "main_event",
    "read_scores",
]

VIOLENT_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
# Types whose events told as the purpose of another act ("deployed to secure the area") are future (factuality.py).
PURPOSE_PENDING_TYPES = frozenset({"ASSAULT", "COERCE"})
# Event types whose events carry the sentence's casualty figures.
CASUALTY_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
ANAPHORA_LOOKBACK_SENTENCES = 2
TERRITORY_ACLED = frozenset(
    {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
)
PLAIN_ACLED = frozenset({None, "Attack", "Armed clash"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})  # "took the town on Friday": a time adjunct, never a party
GIVEN_TO_PREPS = frozenset({"to", "for"})
# Intelligence is given to someone or shared with someone: "provided intelligence to X", "shared intelligence with X".
INTELLIGENCE_MODE = "intelligence"
SHARED_WITH_PREPS = frozenset({"with"})
# Confidence = the trigger's weight (how reliable the word is) plus these bonuses for what else was found.
SOURCE_BONUS = 0.1
RECIPIENT_BONUS = 0.05
DATE_BONUS = 0.05
PLACE_BONUS = 0.05
REFINED_BONUS = 0.1
MAIN_CLAUSE_BONUS = 0.1
MAX_CONFIDENCE = 0.95
# Taken off an event whose acting party cannot be found (issue 18: flagged and scored down, never silently empty).
# A judgement, not tuned: no dev set scores confidence; it keeps such an event below the same event with a party.
NO_SOURCE_PENALTY = 0.1


@dataclass
class _Draft:
    """An event being assembled from one sentence (and the sentences that continue it)."""

    sentence: Span
    sentence_number: int
    words: Words
    triggers: list[Trigger]
    extra_sentences: list[Span] = field(default_factory=list)
    folded: list[_Draft] = field(default_factory=list)  # continuing drafts (step 4): further mentions of this one
    sources: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)

    @cached_property  # the triggers do not change once the draft is made
    def primary(self) -> Trigger:
        """The strong trigger highest in the parse (the one the others hang from); weak ones only when alone."""
        strong = [trigger for trigger in self.triggers if not trigger.rule.weak] or self.triggers
        for trigger in strong:
            if not any(syntax.is_ancestor(other.token, trigger.token) for other in strong):
                return trigger
        return strong[0]

    @property
    def kind(self) -> str:
        return self.primary.rule.type

    @property
    def weak(self) -> bool:
        return all(trigger.rule.weak for trigger in self.triggers)


def _default_acled(draft: _Draft, lexicon: EventLexicon) -> tuple[str | None, str | None]:
    """The most specific default sub-type (and its mode) among the draft's triggers of the event's type."""
    rules = [t.rule for t in draft.triggers if t.rule.type == draft.kind and not t.rule.weak] or [draft.primary.rule]
    with_acled = [rule for rule in rules if rule.acled is not None]
    if not with_acled:
        return None, next((rule.mode for rule in rules if rule.mode), None)
    best = min(with_acled, key=lambda rule: lexicon.acled_rank.get(rule.acled or "", 99))
    return best.acled, best.mode or next((rule.mode for rule in rules if rule.mode), None)


def _acled_agree(first: str | None, second: str | None, kind: str) -> bool:
    """Violence of any weapon is one event ("struck ..., including an attack"), but a town taken is not the air
    strikes that backed the taking ("fighters backed by airstrikes drove them out of Kobani")."""
    if first == second or kind != "ASSAULT":
        return first == second
    return (first in TERRITORY_ACLED) == (second in TERRITORY_ACLED) or first in PLAIN_ACLED or second in PLAIN_ACLED


def _ended(trigger: Trigger, ending_verbs: frozenset[str]) -> bool:
    """The object of a verb of ending ("ending a siege", "broke the siege"): an occurrence that another one ends."""
    token = trigger.token
    return token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in ending_verbs


def _joins(group: list[Trigger], trigger: Trigger, ending_verbs: frozenset[str] = frozenset()) -> bool:
    """A strong trigger joins a group of the same type when one lies inside the other's phrase, unless one stands in
    a relative clause of its own ("a man who stabbed two people was shot": two events, syntax.separate_clause) or
    is what the other ends ("drove the militants out, ending a siege": the siege and its end are two)."""
    head = group[0].rule
    if trigger.rule.type != head.type or not _acled_agree(head.acled, trigger.rule.acled, head.type):
        return False
    if ending_verbs and (_ended(trigger, ending_verbs) or any(_ended(t, ending_verbs) for t in group)):
        return False
    own = frozenset(t.token.i for t in group)
    if any(syntax.told_apart(trigger.token, t.token, own) for t in group):
        return False
    return any(syntax.is_ancestor(t.token, trigger.token) or syntax.is_ancestor(trigger.token, t.token) for t in group)


def _weak_host(groups: list[list[Trigger]], trigger: Trigger) -> list[Trigger] | None:
    if trigger.rule.type == "PROTEST":
        return next((g for g in groups if g[0].rule.type == "PROTEST"), None)
    # "the gunman, who was shot dead by police, had killed four": a relative clause tells its own event (parties)
    groups = [g for g in groups if not all(syntax.told_apart(trigger.token, t.token, _own(g)) for t in g)]
    same = [g for g in groups if g[0].rule.type == trigger.rule.type]
    linked = [(distance, n) for n, g in enumerate(same) if (distance := _parse_distance(g, trigger)) is not None]
    if linked:  # "an airstrike killed five, and a bomb wounded nine": "wounded" goes with the bomb
        return same[min(linked)[1]]
    return next(iter(same), None) or next((g for g in groups if g[0].rule.type in VIOLENT_TYPES), None)


def _own(group: list[Trigger]) -> frozenset[int]:
    return frozenset(t.token.i for t in group)


def _parse_distance(group: list[Trigger], trigger: Trigger) -> int | None:
    """How many steps up or down the parse the nearest trigger of the group is from `trigger`, if one is its
    ancestor or descendant."""
    steps = [syntax.steps_between(t.token, trigger.token) for t in group]
    found = [step for step in steps if step is not None]
    return min(found) if found else None


def _group(triggers: list[Trigger], ending_verbs: frozenset[str] = frozenset()) -> list[list[Trigger]]:
    groups: list[list[Trigger]] = []
    for trigger in (t for t in triggers if not t.rule.weak):
        host = next((group for group in groups if _joins(group, trigger, ending_verbs)), None)
        if host is None:
            groups.append([trigger])
        else:
            host.append(trigger)
    for trigger in (t for t in triggers if t.rule.weak):
        host = _weak_host(groups, trigger)
        if host is None:
            groups.append([trigger])
        else:
            host.append(trigger)
    return sorted(groups, key=lambda group: min(t.token.i for t in group))


def _arguments(
    draft: _Draft, words: ArgumentWords, parties: actors_stage.PartyWords | None = None
) -> tuple[list[Token], list[Token]]:
    ordered = [draft.primary, *(t for t in draft.triggers if t is not draft.primary)]
    sources, recipients = syntax.event_arguments(
        draft.primary.token, [(trigger.token, trigger.rule.symmetric) for trigger in ordered], words, parties
    )
    if draft.primary.rule.undergoer:  # "the army lost control of the city": the subject is who it happened to
        taker = syntax.prep_objects(draft.primary.token, frozenset({"to"}))  # "Tikrit fell to the militants"
        sources, recipients = taker, sources
    intelligence = draft.primary.rule.mode == INTELLIGENCE_MODE
    if (
        draft.kind == "AID" or intelligence
    ):  # "sent rockets to the army": the object is the gift, "to" names who gets it
        token = draft.primary.token
        preps = GIVEN_TO_PREPS | SHARED_WITH_PREPS if intelligence else GIVEN_TO_PREPS  # "with" a gift is the gift
        objects = [c for c in token.children if c.dep_ == "dobj"] if intelligence else []
        # "shared intelligence with X": the parser may hang the phrase on the object
        given = [*syntax.prep_objects(token, preps), *(t for o in objects for t in syntax.prep_objects(o, preps))]
        for dative in (c for c in token.children if c.dep_ == "dative"):  # "gave them", "gave intelligence to X"
            given += [t for c in dative.children if c.dep_ == "pobj" for t in syntax.conjuncts(c)] or [dative]
        recipients = given or recipients  # "helped Iraq", "arm citizens": roles.py keeps only people
    trigger_tokens = {trigger.token.i for trigger in draft.triggers}
    # the words of a phrase trigger are no parties ("share intelligence", "vowed revenge"); its gap may be one
    trigger_tokens |= {
        token.i
        for trigger in draft.triggers
        for token in draft.primary.token.doc[trigger.start : trigger.end]
        if token.lower_ in trigger.rule.words or token.lemma_.lower() in trigger.rule.words
    }
    sources = [token for token in sources if token.i not in trigger_tokens]
    recipients = [token for token in recipients if token.i not in trigger_tokens]
    if draft.kind in ("CONSULT", "AGREE"):  # "the Paris conference": a place, not a party
        sources = [token for token in sources if not (token.dep_ == "compound" and token.ent_type_ in PLACE_LABELS)]
    return sources, recipients


def _takes_territory(draft: _Draft) -> bool:
    """A town or land taken or lost (ACLED's territory sub-types)."""
    return draft.primary.rule.acled in TERRITORY_ACLED


def _is_place(token: Token, lexicon: EventLexicon) -> bool:
    return token.ent_type_ in PLACE_LABELS or token.lemma_.lower() in lexicon.classes["territory"].words


def _may_hold_trigger(sentence: Span, lexicon: EventLexicon, table: TokenTable) -> bool:
    """True when some word of the sentence starts a trigger rule: only then are its words worth gathering."""
    heads = lexicon.rules_by_head
    rows = table.rows[sentence.start : sentence.end]
    return any(row is not None and (row[0] in heads or row[1] in heads) for row in rows)


def _sentence_drafts(
    sentence: Span, number: int, lexicon: EventLexicon, table: TokenTable, parties: actors_stage.PartyWords | None
) -> list[_Draft]:
    if not _may_hold_trigger(sentence, lexicon, table):
        return []
    words = table.words(range(sentence.start, sentence.end), keep_table=True)
    triggers = find_triggers(sentence, words, lexicon)
    ending_verbs = lexicon.eventness.ending_verbs if lexicon.eventness is not None else frozenset()
    drafts = [_Draft(sentence, number, words, group) for group in _group(triggers, ending_verbs)]
    for draft in drafts:
        draft.sources, draft.recipients = _arguments(draft, lexicon.arguments, parties)
        if _takes_territory(draft):  # neither the town taken nor the day it fell is the side that lost it
            draft.recipients = [
                token
                for token in draft.recipients
                if not _is_place(token, lexicon) and token.ent_type_ not in TIME_LABELS
            ]
    retreating = [token for draft in drafts if draft.kind == "RETREAT" for token in draft.sources]
    for draft in drafts:
        if _takes_territory(draft) and not draft.recipients:
            draft.recipients = list(retreating)
    return drafts


def _is_definite_noun(token: Token, words: ArgumentWords) -> bool:
    determiners = [child for child in token.children if child.dep_ in ("det", "poss")]
    return token.pos_ == "NOUN" and any(child.lower_ in words.anaphoric_determiners for child in determiners)


def _is_anaphoric(draft: _Draft, words: ArgumentWords) -> bool:
    """A definite or possessive event noun whose parties are not named anew: "their assault", "the fighting"."""
    if draft.kind != "ASSAULT":
        return False
    if not any(_is_definite_noun(t.token, words) for t in draft.triggers if not t.rule.weak):
        return False
    return all(source.pos_ == "PRON" or _is_definite_noun(source, words) for source in draft.sources)


def _asserted(draft: _Draft, lexicon: EventLexicon) -> bool:
    """Told as having happened (the clause's cues only: dates are not read yet)."""
    if lexicon.factuality is None:
        return True
    facts = factuality.assess(draft.primary.token, lexicon.factuality, None, None)
    return not (facts.negated or facts.hypothetical or facts.future)


def _merge_continuations(
    drafts: list[_Draft], lexicon: EventLexicon, verdicts: dict[int, eventness.Verdict]
) -> list[_Draft]:
    """Step 4: a back-reference to a violent event that happened, told in one of the next sentences, continues it."""
    kept: list[_Draft] = []
    for draft in drafts:
        antecedent = next(
            (
                earlier
                for earlier in reversed(kept)
                if earlier.kind == "ASSAULT"
                and 0 < draft.sentence_number - earlier.sentence_number <= ANAPHORA_LOOKBACK_SENTENCES
            ),
            None,
        )
        if antecedent is not None and _takes_territory(antecedent) and not _takes_territory(draft):
            # "the offensive" after "drove them out of the town, ending a siege": the fighting told before, not
            # the taking that ended it; with no fighting told, the taking (it is the battle's outcome)
            antecedent = next((d for d in reversed(kept) if _fighting(d, draft)), antecedent)
        continues = (
            antecedent is not None
            and verdicts[id(draft)].reference == "anaphoric"
            and _is_anaphoric(draft, lexicon.arguments)
            and _asserted(antecedent, lexicon)
            and _asserted(draft, lexicon)
        )
        if antecedent is not None and continues:
            if draft.sentence not in antecedent.extra_sentences:
                antecedent.extra_sentences.append(draft.sentence)
            antecedent.folded.append(draft)
            continue
        kept.append(draft)
    return kept


def _fighting(earlier: _Draft, draft: _Draft) -> bool:
    """An earlier violent draft that is fighting, not the taking of a town."""
    before = earlier.sentence_number < draft.sentence_number
    return earlier.kind == "ASSAULT" and not _takes_territory(earlier) and before


def _event_words(draft: _Draft, words: ArgumentWords) -> LazyEventWords:
    trigger = draft.primary.token
    table = draft.words.table
    # "the army lost control of the city": the subject is who lost it, so refine rules read it as the object
    subjects = [] if draft.primary.rule.undergoer else syntax.subject_heads(trigger, words)
    return LazyEventWords(
        draft.words,
        lambda: subtree_words([*syntax.object_heads(trigger, words), *draft.recipients], table=table),
        lambda: subtree_words([*subjects, *draft.sources], table=table),
        frozenset(t.token.lemma_.lower() for t in draft.triggers),
    )


def _sentence_words(sentence: Span, draft: _Draft) -> Words:
    table = draft.words.table
    return Words.of(sentence) if table is None else table.words(range(sentence.start, sentence.end), keep_table=True)


def _best_refinement(draft: _Draft, acled: str | None, mode: str | None, lexicon: EventLexicon) -> Refinement:
    """The refinement from the event's sentence, or from a continuing sentence when that one is more specific
    ("Attacks were launched in 11 places. The attacks, mostly with grenades, ..." is a grenade attack)."""
    words = _event_words(draft, lexicon.arguments)
    best = refine(draft.kind, mode, acled, words, lexicon)
    for sentence in draft.extra_sentences:
        other = refine(draft.kind, mode, acled, words.with_sentence(_sentence_words(sentence, draft)), lexicon)
        rank = lexicon.acled_rank.get(other.acled or "", 99)
        if other.rule_line is not None and rank < lexicon.acled_rank.get(best.acled or "", 99):
            best = other
    return best


def confidence(
    weight: float,
    *,
    source: Sequence[ActorRef],
    recipient: Sequence[ActorRef],
    date: EventDate | None,
    location: Location | None,
    refined: bool,
    main_clause: bool,
) -> float:
    """The trigger's weight plus bonuses for a source, a recipient, a written date and place, a refining cue, and
    for standing in the sentence's main clause (subordinate and relative clauses often recall other events)."""
    score = weight
    score += MAIN_CLAUSE_BONUS if main_clause else 0.0
    score += SOURCE_BONUS if source else 0.0
    score += RECIPIENT_BONUS if recipient else 0.0
    score += DATE_BONUS if date is not None and date.text is not None else 0.0
    score += PLACE_BONUS if location is not None and location.text is not None else 0.0
    score += REFINED_BONUS if refined else 0.0
    return round(min(MAX_CONFIDENCE, max(0.05, score)), 2)


@dataclass(frozen=True)
class _ArticleContext:
    article: Article
    doc: Doc
    parties: PartyContext
    times: Sequence[TimeExpr]  # only those that can date an event (context.calendar_times)
    dateline: Place | None
    lexicon: EventLexicon
    place_knowledge: places_stage.PlaceKnowledge
    casualty_terms: CasualtyTerms
    # sentence number -> the trigger words of its violent events, which casualty figures may be bound to
    casualty_triggers: dict[int, tuple[Token, ...]] = field(default_factory=dict)
    # each sentence's casualty figures, read once however many events it holds (and shared with the story stage)
    casualty_figures: SentenceFigures | None = None
    # the places that may locate an event (street names left out) and those never used (metonymic mentions too),
    # found once per article
    off_street_places: Sequence[Place] = ()
    # off_street_places as context.event_places gives them (dateline header left out, unnamed capitals added)
    event_places: Sequence[Place] = ()
    unusable_places: frozenset[Place] = frozenset()
    # sentence start token -> the location its sentence gives an event whose clause names no place
    sentence_locations: dict[int, Location | None] = field(default_factory=dict)
    # the first token of each sentence that tells an event (its own or folded into another): a day named in the
    # sentences after an event dates it only up to the next of these (context.event_date)
    event_sentences: frozenset[int] = frozenset()

    def figures_of(self, sentence: Span) -> list[CasualtyFigure]:
        figures = self.casualty_figures or SentenceFigures(self.doc, self.casualty_terms)
        return figures.of(sentence)


def _casualties(draft: _Draft, carriers: set[int], ctx: _ArticleContext) -> Casualties:
    if draft.kind not in CASUALTY_TYPES:
        return Casualties()
    carrier = id(draft) in carriers
    own = [trigger.token for trigger in draft.triggers]
    others = [token for token in ctx.casualty_triggers.get(draft.sentence_number, ()) if token not in own]
    found = context.sentence_casualties(
        ctx.article,
        draft.sentence,
        terms=ctx.casualty_terms,
        own=own,
        others=others,
        carrier=carrier,
        figures=ctx.figures_of(draft.sentence),
    )
    if not carrier:
        return found
    for sentence in draft.extra_sentences:
        extra = context.sentence_casualties(
            ctx.article, sentence, terms=ctx.casualty_terms, figures=ctx.figures_of(sentence)
        )
        found = context.merge_casualties(found, extra)
    return found


def _casualty_triggers(drafts: list[_Draft]) -> dict[int, tuple[Token, ...]]:
    found: dict[int, tuple[Token, ...]] = {}
    for draft in drafts:
        if draft.kind in CASUALTY_TYPES:
            tokens = tuple(trigger.token for trigger in draft.triggers)
            found[draft.sentence_number] = found.get(draft.sentence_number, ()) + tokens
    return found


def _casualty_carriers(drafts: list[_Draft], lexicon: EventLexicon) -> set[int]:
    """One violent event per sentence carries its casualty figures: the best-ranked, else the first."""
    carriers: set[int] = set()
    by_sentence: dict[int, list[_Draft]] = {}
    for draft in drafts:
        if draft.kind in CASUALTY_TYPES:
            by_sentence.setdefault(draft.sentence_number, []).append(draft)
    for group in by_sentence.values():
        best = min(group, key=lambda d: lexicon.acled_rank.get(_default_acled(d, lexicon)[0] or "", 99))
        carriers.add(id(best))
    return carriers


def _mention(draft: _Draft, text: str) -> EventMention:
    sentence, primary = draft.sentence, draft.primary
    phrase = sentence.doc[primary.start : primary.end]
    trigger = Mention(text=phrase.text, start=phrase.start_char, end=phrase.end_char)
    start, end = sentence.start_char, sentence.end_char
    return EventMention(text=text[start:end], start=start, end=end, trigger=trigger)


def _build(draft: _Draft, number: int, carriers: set[int], ctx: _ArticleContext, verdict: eventness.Verdict) -> Event:
    lexicon = ctx.lexicon
    primary = draft.primary
    acled, mode = _default_acled(draft, lexicon)
    refinement = _best_refinement(draft, acled, mode, lexicon)
    retold = [(folded.sentence, folded.primary.token) for folded in draft.folded]
    date = context.event_date(
        ctx.article, ctx.times, draft.sentence, primary.token, retold, telling_others=ctx.event_sentences
    )
    location = _location(ctx, draft.sentence, primary.token)
    if location is None or location.text is None:
        location = context.with_mentions(location, [_location(ctx, s, t) for s, t in retold])
    triggers = [trigger.token for trigger in draft.triggers]
    source, recipient = event_parties(
        draft.sources, draft.recipients, ctx.parties, kind=draft.kind, triggers=triggers, location=location
    )
    for folded in draft.folded:
        # "A bomb exploded ... The Taliban said they carried out the bombing. The blast targeted a bakery": a further
        # mention may name the doer or what was hit (as mentions.merge_occurrence does for tellings of one event)
        folded_triggers = [trigger.token for trigger in folded.triggers]
        further_source, further_recipient = event_parties(
            folded.sources, folded.recipients, ctx.parties, kind=draft.kind, triggers=folded_triggers, location=location
        )
        source = source or further_source
        known = {(ref.id, ref.text.casefold()) for ref in (*source, *recipient)}
        recipient += tuple(ref for ref in further_recipient if (ref.id, ref.text.casefold()) not in known)
    if lexicon.eventness and draft.kind in lexicon.eventness.statement_types:  # placed by its own words only
        location = context.statement_location(ctx.off_street_places, primary.token, lexicon.arguments.locative_preps)
    main = _mention(draft, ctx.article.text)
    cues = lexicon.factuality
    # Violence and coercion told as what a deployment or an offensive is for have not happened; a gathering "to
    # protest" is the protest (eventness.py rule 4).
    pending = draft.kind in PURPOSE_PENDING_TYPES
    facts = (
        factuality.assess(primary.token, cues, date, ctx.article.published, purpose_pending=pending)
        if cues
        else Factuality()
    )
    score = confidence(
        max(t.rule.weight for t in draft.triggers),
        source=source,
        recipient=recipient,
        date=date,
        location=location,
        refined=refinement.rule_line is not None,
        main_clause=syntax.is_main_clause(primary.token, cues.reporting_verbs if cues else frozenset()),
    )
    flags = (("aggregate",) if verdict.aggregate else ()) + (() if source else ("no_source",))
    return Event(
        id=f"{ctx.article.id}-e{number}",
        article_id=ctx.article.id,
        type=draft.kind,
        evidence=Evidence(text=main.text, start=main.start, end=main.end),
        mode=refinement.mode,
        acled=lexicon.acled_types.get(refinement.acled) if refinement.acled else None,
        source=source,
        recipient=recipient,
        date=date,
        location=location,
        casualties=_casualties(draft, carriers, ctx),
        factuality=facts,
        confidence=score if source else round(max(0.05, score - NO_SOURCE_PENALTY), 2),
        trigger=main.trigger,
        mentions=(main, *(_mention(folded, ctx.article.text) for folded in draft.folded)),
        flags=flags,
    )


def _location(ctx: _ArticleContext, sentence: Span, trigger: Token) -> Location | None:
    return context.event_location(
        ctx.article,
        ctx.event_places,
        sentence,
        trigger,
        ctx.dateline,
        knowledge=ctx.place_knowledge,
        placed=True,
        streets=frozenset(),  # left out of off_street_places once for the article
        unusable=ctx.unusable_places,
        sentence_locations=ctx.sentence_locations,
        locative_preps=ctx.lexicon.arguments.locative_preps,
    )


def _performed(draft: _Draft, parties: PartyContext) -> bool:
    """Whether a party performs the candidate: a source phrase naming one, or a pronoun standing for one."""
    words = parties.lexicon.arguments
    pronouns = words.person_pronouns | words.group_pronouns
    return any(token.lower_ in pronouns or actor_ref(token, parties, kind=draft.kind) for token in draft.sources)


def _judge(drafts: list[_Draft], parties: PartyContext, lexicon: EventLexicon) -> dict[int, eventness.Verdict]:
    """Step 2: the grammar's verdict on each candidate, by id of its draft."""
    verbal = lexicon.eventness.verbal_types if lexicon.eventness else frozenset()
    by_sentence: dict[int, list[_Draft]] = {}
    for draft in drafts:
        by_sentence.setdefault(draft.sentence_number, []).append(draft)
    verdicts: dict[int, eventness.Verdict] = {}
    for draft in drafts:
        sentence = by_sentence[draft.sentence_number]
        others = [(other.primary.token, other.kind) for other in sentence if other is not draft]
        performed = draft.kind not in verbal or _performed(draft, parties)
        joined = [trigger.token for trigger in draft.triggers if trigger is not draft.primary]
        toll_only = draft.weak and not draft.sources
        candidate = eventness.Candidate(draft.primary.token, draft.primary.rule, performed, others, joined, toll_only)
        verdicts[id(draft)] = eventness.judge(candidate, lexicon)
    return verdicts


def _described(phrases: Sequence[Token]) -> bool:
    """Phrases that introduce someone unnamed: "a militia leader", "a senior official" (a/an and a common noun)."""
    return bool(phrases) and all(
        token.pos_ == "NOUN" and any(child.dep_ == "det" and child.lower_ in ("a", "an") for child in token.children)
        for token in phrases
    )


def _placed_by_dateline(location: Location | None, article: Article) -> bool:
    text = location.text if location is not None else None
    return bool(text and article.dateline and text.casefold() == article.dateline.casefold())


def _headline_end(article: Article) -> int:
    """Where the headline ends when the text starts with it (clean keeps it as the first paragraph), else 0."""
    title = article.title
    return len(title) if title and article.text.startswith(title) else 0


def find_events(
    article: Article,
    doc: Doc,
    *,
    actors: Sequence[Actor],
    places: Sequence[Place],
    times: Sequence[TimeExpr],
    lexicon: EventLexicon,
    place_knowledge: places_stage.PlaceKnowledge,
    casualty_terms: CasualtyTerms,
    classifier: EventClassifier | None = None,
    actor_knowledge: actors_stage.ActorKnowledge | None = None,
    casualty_figures: SentenceFigures | None = None,
) -> list[Event]:
    """Find the events of an article, one per occurrence, in text order, with ids f"{article.id}-e{n}" from 1
    (steps 1-6 of the module docstring).

    `place_knowledge` and `casualty_terms` are the places and casualties stages' knowledge, for their helpers. With
    a trained `classifier` the candidates it does not take for specific occurrences are left out, unless the rules
    are sure of them (classifier.py, `keeps`). `actor_knowledge` is the actors stage's (the KB and parties.yaml): it
    codes parties the actors stage did not name ("an Israeli airstrike", "fired missiles at Turkey"); without it
    only the actors stage's actors are coded. `casualty_figures` reads each sentence's casualty figures once for
    the stages that read them (casualties.SentenceFigures; the pipeline hands the story stage the same one)."""
    if not doc.has_annotation("DEP") or not lexicon.rules_by_head or len(doc) == 0:
        return []
    table = TokenTable.of(doc)
    parties = PartyContext.of(
        actors, lexicon, actor_knowledge, countries.story_country(article, doc, places, actor_knowledge)
    )
    party_words = actor_knowledge.parties if actor_knowledge is not None else None
    # 1. Candidates
    drafts = [
        draft
        for n, sentence in enumerate(doc.sents)
        for draft in _sentence_drafts(sentence, n, lexicon, table, party_words)
    ]
    # 2. Event-ness by grammar (3, the trained classifier, scores what is kept here when the pipeline gives one)
    verdicts = _judge(drafts, parties, lexicon)
    candidate_sentences = frozenset(draft.sentence.start for draft in drafts)
    drafts = [draft for draft in drafts if verdicts[id(draft)].kind != "none"]
    # 4. Continuation
    drafts = _merge_continuations(drafts, lexicon, verdicts)
    # 5. Arguments
    off_street = [place for place in places if not places_stage.is_street(article, place, knowledge=place_knowledge)]
    ctx = _ArticleContext(
        article=article,
        doc=doc,
        parties=parties,
        times=context.calendar_times(times),
        dateline=places_stage.dateline_place(article, places),
        lexicon=lexicon,
        place_knowledge=place_knowledge,
        casualty_terms=casualty_terms,
        casualty_triggers=_casualty_triggers(drafts),
        casualty_figures=casualty_figures or SentenceFigures(doc, casualty_terms),
        off_street_places=off_street,
        event_places=context.event_places(article, off_street, knowledge=place_knowledge),
        unusable_places=places_stage.unusable_places(article, places, knowledge=place_knowledge),
        event_sentences=candidate_sentences,
    )
    carriers = _casualty_carriers(drafts, lexicon)
    built = [_build(draft, number, carriers, ctx, verdicts[id(draft)]) for number, draft in enumerate(drafts, 1)]
    if classifier is not None:
        drafts, built = _kept_by_classifier(drafts, built, carriers, ctx, verdicts, classifier)
    headline_end = _headline_end(article)
    ending_verbs = lexicon.eventness.ending_verbs if lexicon.eventness is not None else frozenset()
    tellings = []
    for draft, event in zip(drafts, built, strict=True):
        verdict = verdicts[id(draft)]
        tellings.append(
            mentions.Telling(
                event=event,
                sentence=draft.sentence_number,
                reference=verdict.reference,
                starts=verdict.kind == "event",
                aggregate=verdict.aggregate,
                definite=verdict.definite,
                pronoun_source=any(token.pos_ == "PRON" for token in draft.sources),
                described_source=_described(draft.sources),
                dateline_place=_placed_by_dateline(event.location, article),
                headline=draft.sentence.start_char < headline_end,
                ended=_ended(draft.primary, ending_verbs),
            )
        )
    # 6. Mentions; a denial answers the accusation before it (roles.py)
    return answered_accusers(mentions.merge_mentions(tellings, article.id, lexicon.acled_rank))


def _kept_by_classifier(
    drafts: list[_Draft],
    built: list[Event],
    carriers: set[int],
    ctx: _ArticleContext,
    verdicts: dict[int, eventness.Verdict],
    classifier: EventClassifier,
) -> tuple[list[_Draft], list[Event]]:
    """The drafts the trained classifier keeps, with their events; where a left-out one carried its sentence's
    casualty figures, that sentence's kept events are built anew (the figures go to the best remaining one)."""
    # Why only the unsure: scoring is a fifth of the stage's time, and most candidates are ones the rules are sure of.
    unsure = [n for n, event in enumerate(built) if not rules_sure(event.confidence)]
    if not unsure:
        return drafts, built
    scores = classifier.score([(drafts[n].sentence, drafts[n].primary.token) for n in unsure])
    dropped = {n for n, score in zip(unsure, scores, strict=True) if not keeps(score, built[n].confidence)}
    kept = [n for n in range(len(drafts)) if n not in dropped]
    if len(kept) == len(drafts):
        return drafts, built
    left_out = set(range(len(drafts))) - set(kept)
    orphaned = {drafts[n].sentence_number for n in left_out if id(drafts[n]) in carriers}
    if orphaned:
        carriers = _casualty_carriers([drafts[n] for n in kept], ctx.lexicon)
    events = [
        _build(drafts[n], n + 1, carriers, ctx, verdicts[id(drafts[n])])
        if drafts[n].sentence_number in orphaned
        else built[n]
        for n in kept
    ]
    return [drafts[n] for n in kept], events
