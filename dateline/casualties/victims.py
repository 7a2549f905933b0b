"""Who a figure counts, and what happened to them: the casualty word that governs each figure or victim.

A figure is a casualty figure when, in the dependency parse,
 1. what it counts is itself a casualty noun or adjective ("20 deaths", "12 dead", "hundreds of refugees");
 2. what it counts is the victim of a casualty verb: the object or passive subject of a transitive one ("killed 72
    Sunnis", "two people were shot"), the subject of an intransitive one ("25,000 residents have fled"), or the noun
    a participle or relative clause hangs from ("civilians killed in the strike", "people who died");
 3. it is the figure of a death toll ("the death toll rose to 45", "a toll of 45");
 4. a bare number stands right before a casualty verb or adjective ("left 12 dead and 30 wounded").
Verbs joined by "and" share their victims: "killed and wounded more than a dozen" is a combined figure, and
"shot and killed" is killed only (shooting is how they were killed). A figure in care ("listed in critical condition",
"treated for injuries") was hit, as the shot were (`in_care`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from dateline import nlp
from dateline.casualties.terms import CasualtyTerms, VerbTerm

_OBJECT_ROLES = frozenset({"dobj", "obj", "nsubjpass", "oprd"})
_COUNTED_ROLES = frozenset({"nummod", "quantmod", "compound", "amod", "nmod"})
_SINGLE_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
_NOBODY = frozenset({"nobody", "none"})
# Named entities that are not people, so cannot be victims.
_NOT_PERSONS = frozenset({"GPE", "LOC", "FAC", "ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "DATE", "TIME"})
_FATAL_MODIFIERS = frozenset({"fatally", "dead", "death", "mortally"})
_REFLEXIVES = frozenset({"himself", "herself"})
_SUBJECT_ROLES = frozenset({"nsubj", "nsubjpass"})
_AUXILIARIES = frozenset({"aux", "auxpass"})
_LOOSE_REFLEXIVE_ROLES = frozenset({"conj", "dep", "npadvmod", "appos"})
# Verbs that say how people were hit, not whether they survived ("shot", "stabbed"): alone they count as injured,
# and an account of several sentences counts their victims among the dead it is told of (account.py).
MANNER_VERBS = frozenset({"shoot", "stab"})
# Lemmas of the verbs of a suicide ("turned the gun on himself", "took his own life"): `own_life_taker` looks at no
# other verb. (The nouns of `death_of` and the weapons of `turned_weapon_on` are in casualty_terms.tsv.)
OWN_LIFE_VERBS = frozenset({"turn", "take", "commit"})


def counted_token(number: Token) -> Token:
    """What a figure counts: the noun its last number word modifies, else the number itself ("20 died")."""
    token = number
    while token.dep_ in ("quantmod", "compound", "nummod", "conj") and token.head.like_num and token.head.i != token.i:
        token = token.head
    if token.dep_ in _COUNTED_ROLES and token.head.i != token.i:
        return token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("NOUN", "ADJ"):
        return token.head.head  # "hundreds of refugees" parsed with the figure as head
    return token


def word_category(token: Token, terms: CasualtyTerms) -> str | None:
    """The category a casualty noun or adjective names ("deaths" → killed, "wounded" → injured), if it is one."""
    for form in (token.lemma_.lower(), token.lower_):
        if token.pos_ == "ADJ" and form in terms.adjectives:
            return terms.adjectives[form]
        if form in terms.nouns:
            return terms.nouns[form]
        if form in terms.adjectives and token.pos_ in ("NOUN", "VERB"):
            return terms.adjectives[form]
    return None


def _has_own(verb: Token, roles: frozenset[str]) -> bool:
    """The verb has its own argument in one of `roles`; an adjective complement ("pronounced dead") says what
    happened to the victim, it is none."""
    return any(child.dep_ in roles and not _predicate_adjective(child) for child in verb.children)


def _predicate_adjective(token: Token) -> bool:
    """ "dead" in "pronounced dead": an adjective the parser labels as an object predicate, counting no one (not
    "12 dead" in "left 12 dead")."""
    return token.dep_ == "oprd" and token.pos_ == "ADJ" and not any(child.like_num for child in token.children)


def verb_group(verb: Token, roles: frozenset[str] = _OBJECT_ROLES) -> list[Token]:
    """A verb with the verbs "and" joins to it that share its victims ("shot and killed", "killed and wounded
    a dozen"): a joined verb shares them unless it has its own argument in the victims' role (`roles`)."""
    group = [verb]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not _has_own(verb.head, roles):
        group.append(verb.head)
    # "three were killed and another injured": a joined verb with a subject of its own has its own victims
    own_roles = roles | _SUBJECT_ROLES
    group.extend(child for child in verb.children if child.dep_ == "conj" and not _has_own(child, own_roles))
    # "found shot to death": a participle complement says what happened to the same victim, and so do the verbs
    # "and" joins to it ("found shot and pronounced dead")
    complements = [child for child in verb.children if child.dep_ in ("xcomp", "oprd") and child.pos_ == "VERB"]
    group.extend(complements)
    group.extend(g for c in complements for g in c.children if g.dep_ == "conj" and not _has_own(g, own_roles))
    if verb.lemma_.lower() == "find":  # "was found fatally shot", parsed as a clausal complement
        group.extend(child for child in verb.children if child.dep_ == "ccomp" and child.pos_ == "VERB")
    return group


_DEAD_DEPS = frozenset({"oprd", "acomp", "xcomp", "advcl", "amod", "advmod", "ccomp"})


def to_hospital(verb: Token) -> bool:
    """ "sent four people to the hospital", "was rushed to a hospital": the victims were hurt."""
    return any(
        child.dep_ == "prep" and child.lower_ == "to" and any(g.lemma_.lower() == "hospital" for g in child.children)
        for child in verb.children
    )


def in_care(verb: Token, terms: CasualtyTerms) -> bool:
    """ "one person is listed in critical condition", "four are being treated for injuries": the verb's subject
    (or passive subject) is hurt: a person's condition told by its adjective, or treatment for a wound."""
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        for noun in child.children:
            if noun.dep_ != "pobj":
                continue
            condition = child.lower_ == "in" and noun.lemma_.lower() == "condition"
            if condition and any(g.dep_ == "amod" and g.pos_ == "ADJ" for g in noun.children):
                return True
            if child.lower_ == "for" and verb.lemma_.lower() == "treat" and word_category(noun, terms) == "injured":
                return True
    return False


def dead_complement(verb: Token) -> bool:
    """ "found dead", "pronounced dead", "left a boy dead": a verb of any kind whose complement says the victim
    died (on the verb, or on its object)."""
    for child in verb.children:
        if child.lower_ == "dead" and child.dep_ in _DEAD_DEPS:
            return True
        if child.dep_ == "dobj" and any(g.lower_ == "dead" and g.dep_ in _DEAD_DEPS for g in child.children):
            return True
    return False


def _fatal(verb: Token) -> bool:
    """ "fatally shot", "shot dead", "stabbed to death"."""
    return any(child.lower_ in _FATAL_MODIFIERS or (child.lower_ == "to" and any(g.lower_ == "death" for g in
               child.children)) for child in verb.children)  # fmt: skip


def _is_dead(verb: Token) -> bool:
    """ "a man is dead", "two were dead": the copula's subject died."""
    return verb.lemma_ == "be" and any(child.lower_ == "dead" and child.dep_ == "acomp" for child in verb.children)


def _died_too(verb: Token, term: VerbTerm | None) -> bool:
    """A joined intransitive death verb with no subject of its own: it shares the first verb's passive subject."""
    return (
        term is not None
        and term.victim == "subject"
        and term.category == "killed"
        and verb.dep_ == "conj"
        and not _has_own(verb, frozenset({"nsubj", "nsubjpass"}))
    )


def _made_to(verb: Token, first: Token, term: VerbTerm, terms: CasualtyTerms) -> bool:
    """ "forced 10,000 people to flee": an intransitive casualty verb complementing a causative verb has the
    causative's object for its subject."""
    return (
        term.victim == "subject"
        and verb.dep_ == "xcomp"
        and verb.head == first
        and first.lemma_.lower() in terms.causatives
        and not _has_own(verb, _SUBJECT_ROLES)
    )


def group_category(verbs: list[Token], victim_role: str, terms: CasualtyTerms) -> str | None:
    """What a group of verbs did to their victims in `victim_role` ("object" or "subject")."""
    categories: set[str] = set()
    manner_only: set[str] = set()  # "shoot" and "stab" say how, not whether they survived
    for position, verb in enumerate(verbs):
        term = terms.verbs.get(verb.lemma_.lower())
        if victim_role == "subject" and _is_dead(verb):
            categories.add("killed")
            continue
        if victim_role == "object" and position > 0 and _died_too(verb, term):
            return "killed"  # "was shot and died", "was taken to a hospital and died": the same person died
        if victim_role == "object" and dead_complement(verb) and verb.lemma_ != "be":
            categories.add("killed")
            continue
        if victim_role == "object" and term is None and position == 0 and to_hospital(verb):
            categories.add("injured")
            continue
        if term is None and position == 0 and in_care(verb, terms):
            categories.add("injured")
            continue
        if victim_role == "object" and term is not None and _made_to(verb, verbs[0], term, terms):
            categories.add(term.category)
            continue
        if term is None or term.victim != victim_role:
            continue
        if _fatal(verb):
            categories.add("killed")
        elif verb.lemma_.lower() in MANNER_VERBS:
            manner_only.add(term.category)
        else:
            categories.add(term.category)
    if "killed" in categories and "injured" in categories:
        return "combined"
    if categories:
        return sorted(categories)[0] if len(categories) > 1 else next(iter(categories))
    return next(iter(manner_only)) if manner_only else None


def _role_holder(token: Token) -> Token:
    """The first conjunct: in "10 soldiers and 5 civilians", "civilians" takes the role of "soldiers"."""
    while token.dep_ == "conj" and token.head.i != token.i and token.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        token = token.head
    return token


def victim_category(counted: Token, terms: CasualtyTerms) -> tuple[str, Token] | None:
    """The category and governing word of a figure or victim, by rules 1-4 of the module docstring."""
    own = word_category(counted, terms)
    if own is not None:
        return own, counted
    holder = _role_holder(counted)
    head = _verb_of(holder.head)
    reflexive_verb = _loose_reflexive_verb(holder)  # "shot her son and then herself", "shoots a boy, then himself"
    if reflexive_verb is not None:
        head = reflexive_verb
    passive_subject = holder.dep_ == "nsubj" and head.pos_ == "VERB"
    gapped_subject = passive_subject and (_gapped_passive(head) or _reduced_passive(head) or _passive(head))
    if (holder.dep_ in _OBJECT_ROLES or reflexive_verb is not None or gapped_subject) and head.pos_ in ("VERB", "AUX"):
        category = group_category(verb_group(head), "object", terms)
        if category:
            return category, head
    if holder.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        category = group_category(verb_group(head, frozenset({"nsubj"})), "subject", terms)
        if category is None and holder.like_num and head.i == holder.i + 1 and head.tag_ in ("VBN", "VBD"):
            category = group_category([head], "object", terms)  # "30 wounded" parsed as a subject
        if category:
            return category, head
    small_clause = _small_clause_category(holder, terms)  # "found three people dead"
    if small_clause is not None:
        return small_clause
    for child in counted.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ in ("VERB", "AUX"):
            # "people killed" / "who were killed": the noun is the victim; "a man shooting at others": the agent
            agent = child.tag_ == "VBG" and child.dep_ == "acl"
            role = "subject" if agent or any(g.dep_ == "nsubj" for g in child.children) else "object"
            if role == "object" and _filled(child):
                continue  # "people around the night the girl was shot": the clause's victim is its own
            roles = frozenset({"nsubj"}) if role == "subject" else _OBJECT_ROLES
            category = group_category(verb_group(child, roles), role, terms)
            if category:
                return category, child
    event_noun = _event_noun_of(holder, terms)  # "the killing of 72 Sunnis", "the abduction of 20 pupils"
    if event_noun is not None:
        return event_noun
    toll = _toll_of(holder, terms)
    if toll is not None:
        return "killed", toll
    following = counted.doc[counted.i + 1] if counted.i + 1 < len(counted.doc) else None
    if counted.like_num and following is not None:
        category = word_category(following, terms) or group_category([following], "object", terms)
        if category:
            return category, following
    return None


def _filled(clause: Token) -> bool:
    """A relative clause whose victim's place is taken by a word of its own, not a relative pronoun: the noun it
    hangs from is when or where it happened ("the night the girl was shot", "the party where a boy was shot")."""
    return any(child.dep_ in _OBJECT_ROLES and child.tag_ not in ("WP", "WDT") for child in clause.children)


def _small_clause_category(holder: Token, terms: CasualtyTerms) -> tuple[str, Token] | None:
    """ "Officers found three people dead", "the blast left two soldiers wounded": the subject of a casualty adjective
    that is a verb's complement (a clause without a verb of its own) is what the adjective says."""
    head = holder.head
    if holder.dep_ != "nsubj" or head.pos_ != "ADJ" or head.dep_ not in _DEAD_DEPS or head.head.i == head.i:
        return None
    category = word_category(head, terms)
    return (category, head) if category is not None else None


def _verb_of(head: Token) -> Token:
    """The verb a subject belongs to, where the parser hangs the subject from its auxiliary ("His brother, ...,
    and his mother, ..., were both injured": "brother" the subject of "were")."""
    return head.head if head.dep_ in _AUXILIARIES and head.head.pos_ == "VERB" else head


def _loose_reflexive_verb(holder: Token) -> Token | None:
    """The verb a reflexive added after its object belongs to: "shot her son and then herself" (a conjunct),
    "shoots a boy, then himself" (left unattached), "the woman who shot her son, then herself" (parsed as an
    apposition of the woman, whose relative clause holds the verb)."""
    if holder.lower_ not in _REFLEXIVES or holder.dep_ not in _LOOSE_REFLEXIVE_ROLES:
        return None
    head = holder.head
    if holder.dep_ == "appos" and head.dep_ in ("dobj", "obj"):
        head = head.head  # "shoots his neighbour, then himself": parsed as an apposition of the first victim
    if head.pos_ in ("VERB", "AUX"):
        return head
    if holder.dep_ == "appos":
        return next((child for child in head.children if child.dep_ == "relcl" and child.pos_ == "VERB"), None)
    return None


def reflexive_antecedent(victim: Token) -> Token | None:
    """Who a reflexive victim is: the subject of its clause ("he shot himself and died": "he" and "himself" are one
    person), looking through "and" to the first verb's subject."""
    if victim.lower_ not in _REFLEXIVES:
        return None
    verb = nlp.verb_above(victim.head)
    for clause in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        subject = next((child for child in clause.children if child.dep_ in _SUBJECT_ROLES), None)
        if subject is not None and subject.tag_ in ("WP", "WDT") and clause.dep_ == "relcl":
            return clause.head  # "the teen who shot himself": the teen
        if subject is not None:
            return subject
    return None


def _event_noun_of(holder: Token, terms: CasualtyTerms) -> tuple[str, Token] | None:
    if holder.dep_ != "pobj" or holder.head.lower_ != "of":
        return None
    noun = holder.head.head
    category = terms.nouns.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
    if category is None or noun.lemma_.lower() == "toll":  # "the bodies of 12 soldiers" counts them
        return None
    return category, noun


def _toll_of(holder: Token, terms: CasualtyTerms) -> Token | None:
    """The "toll" a figure is the value of: "a toll of 45", "the toll rose to 45", "the toll stood at 45"."""
    if holder.dep_ not in ("pobj", "attr", "dobj"):
        return None
    anchor = holder.head.head if holder.dep_ == "pobj" else holder.head
    if anchor.lemma_.lower() == "toll":
        return anchor
    for child in anchor.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() == "toll":
            return child
    return None


def manner_only(governor: Token, terms: CasualtyTerms) -> bool:
    """The figure's verbs say only how people were hit ("two were shot", "found stabbed"), not whether they lived:
    no verb among them says killed or injured outright, and none is fatal ("fatally shot", "shot dead"). A person
    in care ("listed in critical condition", `in_care`) was hurt as the shot were: alive then, perhaps dead later."""
    if governor.pos_ not in ("VERB", "AUX"):
        return False
    saying = [verb for verb in verb_group(governor) if verb.lemma_.lower() in terms.verbs]
    if not saying and in_care(governor, terms):
        return True
    if not saying or any(_fatal(verb) or dead_complement(verb) for verb in verb_group(governor)):
        return False
    return all(verb.lemma_.lower() in MANNER_VERBS for verb in saying)


def is_update(counted: Token, terms: CasualtyTerms) -> bool:
    """The figure is a toll told as changed: "the death toll rose to 12", "has climbed to 12", "reached 12"."""
    holder = _role_holder(counted)
    anchor = holder.head.head if holder.dep_ == "pobj" else holder.head
    return anchor.pos_ in ("VERB", "AUX") and anchor.lemma_.lower() in terms.update_verbs


def is_earlier_toll(counted: Token, terms: CasualtyTerms) -> bool:
    """The toll a changed one replaced: "9" in "the death toll rose to 12 from 9" (a "from" phrase of an update
    verb)."""
    holder = _role_holder(counted)
    if holder.dep_ != "pobj" or holder.head.lower_ != "from":
        return False
    verb = holder.head.head
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in terms.update_verbs


def is_sub_figure(counted: Token) -> bool:
    """A figure inside another: "including five children", "among them two officers", "of whom ..."."""
    for ancestor in [counted, *list(counted.ancestors)[:4]]:
        if ancestor.lower_ in ("including", "among", "includes", "included"):
            return True
    return False


def single_victims(verb: Token, terms: CasualtyTerms) -> Iterator[tuple[Token, Token]]:
    """Victims of a casualty verb named without a figure that count as one each ("a man", "him", "the driver"),
    each with the word that holds the victims' role (the first of a list: "a mother, father and toddler")."""
    term = terms.verbs.get(verb.lemma_.lower())
    if term is None and not dead_complement(verb) and not to_hospital(verb):
        return
    subject_victim = (term is not None and term.victim == "subject") or _is_dead(verb)
    roles = frozenset({"nsubj"}) if subject_victim else _OBJECT_ROLES
    arguments = [*verb.children, *(g for child in verb.children if child.dep_ in _AUXILIARIES for g in child.children)]
    holders = [child for child in arguments if child.dep_ in roles and not _predicate_adjective(child)]
    # "two were killed and another injured", "two boys killed in ...", "who police say was shot" (a passive whose
    # subject the parser labels as active): the subject is the victim
    if not subject_victim and (_gapped_passive(verb) or _reduced_passive(verb) or _passive(verb)):
        holders += [child for child in arguments if child.dep_ == "nsubj"]
    clause = verb
    if not holders and verb.dep_ in ("conj", "xcomp", "oprd", "advcl"):
        clause = verb.head
        holders = [child for child in clause.children if child.dep_ in roles or child.dep_ == "nsubjpass"]
        controller = (
            [child for child in clause.children if child.dep_ in ("dobj", "obj")] if verb.dep_ == "xcomp" else []
        )
        if controller:  # "forced him to flee": the object did it; "urged him to flee" says nothing of what he did
            holders = controller if clause.lemma_.lower() in terms.causatives else []
    if term is not None and term.victim == "object":
        holders += [child for child in verb.children if child.lower_ in _REFLEXIVES and child not in holders]
        nouns = [verb.head] if verb.dep_ == "relcl" else []  # "the woman who shot her son, then herself"
        nouns += [child for child in verb.children if child.dep_ in ("dobj", "obj")]  # "shoots a boy, then himself"
        holders += [g for noun in nouns for g in noun.children if g.dep_ == "appos" and g.lower_ in _REFLEXIVES]
    if not holders and verb.dep_ == "acl" and roles is _OBJECT_ROLES:
        holders = [verb.head]
    copula = _is_dead(verb)
    antecedent = _relative_antecedent(clause)
    # "shooting her older cousin" parsed as two objects: "her" is the cousin's determiner, not a victim
    for holder in [holder for holder in holders if not _possessive_object(holder)]:
        named, role = holder, holder
        if antecedent is not None and holder.tag_ in ("WP", "WDT"):
            # "the teen who shot himself and died": "who" stands for the teen; through a reporting verb ("a boy who
            # police say was shot") the relative pronoun keeps the victim's role in its own clause
            named = antecedent
            role = holder if clause.dep_ == "ccomp" else antecedent
        for victim in (named, *_listed_with(named)):
            if _is_single_person(victim, terms) and (not copula or _names_a_person(victim, terms)):
                yield victim, role


def _passive(verb: Token) -> bool:
    return any(child.dep_ == "auxpass" for child in verb.children)


def _relative_antecedent(clause: Token) -> Token | None:
    """The noun a relative clause hangs from, also through a reporting verb put inside it: "a boy who was shot",
    "a boy who police say was shot" (the shooting a complement of "say", which is the relative clause)."""
    if clause.dep_ == "relcl":
        return clause.head
    if clause.dep_ == "ccomp" and clause.head.dep_ == "relcl":
        return clause.head.head
    return None


def _possessive_object(token: Token) -> bool:
    return token.lower_ == "her" and any(
        other.dep_ == token.dep_ and other.i > token.i for other in token.head.children if other is not token
    )


def _names_a_person(token: Token, terms: CasualtyTerms) -> bool:
    """ "he", "a 15-year-old", "Smith", "the driver": a word that can only mean a person."""
    person_name = token.tag_ == "NNP" and token.ent_type_ == "PERSON"
    return token.lower_ in _SINGLE_PRONOUNS or _aged(token) or person_name or token.lemma_.lower() in terms.people


def _gapped_passive(verb: Token) -> bool:
    """A participle joined to a passive verb, with its own subject and the auxiliary left out: "injured" in "three
    were killed and another injured"."""
    head = verb.head
    passive_head = any(child.dep_ == "auxpass" for child in head.children)
    own_auxiliary = any(child.dep_ in ("aux", "auxpass") for child in verb.children)
    own_object = any(child.dep_ in ("dobj", "obj") for child in verb.children)
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and not own_object)  # the tagger often reads VBD
    return verb.dep_ == "conj" and participle and passive_head and not own_auxiliary


def _reduced_passive(verb: Token) -> bool:
    """A past participle with a subject and no auxiliary or object: a passive with "were" left out, as headlines
    write ("Two boys killed in ...")."""
    if verb.tag_ != "VBN" or verb.dep_ in ("acl", "relcl", "amod"):
        return False
    return not any(child.dep_ in ("aux", "auxpass", "dobj", "obj") for child in verb.children)


def _listed_with(holder: Token) -> list[Token]:
    """The others in a list with the holder: "a man and a woman"; "a mother, father, and toddler" (which the
    parser reads as an apposition with a conjunct; a lone apposition is the same person: "her mother, Ana")."""
    listed = [token for token in holder.conjuncts if token.dep_ == "conj"]
    for child in holder.children:
        if child.dep_ == "appos" and any(g.dep_ == "conj" for g in child.children):
            # "his wife Ana Ruiz and son Tom Lee": a name in apposition is the holder, the conjuncts others
            named = child.pos_ == "PROPN" and child.ent_type_ == "PERSON"
            others = [token for token in child.conjuncts if token.dep_ == "conj" and token not in listed]
            listed += others if named else [child, *others]
    return listed


def turned_weapon_on(verb: Token, terms: CasualtyTerms) -> Token | None:
    """Who "turned the gun on himself": the reflexive, for a suicide."""
    if verb.lemma_.lower() != "turn" or not any(
        child.dep_ == "dobj" and child.lemma_.lower() in terms.weapons for child in verb.children
    ):
        return None
    for preposition in verb.children:
        if preposition.dep_ == "prep" and preposition.lower_ == "on":
            return next((g for g in preposition.children if g.dep_ == "pobj" and g.lower_ in _REFLEXIVES), None)
    return None


def own_life_taker(verb: Token, terms: CasualtyTerms) -> Token | None:
    """Who "took his own life" ("... before taking his own life") or "committed suicide": the subject of the
    clause, for a suicide; or the reflexive of "turned the gun on himself"."""
    turned_on = turned_weapon_on(verb, terms)
    if turned_on is not None:
        return turned_on
    own_life = verb.lemma_.lower() == "take" and any(
        child.dep_ == "dobj" and child.lemma_.lower() == "life" and any(g.lower_ == "own" for g in child.children)
        for child in verb.children
    )
    suicide = verb.lemma_.lower() == "commit" and any(
        child.dep_ == "dobj" and child.lemma_.lower() == "suicide" for child in verb.children
    )
    if not (own_life or suicide):
        return None
    clause: Token | None = verb
    for _ in range(4):
        if clause is None:
            break
        subjects = [child for child in clause.children if child.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
        clause = clause.head if clause.head is not clause else None
    return None


def death_of(noun: Token, terms: CasualtyTerms) -> list[Token]:
    """The victims a death noun names one by one: "the death of a 34-year-old man", "the killing of a teenager",
    "the bodies of A, B and C"."""
    if noun.lemma_.lower() not in terms.death_nouns:
        return []
    for preposition in noun.children:
        if preposition.dep_ == "prep" and preposition.lower_ == "of":
            for victim in preposition.children:
                if victim.dep_ == "pobj" and _is_single_person(victim, terms):
                    listed = [other for other in _listed_with(victim) if _is_single_person(other, terms)]
                    return [victim, *listed]
    return []


def _is_single_person(token: Token, terms: CasualtyTerms) -> bool:
    # a figure: counted by its number ("a family of five"); an age set off by commas ("Ana Ruiz, 60,") is no count
    if any(child.like_num and child.dep_ != "appos" for child in token.children) or token.like_num:
        return False
    if _counted_by_of(token):
        return False
    if token.lower_ in _SINGLE_PRONOUNS or token.lower_ == "another":
        return True
    if _aged(token):
        return True
    if token.tag_ not in ("NN", "NNP") or token.ent_type_ in _NOT_PERSONS or not token.is_alpha:
        return False
    if token.is_upper and len(token) > 2:
        return False  # a dateline ("MILWAUKEE --"), not a person
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in ("-", "–"):
        return False  # the first part of a hyphenated word ("ex-girlfriend")
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == ":":
        return False  # a label the page sets before a caption or a credit ("Photo: Rick Dunn"), not a person
    lemma = token.lemma_.lower()
    # a weapon is no victim: "pulled a pistol out and shot twice" (the second verb takes the first one's object)
    return lemma not in terms.not_people and lemma not in terms.weapons and word_category(token, terms) is None


def _counted_by_of(token: Token) -> bool:
    """ "a family of five": the noun's size is a number after "of"."""
    return any(
        child.dep_ == "prep" and child.lower_ == "of" and any(g.dep_ == "pobj" and g.like_num for g in child.children)
        for child in token.children
    )


def _aged(token: Token) -> bool:
    """ "a 15-year-old" (or "a 15 year old") used as a noun: the parser heads it with "old"."""
    doc = token.doc
    return (
        token.lower_ == "old"
        and token.i >= 2
        and "year" in (doc[token.i - 2].lemma_.lower(), doc[token.i - 1].lemma_.lower())
        and (
            token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
            or any(child.dep_ in ("acl", "relcl") for child in token.children)  # "15-year-old killed in ..."
        )
    )


def is_nobody(token: Token) -> bool:
    """ "no one", "nobody", "none", "no injuries": a figure of zero."""
    if token.lower_ in _NOBODY:
        return True
    if token.lower_ == "one" and token.i > 0 and token.doc[token.i - 1].lower_ == "no":
        return True
    return any(child.dep_ == "det" and child.lower_ == "no" for child in token.children)


def harmed_subjects(verb: Token, terms: CasualtyTerms) -> tuple[list[Token], bool]:
    """ "he suffered a gunshot wound", "a third man sustained minor injuries": the single people a harm verb (the
    `harm_verb` rows) says were hurt, when its object is harm (`harm_noun`); and whether the harm was fatal ("a
    fatal wound"). Nothing for "suffered a loss" or a negated verb."""
    harms = [child for child in verb.children if child.dep_ == "dobj" and child.lemma_.lower() in terms.harm_nouns]
    if not harms or any(child.dep_ == "neg" for child in verb.children):
        return [], False
    fatal = any(g.dep_ in ("amod", "compound") and g.lower_ in terms.fatal_words for h in harms for g in h.children)
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    people = [victim for subject in subjects for victim in (subject, *_listed_with(subject))]
    return [victim for victim in people if _is_single_person(victim, terms)], fatal
