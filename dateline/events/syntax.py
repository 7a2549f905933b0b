"""Who did it and to whom, read off the dependency parse: subject and object phrases of a trigger word.

Functions here return head tokens of argument phrases; dateline/events/roles.py turns them into actors. The words
they test are `arguments` in dateline/knowledge/event_cues.yaml (light verbs, target prepositions, ...) and the
actors stage's party words, dateline/knowledge/actors/parties.yaml (verbs whose subject is the victim, verbs of
accusation and of claims).

Constructions read (docs/events.md, "Parties"):
- verbs: active subject and object; passive subject and "by" agent ("a patrol was ambushed by gunmen"); the subject
  of a participle or coordinated clause ("the air force pressed on, bombing supply lines"); relative clauses ("a
  soldier who was killed", "the gunmen who attacked"); verbs whose subject is the victim ("three men died");
  participles qualifying a noun, also coordinated ("a fighter killed and beheaded by militants"); an "-ing" clause
  after "before", "after", "while", "by" ... ("hugged them before detonating the bomb"); an object shared by
  coordinated verbs ("shot and wounded three protesters"); what a verb of harm with an event noun as its "by" agent
  hit ("the courthouse was wrecked by a blast"); the accused of "charged with murder".
- event nouns: possessive ("the army's shelling"), modifiers ("the rebel assault", "Turkish artillery fire"), "by",
  "on", "against" and "of" phrases ("an airstrike by coalition jets on a bridge", "the shelling of the town"); the
  verb that carries the noun ("launched an attack", "claimed responsibility for the attack", "blamed Y for the
  strike", "died in police gunfire"); a light verb's participle set off by a comma ("a string of bombings in recent
  months, carried out by militants"); "blamed on" in a participle or relative clause of the noun ("attacks blamed on
  militias", "the blast, which police blamed on a gang"); not the subject of a verb that calls something a name
  ("called the explosion an attack").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Token

from dateline.events.lexicon import ArgumentWords
from dateline.nlp import verb_above
from dateline.records import Attribution

if TYPE_CHECKING:
    from dateline.actors import PartyWords

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
RELATIVE_CLAUSE_DEPS = frozenset({"relcl", "acl"})
SIDE_PREPS = frozenset({"with", "against", "between"})
AGAINST_PREPS = frozenset({"against"})
# Subordinators that put a clause's act before or after another one: "pulled out after evacuating the residents".
SEQUENCE_WORDS = frozenset({"after", "before"})
RECIPROCALS = frozenset({("each", "other"), ("one", "another")})
AGENT_PREPS = frozenset({"by"})
# Dependents of an event noun that may name who did it: "the rebel assault", "Turkish artillery fire".
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
MODIFIER_LABELS = frozenset({"NORP", "GPE", "ORG", "PERSON"})
# Prepositions through which a blamed or accused party is tied to what it is blamed for.
ACCUSED_OF_PREPS = frozenset({"for", "of", "over", "with"})  # "charged with murder"
# Nouns an event noun qualifies that name whom it happened to: "a rape victim", "the bombing survivors".
VICTIM_HEADS = frozenset({"victim", "survivor"})
BLAMED_ON_PREPS = frozenset({"on"})
BLAME_ON_VERBS = frozenset({"blame", "pin"})  # "blamed the attack on Y", "pinned the bombing on Y"
TAKEN_FROM_PREPS = frozenset({"from"})
# Prepositions whose "-ing" clause has the subject of the verb they hang on ("hugged them before detonating"); not
# "for", whose clause is often the object's ("arrested him for attacking a guard").
CONTROLLED_PREPS = frozenset({"before", "after", "while", "by", "without", "upon", "on", "since", "despite"})
# Prepositions that put victims in an event besides the locative ones: "killed during clashes", "died amid shelling".
AMID_PREPS = frozenset({"during", "amid", "amidst"})
# Prepositions whose event caused the harm a verb of dying or of being hurt tells: "died after a gunfight with police",
# "was killed following an ambush".
AFTER_PREPS = frozenset({"after", "following"})
# Prefixes that make a party word say what an event is for or against, not who does it ("anti-government protests").
STANCE_PREFIXES = ("anti", "pro")
THROUGH_PREPS = frozenset({"through"})
# Objects that make "with" name the other side of an exchange: "exchanged fire with", "traded shots with".
FIRE_WORDS = frozenset({"fire", "gunfire", "shot", "shots", "blow", "blows", "salvo", "salvos"})
# The opening dateline of a wire story, "KABUL, Afghanistan (Hill Times) — ": where it was filed and by whom, never a
# party of what the sentence after it tells.
HEADING_SEARCH_CHARS = 600
OPENING_HEADING = re.compile(
    r"(?:^|(?<=\n))[A-Z][A-Z'’.]{1,}(?:[ -][A-Z][A-Z'’.]+){0,3}(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"\s*(?:\([^()\n]{1,60}\)\s*)?(?:--|[–—-])\s"
)


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Iraqi and Kurdish forces" gives both heads)."""
    return [token, *token.conjuncts]


def is_one_of(verb: Token, lemmas: frozenset[str]) -> bool:
    """Whether a verb's lemma is among `lemmas`, also where the lemmatizer cut an inflected verb wrong ("staged" →
    "stag", "waged" → "wag"): the inflected form less its ending ("-d", "-ed", "-s", "-ing", with an "e" restored)."""
    if verb.lemma_.lower() in lemmas:
        return True
    lower = verb.lower_
    for ending in ("d", "ed", "s", "es", "ing"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            stem = lower[: -len(ending)]
            if stem in lemmas or (ending in ("ed", "ing") and f"{stem}e" in lemmas):
                return True
    return False


def _children(token: Token, deps: frozenset[str]) -> list[Token]:
    """The token's dependents of these relations, the opening dateline's words left out ("GULU, Uganda (Nile Wire)
    — Fighters took the town": the parser makes "GULU" a second subject)."""
    return [child for child in token.children if child.dep_ in deps and not in_heading(child)]


def _after_heading(verb: Token, deps: frozenset[str]) -> list[Token]:
    """The subject the parser hung on the opening dateline as an apposition ("ERBIL, Iraq (Tigris Wire) — Fighters
    from ... took the city": "Fighters" an apposition of the subject "ERBIL")."""
    heading = [child for child in verb.children if child.dep_ in deps and in_heading(child)]
    return [child for word in heading for child in word.children if child.dep_ == "appos" and not in_heading(child)]


def antecedent_nouns(token: Token) -> list[Token]:
    """A relative pronoun stands for the noun its clause qualifies ("a soldier who was killed" gives "soldier");
    any other token stands for itself (with its conjuncts)."""
    clause = token.head
    if token.lower_ in RELATIVE_PRONOUNS and clause.dep_ in RELATIVE_CLAUSE_DEPS and clause.head.i != clause.i:
        return conjuncts(_name_before_comma(token, clause.head) or clause.head)
    return conjuncts(token)


def _name_before_comma(pronoun: Token, noun: Token) -> Token | None:
    """ "the strategy pursued by Russia, which will not stop bombing": a "which" set off by a comma right after a name
    inside the phrase of the common noun the parser hung the clause on stands for that name."""
    doc = pronoun.doc
    if pronoun.lower_ != "which" or pronoun.i < 2 or doc[pronoun.i - 1].text != "," or noun.pos_ != "NOUN":
        return None
    name = doc[pronoun.i - 2]
    if name.pos_ != "PROPN" or name.ent_type_ not in ("GPE", "ORG", "NORP") or not is_ancestor(noun, name):
        return None
    while name.dep_ == "compound" and name.head.i > name.i and name.head.i < pronoun.i:
        name = name.head
    return name


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the token's prepositions in `preps`: "attack on the convoy" gives "convoy"."""
    found: list[Token] = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    found.extend(conjuncts(pobj))
    return found


def has_prep(token: Token, preps: frozenset[str]) -> bool:
    return any(child.dep_ in ("prep", "agent", "prt") and child.lower_ in preps for child in token.children)


def clause_subject(verb: Token, *, passive_too: bool = False, depth: int = 0) -> list[Token]:
    """The subject of the clause a verb heads, looking through "tried to", "killing ...", "and" and "who"."""
    deps = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS if passive_too else SUBJECT_DEPS
    subjects = _children(verb, deps) or _after_heading(verb, deps)
    if subjects:
        return antecedent_nouns(subjects[0])
    if _children(verb, PASSIVE_SUBJECT_DEPS):
        return []
    # The group "IS" is parsed as the verb "is" when no entity rule marks it (NOTES.md); edited news never
    # capitalises the verb inside a sentence.
    capitalised_is = [child for child in verb.children if child.text == "IS"]
    if capitalised_is:
        return capitalised_is
    if depth >= 3:
        return []
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and verb.head.pos_ == "NOUN":
        # "took the areas with siege tactics, bombarding and starving people", "bombarding" hung on "tactics" by
        # the parser: the participle's subject is that of the verb the noun depends on
        clause = next((step for step in verb.ancestors if step.pos_ in ("VERB", "AUX")), None)
        return clause_subject(clause, depth=depth + 1) if clause is not None else []
    if _joined_to_passive_report(verb):
        # "The ministry said the raid was ordered by X, and accused Y": a verb in the active voice joined to a passive
        # reported clause is the reporter's second verb
        return clause_subject(verb.head.head, depth=depth + 1)
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return clause_subject(verb.head, passive_too=passive_too, depth=depth + 1)
    if _after_reduced_belief(verb):
        # "Gunmen believed to be members of Boko Haram attacked a church": the parser made "believed" the main verb
        # and "attacked" its complement; who is believed to be someone did it
        return clause_subject(verb.head, depth=depth + 1)
    clause = verb.head.head
    if verb.dep_ == "pcomp" and verb.head.lower_ in CONTROLLED_PREPS and clause.pos_ in ("VERB", "AUX"):
        # "they hug the guards before detonating the bomb": who hugs detonates
        return clause_subject(clause, passive_too=passive_too, depth=depth + 1)
    if _free_adjunct(verb):
        # "The men bound the guards, beating and kicking them": a participle clause set off by a comma is the main
        # clause's, whatever noun the parser hung it on
        clause = next((step for step in verb.head.ancestors if step.pos_ in ("VERB", "AUX")), None)
        return clause_subject(clause, depth=depth + 1) if clause is not None else []
    noun_head = verb.dep_ in RELATIVE_CLAUSE_DEPS and verb.head.pos_ in ("NOUN", "PROPN")
    if noun_head and (not is_participle(verb) or verb.head.dep_ == "ROOT"):
        # "gunmen attacking the town"; and a sentence the parser read as one noun phrase ("The air force pressed on,
        # bombing ..." with "pressed" taken for a participle of "force"): the noun is the subject.
        return conjuncts(verb.head)
    return []


def _after_reduced_belief(verb: Token) -> bool:
    """A verb without a subject that the parser made the complement of a participle with an infinitive between them
    ("X believed to be Y attacked ...", "men thought to be soldiers opened fire")."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i > verb.i or head.tag_ not in ("VBD", "VBN") or _children(verb, SUBJECT_DEPS):
        return False
    return any(
        child.dep_ == "xcomp" and head.i < child.i < verb.i and any(aux.lower_ == "to" for aux in child.children)
        for child in head.children
    )


def _free_adjunct(verb: Token) -> bool:
    """An "-ing" participle right after a comma that the parser hung on a noun or pronoun other than a subject ("put
    bags over their heads and those of their sons, beating them": "beating" on "those")."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.pos_ not in ("NOUN", "PROPN", "PRON") or noun.i > verb.i:
        return False
    if noun.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS or noun.dep_ == "ROOT":
        return False
    before = verb.left_edge.i - 1
    return before > noun.i and verb.doc[before].text == ","


def _joined_to_passive_report(verb: Token) -> bool:
    """An active verb without a subject joined by "and" to a passive clause that another verb reports."""
    head = verb.head
    return (
        verb.dep_ == "conj"
        and head.dep_ == "ccomp"
        and head.head.pos_ in ("VERB", "AUX")
        and not is_participle(verb)
        and bool(_children(head, PASSIVE_SUBJECT_DEPS))
        and not _children(head, SUBJECT_DEPS)
    )


def is_participle(verb: Token) -> bool:
    """A passive participle: tagged so, or (whatever its tag) with a "by" agent ("the killer – shot dead by
    police –", where the parser tags "shot" a past tense)."""
    return verb.tag_ == "VBN" or any(child.dep_ == "agent" for child in verb.children)


def _coordinated(verb: Token) -> list[Token]:
    """The verb and the verbs coordinated with it ("killed and beheaded")."""
    return [verb, *(other for other in verb.conjuncts if other.pos_ in ("VERB", "AUX"))]


def _shared_objects(verb: Token) -> list[Token]:
    """The verb's direct objects; for a verb without one, those of the verb coordinated after it without a subject of
    its own ("shelled and starved the residents": both have "residents")."""
    objects = _children(verb, frozenset({"dobj"}))
    if objects:
        return objects
    later = [other for other in verb.conjuncts if other.i > verb.i and other.pos_ in ("VERB", "AUX")]
    if not later or _children(later[0], SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS):
        return []  # "retreated, but the premier faces pressure": another clause, not a shared object
    return _children(later[0], frozenset({"dobj"}))


def _object_taken_by_reporter(verb: Token) -> list[Token]:
    """A reported verb's object that the parser made the subject of the verb of saying after it ("a strike killed
    Maj. Gen. X, the commander of ..., officials said": "X" the subject of "said", "officials" in apposition to
    it): the phrase right after the verb, when the verb has no object of its own."""
    reporter = verb.head
    if verb.dep_ != "ccomp" or reporter.i < verb.i or _children(verb, frozenset({"dobj"})):
        return []
    return [subject for subject in _children(reporter, SUBJECT_DEPS) if subject.left_edge.i == verb.i + 1]


def _speaker(verb: Token, parties: PartyWords) -> list[Token]:
    """The subject of a verb; for a verb of saying, accusing, claiming or denying joined by "and" to a clause that
    another verb reports, that verb's subject ("Amnesty said the police had used force and called for an inquiry":
    Amnesty calls; "police said the gunmen had stormed the bank and killed two guards": the gunmen killed)."""
    head = verb.head
    lemma = verb.lemma_.lower()
    speech = parties.statement_verbs | parties.accusation_verbs | parties.claim_verbs | parties.denial_verbs
    if (
        verb.dep_ == "conj"
        and lemma in speech
        and head.dep_ == "ccomp"
        and head.head.pos_ in ("VERB", "AUX")
        and not _children(verb, SUBJECT_DEPS)
    ):
        return clause_subject(head.head)
    ordered = ordered_doers(verb, parties)
    return clause_subject(verb) if ordered is None else ordered


def ordered_doers(verb: Token, parties: PartyWords | None) -> list[Token] | None:
    """Who is to do what an order, task or assignment names ("soldiers were ordered to storm the base", "the general
    ordered troops to storm it", "a unit was tasked with carrying out a raid"): the one ordered, never the one who
    orders ([] when the sentence does not say whom); None when the verb is not the complement of such a verb."""
    if parties is None:
        return None
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "with":
        head = head.head
    elif verb.dep_ != "xcomp":
        return None
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in parties.ordering_verbs:
        return None
    ordered = _children(head, frozenset({"dobj"})) or _children(head, PASSIVE_SUBJECT_DEPS)
    return [token for phrase in ordered for token in antecedent_nouns(phrase)]


def reciprocal(token: Token) -> str | None:
    """ "each other", "one another" when the token heads one (the parser heads it with either word), else None."""
    doc = token.doc
    for first, second in ((token.i - 1, token.i), (token.i, token.i + 1)):
        if first >= 0 and second < len(doc) and (doc[first].lower_, doc[second].lower_) in RECIPROCALS:
            return f"{doc[first].text} {doc[second].text}"
    return None


def _holders(taken: Token) -> list[Token]:
    """Who held what was taken, from a participle on it or on its apposition: "retook villages still held by the
    militants", "captured Baghouz, the last patch of land held by the group"."""
    nouns = [taken, *_children(taken, frozenset({"appos"}))]
    nouns += [part for noun in nouns[1:] for part in prep_objects(noun, frozenset({"of"}))]  # "the patch of land held"
    clauses = [clause for noun in nouns for clause in _children(noun, frozenset({"acl"})) if is_participle(clause)]
    return [agent for clause in clauses for agent in prep_objects(clause, AGENT_PREPS)]


def _small_clause_subjects(verb: Token) -> list[Token]:
    """The subject of a bare infinitive after the verb, which the verb acts on: "help Iraq rebuild", "made the
    troops withdraw" (not "said Iraq will rebuild": a clause with its own auxiliary or "that")."""
    return [
        subject
        for clause in _children(verb, frozenset({"ccomp"}))
        if clause.tag_ == "VB" and clause.i > verb.i and not _children(clause, frozenset({"aux", "mark", "auxpass"}))
        for subject in _children(clause, SUBJECT_DEPS)
    ]


def _participle_of(verb: Token) -> Token | None:
    """The noun a passive participle qualifies, also through "and": "a fighter killed and beheaded by militants"
    gives "fighter" for both participles."""
    first = verb
    while first.dep_ == "conj" and first.head.pos_ in ("VERB", "AUX") and is_participle(first):
        first = first.head
    if first.dep_ in RELATIVE_CLAUSE_DEPS and is_participle(first) and first.head.pos_ in ("NOUN", "PROPN"):
        return first.head
    return _misread_participle_subject(first)


def _misread_participle_subject(first: Token) -> Token | None:
    """ "An Armenian soldier killed and decapitated by troops has been reburied": the parser took the first participle
    for a past tense with the noun as its subject. A bare participle joined to it by "and" that has a "by" agent and
    no subject or auxiliary of its own shows both are participles qualifying the noun (an active verb would not share
    a "by" agent: "militants killed and were killed by"), so the noun is what they happened to; the verb must have no
    object and no auxiliary of its own."""
    if first.tag_ not in ("VBD", "VBN") or _children(first, frozenset({"dobj", "aux", "auxpass"})):
        return None
    subjects = _children(first, SUBJECT_DEPS)
    if len(subjects) != 1 or subjects[0].pos_ not in ("NOUN", "PROPN"):
        return None
    shared_agent = any(
        other.dep_ == "conj"
        and other.head.i == first.i
        and other.tag_ == "VBN"
        and any(child.dep_ == "agent" for child in other.children)
        and not _children(other, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS | frozenset({"aux", "auxpass"}))
        for other in first.children
    )
    return subjects[0] if shared_agent else None


def _agents(verb: Token) -> list[Token]:
    """The "by" phrases of a passive verb, also where the parser hung them on its complement ("shot dead by") or on
    the object of one of its prepositions ("shot dead in their home by soldiers", "killed in an attack by rebels")."""
    found = prep_objects(verb, AGENT_PREPS)
    if found:
        return found
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp", "advmod", "xcomp") and child.i > verb.i:
            found += prep_objects(child, AGENT_PREPS)
        elif child.dep_ == "prep" and child.i > verb.i:
            objects = [pobj for pobj in child.children if pobj.dep_ == "pobj"]
            found += [agent for pobj in objects for agent in prep_objects(pobj, AGENT_PREPS)]
    return found


def _responsible_clause(verb: Token, words: ArgumentWords) -> Token | None:
    """The verb whose subject is said to be behind what a verb trigger names: "were responsible for shooting down the
    jet", "is behind bombing the bridge"."""
    if verb.dep_ != "pcomp" or verb.head.lower_ not in ("for", "behind"):
        return None
    governor = verb.head.head
    if verb.head.lower_ == "for" and governor.lemma_.lower() not in words.responsibility_heads:
        return None
    governor = verb_above(governor)
    return governor if governor.pos_ in ("VERB", "AUX") else None


def _accuser_clause(verb: Token, parties: PartyWords | None) -> Token | None:
    """The verb of accusation a verb trigger is what someone is accused of: "accused Y of attacking the base"."""
    if parties is None or verb.dep_ != "pcomp" or verb.head.lower_ not in ACCUSED_OF_PREPS:
        return None
    governor = _accusing_verb(verb.head.head, parties.accusation_verbs)
    return governor if governor.lemma_.lower() in parties.accusation_verbs else None


def _accusing_verb(governor: Token, accusing: frozenset[str]) -> Token:
    """The verb a "for"/"of" phrase belongs to, also where the parser hung it on a noun in the verb's phrase ("accused
    the gang of the bombing": "of" on "gang"; "was sentenced to life in prison for the bombing": "for" on "prison")."""
    step = governor
    for _ in range(4):
        if step.pos_ in ("VERB", "AUX"):
            return step if step.lemma_.lower() in accusing else governor
        if step.head.i == step.i or step.dep_ not in ("dobj", "nsubjpass", "pobj", "prep", "oprd", "attr"):
            return governor
        step = step.head
    return governor


def accused(governor: Token) -> list[Token]:
    """Who a verb of accusation blames: its object ("blamed Y for"), its passive subject ("Y was blamed for"), or
    the "on" phrase when what is blamed is the subject ("the attack was blamed on Y")."""
    passive = _children(governor, PASSIVE_SUBJECT_DEPS)
    objects = _children(governor, frozenset({"dobj"}))
    on_phrase = prep_objects(governor, BLAMED_ON_PREPS) or [token for obj in objects for token in blamed_on(obj)]
    # "blamed the militia for a rocket attack on Dec. 27": with a "for" phrase the object is the accused, and a
    # day is never who is blamed
    on_phrase = [token for token in on_phrase if token.ent_type_ not in ("DATE", "TIME")]
    if objects and has_prep(governor, ACCUSED_OF_PREPS):
        on_phrase = []
    if on_phrase:
        return on_phrase
    if passive:
        return [token for subject in passive for token in antecedent_nouns(subject)]
    if objects:
        return [token for obj in objects for token in conjuncts(obj)]
    modified = _participle_of(governor)
    if modified is not None and not _children(governor, SUBJECT_DEPS):  # "the man accused of killing 51 people"
        return conjuncts(modified)
    return []


def blamed_on(blamed: Token) -> list[Token]:
    """ "blamed the attack on separatists", with "on separatists" hung on "attack" by the parser: the "on" phrase of
    the object of a verb that blames something on someone; also the "on" phrase of a participle or a relative clause
    qualifying the noun ("rocket attacks blamed on militias", "the bombing, blamed on separatists, ...", "the blast,
    which police blamed on a gang")."""
    if blamed.dep_ == "dobj" and blamed.head.lemma_.lower() in BLAME_ON_VERBS:
        return prep_objects(blamed, BLAMED_ON_PREPS)
    clauses = [
        clause
        for clause in _children(blamed, RELATIVE_CLAUSE_DEPS)
        if clause.lemma_.lower() in BLAME_ON_VERBS
        and (
            (clause.tag_ == "VBN" and not _children(clause, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS))
            # "the explosion, which police blamed on a gang": the relative pronoun is what is blamed
            or any(obj.lower_ in RELATIVE_PRONOUNS for obj in _children(clause, frozenset({"dobj", "nsubjpass"})))
        )
    ]
    return [token for clause in clauses for token in prep_objects(clause, BLAMED_ON_PREPS)]


def verb_arguments(
    verb: Token, words: ArgumentWords, *, symmetric: bool, parties: PartyWords | None = None
) -> tuple[list[Token], list[Token]]:
    """(source heads, recipient heads) of a verb trigger."""
    if parties is not None and verb.lemma_.lower() in parties.accusation_verbs:
        # An ACCUSE event: the accuser accuses the accused ("Y was blamed for", "the attack was blamed on Y").
        accusers = _agents(verb) if _children(verb, PASSIVE_SUBJECT_DEPS) else _speaker(verb, parties)
        return accusers, accused(verb)
    passive = _children(verb, PASSIVE_SUBJECT_DEPS)
    if passive:
        recipients = [token for subject in passive for token in antecedent_nouns(subject)]
        return _agents(verb), recipients
    modified = _participle_of(verb)
    if modified is not None:  # "a convoy ambushed by rebels", "a fighter killed and beheaded by militants"
        agents = [agent for participle in _coordinated(verb) for agent in _agents(participle)]
        return agents, conjuncts(modified)
    if parties is not None and verb.lemma_.lower() in parties.patient_subject_verbs:
        return [], clause_subject(verb)  # "three men died in the shelling": the subject is the victim
    accuser = _accuser_clause(verb, parties)
    responsible = _responsible_clause(verb, words) if accuser is None else None
    if accuser is not None:
        sources = accused(accuser)
    elif responsible is not None:
        sources = clause_subject(responsible, passive_too=True)
    else:
        sources = _speaker(verb, parties) if parties is not None else clause_subject(verb)
    objects = _shared_objects(verb) or _small_clause_subjects(verb) or _object_taken_by_reporter(verb)
    tripped = _tripped_weapons(verb, objects, parties)
    if tripped:  # "the convoy hit a mine laid by the rebels": the convoy is hit, the rebels laid it
        layers = [agent for weapon in tripped for agent in _participle_agents(weapon)]
        return layers, [token for subject in sources for token in conjuncts(subject)]
    recipients = [token for obj in objects for token in conjuncts(obj)]
    recipients += prep_objects(verb, words.target_preps | (SIDE_PREPS if symmetric else frozenset()))
    # "vowed revenge against those responsible", "imposed sanctions against the regime"
    recipients += [token for obj in objects for token in prep_objects(obj, AGAINST_PREPS)]
    if parties is not None and objects and all(_is_means(obj, parties) for obj in objects):
        # "exchanged fire with Indian soldiers", the "with" phrase on the verb or on its object
        with_phrase = frozenset({"with"})
        recipients += prep_objects(verb, with_phrase)
        recipients += [side for obj in objects for side in prep_objects(obj, with_phrase)]
    if parties is not None and verb.lemma_.lower() in parties.taking_verbs:
        recipients += prep_objects(verb, TAKEN_FROM_PREPS)  # "recaptured the village from the rebels"
        recipients += [holder for obj in objects for holder in _holders(obj)]
    if symmetric and len(sources) == 1 and len(recipients) == 0:
        sides = prep_objects(verb, frozenset({"between"}))
        if len(sides) >= 2:
            return sides[:1], sides[1:]
    return sources, recipients


def _tripped_weapons(verb: Token, objects: list[Token], parties: PartyWords | None) -> list[Token]:
    """The weapons left lying that a verb's subject hit or stepped on (parties.yaml `tripping_verbs`,
    `lying_weapons`): "hit a mine", "struck an IED", "stepped on a landmine"."""
    if parties is None or verb.lemma_.lower() not in parties.tripping_verbs:
        return []
    hit = [*objects, *prep_objects(verb, frozenset({"on", "over"}))]
    return [
        token for token in hit if token.lemma_.lower() in parties.lying_weapons or token.lower_ in parties.lying_weapons
    ]


def _participle_agents(noun: Token) -> list[Token]:
    """The "by" agents of the passive participles qualifying a noun ("a mine laid by the rebels")."""
    clauses = [clause for clause in _children(noun, frozenset({"acl"})) if is_participle(clause)]
    return [agent for clause in clauses for agent in _agents(clause)]


def _set_off_participle_agents(noun: Token, words: ArgumentWords) -> list[Token]:
    """ "a string of bombings in recent months, carried out by militants": a passive participle of a light verb set
    off by a comma after an event noun, which the parser hangs on the clause's verb. What one carries out or conducts
    is an event, so the participle's agent is the doer of the event noun before it: the nearest such noun, with no
    verb between them, inside the phrase of the verb the participle hangs on (directly or through a word of
    that verb's: "attacks in recent years, some of them deadly, carried out by")."""
    found: list[Token] = []
    for clause in noun.sent:
        if clause.i <= noun.i + 1 or clause.tag_ != "VBN" or clause.dep_ not in ("advcl", "conj", "acl"):
            continue
        if clause.dep_ == "acl" and clause.head.pos_ in ("NOUN", "PROPN", "PRON"):
            continue  # a participle of another noun ("militants armed by ..."); the noun's own is noun_arguments'
        if clause.doc[clause.i - 1].text != "," or not is_one_of(clause, words.light_verbs):
            continue
        if _children(clause, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS | frozenset({"aux", "auxpass"})):
            continue
        between = clause.doc[noun.i + 1 : clause.i]
        if not is_ancestor(verb_above(clause.head), noun) or any(token.pos_ in ("VERB", "AUX") for token in between):
            continue
        found += prep_objects(clause, AGENT_PREPS)
    return found


def _agent_hung_on_verb(noun: Token) -> list[Token]:
    """The "by" phrase right after an event noun that is the object of an active verb, which the parser hangs on the
    verb ("the region saw two bombings by militants"): an active verb takes no agent, so the phrase is the noun's."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX"):
        return []
    if _children(verb, PASSIVE_SUBJECT_DEPS | frozenset({"auxpass"})):
        return []
    return [
        token
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in AGENT_PREPS and prep.i == noun.right_edge.i + 1
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for token in conjuncts(pobj)
    ]


def _is_means(token: Token, parties: PartyWords) -> bool:
    """A weapon or shot as a verb's object ("exchanged fire", "traded shots"): the verb's "with" phrase is then the
    other side, not an instrument."""
    return token.lemma_.lower() in parties.not_parties and token.lemma_.lower() in FIRE_WORDS


def counted_stand(noun: Token, parties: PartyWords | None) -> Token:
    """The word that stands in the clause for a counted event noun: "hundreds" in "carried out hundreds of
    airstrikes" (parties.yaml `quantities`, and numbers); the noun itself otherwise."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.i == noun.head.i:
        return noun
    count = noun.head.head
    counting = parties.quantities if parties is not None else frozenset()
    if count.like_num or count.pos_ == "NUM" or count.lower_ in counting or count.lemma_.lower() in counting:
        return count
    return noun


def governing_clause(noun: Token, words: ArgumentWords, parties: PartyWords | None = None) -> Token | None:
    """The verb whose subject did what an event noun names: "launched an attack", "be behind the killing",
    "claimed responsibility for the attack"; with the party words also the verb that blames someone else for it
    ("blamed Y for the strike", "accused Y of the attack", "the attack was blamed on Y")."""
    noun = counted_stand(noun, parties)
    head = noun.head
    accusing = parties.accusation_verbs if parties is not None else frozenset()
    if noun.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and is_one_of(head, words.light_verbs | accusing):
        if noun.dep_ in ("dobj", "dative", "oprd") and _names_as(head):
            return None  # "called the explosion an attack", "called the massacre a riot": a name given, not a deed
        return head
    if noun.dep_ == "pobj" and head.lower_ in ("behind", *ACCUSED_OF_PREPS):
        governor = _accusing_verb(head.head, accusing) if head.lower_ in ACCUSED_OF_PREPS else head.head
        lemma = governor.lemma_.lower()
        blamed = head.lower_ in ACCUSED_OF_PREPS and lemma in accusing
        if head.lower_ != "behind" and lemma not in words.responsibility_heads and not blamed:
            return None
        governor = verb_above(governor)
        return governor if governor.pos_ in ("VERB", "AUX") else None
    return None


def _names_as(verb: Token) -> bool:
    """A verb with an object and a noun that describes it ("called the explosion an attack"): it says what something
    is called, so its subject did neither."""
    return bool(_children(verb, frozenset({"dobj", "dative"}))) and any(
        child.dep_ == "oprd" and child.pos_ in ("NOUN", "PROPN") for child in verb.children
    )


def _governed_sources(noun: Token, governor: Token, words: ArgumentWords, parties: PartyWords | None) -> list[Token]:
    """Who the verb carrying an event noun says did it (see governing_clause)."""
    noun = counted_stand(noun, parties)
    lemma = governor.lemma_.lower()
    if parties is not None:
        if lemma in parties.denial_verbs:
            return []  # "X denied responsibility for the attack"
        if lemma in parties.accusation_verbs:
            return accused(governor)  # "X blamed Y for the strike": Y, not X
    if noun.dep_ == "nsubjpass":
        return prep_objects(governor, AGENT_PREPS)
    if noun.dep_ != "pobj" and not is_one_of(governor, words.light_verbs):
        return []
    ordered = ordered_doers(governor, parties)
    if ordered is not None:
        return ordered  # "a unit was tasked with carrying out a raid"
    # "are believed to be behind the killing": the believed ones are the source
    return clause_subject(governor, passive_too=noun.dep_ == "pobj")


def party_modifiers(noun: Token) -> list[Token]:
    """Words before an event noun that may name who did it: "rebel" in "the rebel assault", "Turkish" and
    "artillery" in "Turkish artillery fire", "Taliban" in "a Taliban attack" (roles.py decides which do)."""
    return [
        child
        for child in noun.children
        if child.dep_ in MODIFIER_DEPS
        and child.i < noun.i
        and child.lower_ not in STANCE_PREFIXES
        and not child.is_punct
        and (child.ent_type_ in MODIFIER_LABELS or child.pos_ in ("NOUN", "PROPN", "ADJ"))
    ]


def stance(word: Token) -> str | None:
    """ "anti" or "pro" when a word before an event noun is written with that prefix ("anti-government protests":
    the government is what the protest is against, not who protests; "pro-Russian rallies": neither), else None."""
    lower = word.lower_
    for prefix in STANCE_PREFIXES:
        if lower.startswith(f"{prefix}-") and len(lower) > len(prefix) + 1:
            return prefix
    doc = word.doc
    before = doc[word.i - 1] if word.i >= 1 else None
    if before is not None and before.text in ("-", "‐") and word.i >= 2 and doc[word.i - 2].lower_ in STANCE_PREFIXES:
        return doc[word.i - 2].lower_
    bare = before.lower_.rstrip("-‐") if before is not None else ""
    if before is not None and bare in STANCE_PREFIXES and before.lower_ != bare:  # "anti-" "government"
        return bare
    return None


def _doer_of_the_clause(noun: Token, words: ArgumentWords, parties: PartyWords | None) -> list[Token]:
    """ "Soldiers killed three militants in a raid", "police seized weapons during an operation": an event noun in a
    place or time phrase of an active verb of harm or taking was carried out by that verb's subject (not so when the
    subject is what the event happened to: "three men died in the shelling", "two were killed in the raid")."""
    if parties is None or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return []
    if noun.head.lower_ not in words.locative_preps | AMID_PREPS:
        return []
    verb = noun.head.head
    if verb.pos_ != "VERB" or _children(verb, PASSIVE_SUBJECT_DEPS) or verb.dep_ in RELATIVE_CLAUSE_DEPS:
        return []
    # Only verbs of doing harm or taking: "a monitor put the toll in the airstrike at 28" says who counted, not who
    # struck.
    if verb.lemma_.lower() not in words.harm_verbs | parties.taking_verbs:
        return []
    return clause_subject(verb)


def _behind(noun: Token) -> list[Token]:
    """Who a "behind" phrase says did it when it qualifies them: "those behind the attack", "arrested the gang behind
    the bombing" (the parser may hang the phrase on the verb); "X was behind it" is governing_clause's."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "behind":
        return []
    host = noun.head.head
    if host.pos_ in ("NOUN", "PROPN", "PRON"):
        return [host]
    if host.pos_ == "VERB" and host.lemma_.lower() != "be":
        return [token for obj in _children(host, frozenset({"dobj"})) for token in conjuncts(obj)]
    return []


def _manner_doer(noun: Token) -> list[Token]:
    """ "Militia groups pulled back in protest", "the students marched in protest at the ruling": a bare event noun
    after "in" says how the subject of the verb acted (the parser may hang the phrase on a noun in the verb's
    phrase: "pulled back from the front in protest")."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "in" or noun.tag_ != "NN":
        return []
    if any(child.dep_ in ("det", "poss", "nummod", "amod", "compound") for child in noun.children):
        return []  # "killed in the attack", "in a raid": where, not how
    step = noun.head.head
    for _ in range(4):
        if step.pos_ == "VERB":
            return [] if _children(step, PASSIVE_SUBJECT_DEPS) else clause_subject(step)
        if step.head.i == step.i or step.dep_ not in ("pobj", "prep", "advmod", "dobj"):
            return []
        step = step.head
    return []


def _patient_clause_subjects(noun: Token, words: ArgumentWords, parties: PartyWords | None) -> list[Token]:
    """ "Three men died in police gunfire", "two soldiers were killed in the ambush", "13 people suffered injuries":
    the event noun is where (or when) the victims of the verb above it met their fate."""
    if parties is None:
        return []
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in parties.patient_subject_verbs:
        return clause_subject(noun.head)
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return []
    after = noun.head.lower_ in AFTER_PREPS
    if not after and noun.head.lower_ not in words.locative_preps | AMID_PREPS:
        return []
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in parties.accusation_verbs:
        return []
    passive = _children(verb, PASSIVE_SUBJECT_DEPS)
    lemma = verb.lemma_.lower()
    if after and not (lemma in parties.patient_subject_verbs or (passive and lemma in words.harm_verbs)):
        return []  # "he was arrested after the attack" is no victim of it; "he died after the attack" is
    if passive:
        return [token for subject in passive for token in antecedent_nouns(subject)]
    if verb.lemma_.lower() in parties.patient_subject_verbs:
        return clause_subject(verb)
    return []


def _harmed_by(noun: Token, words: ArgumentWords) -> list[Token]:
    """ "The courthouse was wrecked by a blast": the passive subject of a verb of harm whose agent is the event noun
    is what the event hit (the active "the blast wrecked the courthouse" is read in noun_arguments)."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "agent":
        return []
    verb = noun.head.head
    if verb.lemma_.lower() not in words.harm_verbs:
        return []
    return [token for subject in _children(verb, PASSIVE_SUBJECT_DEPS) for token in antecedent_nouns(subject)]


def noun_arguments(
    noun: Token, words: ArgumentWords, *, symmetric: bool, parties: PartyWords | None = None, modifiers: bool = True
) -> tuple[list[Token], list[Token]]:
    """(source heads, recipient heads) of a noun trigger: "IS's attack on a convoy", "clashes between A and B".

    With `modifiers`, the words before the noun that may name who did it come last among the sources (see
    party_modifiers); without, only the named ones: event_arguments leaves the others to roles.py."""
    sources = [token for child in _children(noun, frozenset({"poss"})) for token in conjuncts(child)]
    agents = prep_objects(noun, frozenset({"by", "from"}))
    for clause in _children(noun, RELATIVE_CLAUSE_DEPS):  # "attacks carried out by extremists"
        if clause.tag_ == "VBN" and is_one_of(clause, words.light_verbs):
            agents += prep_objects(clause, AGENT_PREPS)
    agents += _agent_hung_on_verb(noun)
    agents += _set_off_participle_agents(noun, words)
    sources += agents
    sources += _behind(noun)
    governor = governing_clause(noun, words, parties)
    if governor is not None and sources and all(token.pos_ == "PRON" for token in sources):
        # "Russia launched its offensive": the subject names whom "its" stands for
        sources = _governed_sources(noun, governor, words, parties) or sources
    if not sources and governor is not None:
        sources = _governed_sources(noun, governor, words, parties)
    if not sources:
        sources = _doer_of_the_clause(noun, words, parties) or _manner_doer(noun)
    # Last: most of them ("rocket attack", "suicide bombing") name no party; named ones ("a Taliban attack") always
    # count, as the events stage's grouping reads them (an event noun with a party of its own continues no event).
    sources += [word for word in party_modifiers(noun) if modifiers or word.ent_type_ in MODIFIER_LABELS]
    blamed = blamed_on(noun)
    if blamed:  # "blamed the attack on separatists": the separatists are its alleged source
        sources = [*blamed, *(token for token in sources if token not in blamed)]
    recipients = [token for token in prep_objects(noun, words.target_preps) if token not in blamed]
    for agent in agents:  # "an airstrike by coalition jets on a bridge": the parser hangs "on" on the agent
        recipients += prep_objects(agent, frozenset({"on", "against", "upon"}))
    if governor is not None and not (parties is not None and governor.lemma_.lower() in parties.accusation_verbs):
        recipients += prep_objects(governor, words.target_preps)  # "an attack was launched on the base"
    host = _intransitive_host(noun)
    if host is not None:  # "protests erupted against the government": the parser hangs the phrase on the verb
        recipients += prep_objects(host, frozenset({"against"}))
    if symmetric:
        between = prep_objects(noun, frozenset({"between"}))
        if host is not None and not between:  # "clashes erupted between police and protesters"
            between = prep_objects(host, frozenset({"between"}))
        if len(between) >= 2 and not sources:
            return between[:1], between[1:]
        recipients += prep_objects(noun, frozenset({"with", "against"}))
        if not sources:  # "a meeting of the two ministers"
            sources = prep_objects(noun, frozenset({"of"}))
    else:
        recipients += prep_objects(noun, frozenset({"of"}))  # "the army's shelling of the town"
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in words.harm_verbs:
        objects = _children(noun.head, frozenset({"dobj"})) or _object_taken_by_reporter(noun.head)
        recipients += [token for obj in objects for token in conjuncts(obj)]
        recipients += prep_objects(noun.head, THROUGH_PREPS)  # "the blast ripped through a bus"
    recipients += _harmed_by(noun, words)
    recipients += _patient_clause_subjects(noun, words, parties)
    if noun.dep_ in ("compound", "nmod") and noun.head.lemma_.lower() in VICTIM_HEADS:
        recipients += conjuncts(noun.head)  # "a rape victim", "the bombing survivors"
    return sources, recipients


def _reported_ownership(
    source: Token, clause: Token, parties: PartyWords, responsibility: frozenset[str], light: frozenset[str]
) -> Attribution | None:
    """A clause that says its subject did it, reported by another verb: "the Houthis claimed that they had fired a
    missile" (claimed); "the Taliban said they were responsible for the bombing" (claimed: a pronoun stands for the
    speaker); "police said the gang was behind the bombing" (alleged: someone else's word); "the group said its
    fighters carried out the attack" (claimed: a light verb carrying the event, told of the speaker's own)."""
    reporter = clause.head
    if reporter.lemma_.lower() in parties.claim_verbs:
        return "claimed"
    own = source.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in source.children)
    carried = bool(light) and is_one_of(clause, light) and bool(_children(clause, frozenset({"dobj"})))
    if carried and own and _children(reporter, SUBJECT_DEPS) and reporter.lemma_.lower() not in parties.denial_verbs:
        return "claimed"
    owning = any(
        child.lower_ in responsibility and child.dep_ in ("acomp", "attr", "prep") for child in clause.children
    )
    if not owning or not _children(reporter, SUBJECT_DEPS):
        return None
    return "claimed" if source.pos_ == "PRON" else "alleged"


def _intransitive_host(noun: Token) -> Token | None:
    """The verb an event noun is the subject of when that verb has no object ("clashes erupted", "fighting broke
    out", "the offensive began"): its "between" and "against" phrases are the noun's."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.pos_ != "VERB" or _children(verb, frozenset({"dobj"})):
        return None
    return verb


def attribution(
    source: Token,
    parties: PartyWords,
    responsibility: frozenset[str] = frozenset(),
    light: frozenset[str] = frozenset(),
) -> Attribution | None:
    """How the text ties a source head to its event: "claimed" when it is the subject of a verb of claiming ("IS
    claimed the attack") or of a clause a verb of claiming reports, "alleged" when someone blames or accuses it
    ("blamed Y for", "blamed on Y"); `responsibility` (the words "responsible", "behind") reads "X said they were
    responsible", `light` (the light verbs) "X said its fighters carried out the attack" (see _reported_ownership)."""
    head = source.head
    if source.dep_ == "pobj" and head.lower_ in BLAMED_ON_PREPS:
        head = head.head
        if head.dep_ == "dobj" and head.head.lemma_.lower() in BLAME_ON_VERBS:
            head = head.head  # "blamed the attack on Y", "on Y" hung on "attack"
    else:
        while source.dep_ == "conj" and head.i != source.i:
            source, head = head, head.head
    lemma = head.lemma_.lower()
    if source.dep_ in SUBJECT_DEPS and lemma in parties.claim_verbs:
        return "claimed"
    if source.dep_ in SUBJECT_DEPS and head.dep_ == "ccomp":
        reported = _reported_ownership(source, head, parties, responsibility, light)
        if reported is not None:
            return reported
    if source.dep_ in ("dobj", "nsubjpass", "pobj") and lemma in parties.accusation_verbs:
        return "alleged"
    return None


def object_heads(trigger: Token, words: ArgumentWords) -> list[Token]:
    """Heads of the phrases a trigger acts on, for word-class tests: objects, passive subjects, "of" phrases."""
    heads = _children(trigger, frozenset({"dobj", "nsubjpass", "attr", "dative", "oprd"}))
    heads += prep_objects(trigger, words.target_preps | frozenset({"of", "to", "from", "with", "for"}))
    if trigger.pos_ == "NOUN":
        heads += _children(trigger, frozenset({"compound"}))
        governor = governing_clause(trigger, words)
        if governor is not None:
            heads += prep_objects(governor, words.target_preps)
    if trigger.dep_ in RELATIVE_CLAUSE_DEPS and trigger.tag_ == "VBN":
        heads.append(trigger.head)
    heads += [child for child in trigger.children if child.dep_ == "prt" for child in child.children]
    return heads


def subject_heads(trigger: Token, words: ArgumentWords) -> list[Token]:
    """Heads of the phrases naming who acts, for word-class tests."""
    if trigger.pos_ in ("VERB", "AUX"):
        return clause_subject(trigger) + prep_objects(trigger, AGENT_PREPS)
    sources, _ = noun_arguments(trigger, words, symmetric=False)
    return sources + _children(trigger, frozenset({"compound", "amod"}))


def modifier_heads(trigger: Token) -> list[Token]:
    return _children(trigger, frozenset({"compound", "amod", "nmod"}))


def is_ancestor(ancestor: Token, token: Token) -> bool:
    return ancestor.i != token.i and ancestor.is_ancestor(token)


def separate_clause(token: Token, other: Token, triggers: frozenset[int]) -> bool:
    """True when `token` stands in a relative clause of a noun that `other` does not lie in, so that the clause tells
    an event of its own: in "a man who stabbed two people was shot by an officer", "stabbed" is in its own clause
    with respect to "shot" (the officer is not the stabber). A relative clause of one of the event's own trigger nouns
    (`triggers`, token indices) is not: "an attack that killed 12" is one event."""
    step = token
    while step.head.i != step.i:
        if step.dep_ in RELATIVE_CLAUSE_DEPS and step.head.pos_ in ("NOUN", "PROPN", "PRON"):
            if step.head.i in triggers or step.i == other.i or step.is_ancestor(other):
                return False
            return _children(step, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS) != [] or step.tag_ in ("VBD", "VBZ", "VBP")
        step = step.head
    return False


def sequenced_clause(token: Token, other: Token) -> bool:
    """True when `token` stands in an "after"/"before" clause under `other` ("the troops pulled out after evacuating
    the villagers": "evacuating"): that clause tells an act done before or after the other one, whose undergoers are
    not the other act's."""
    if not other.is_ancestor(token):
        return False
    step = token
    while step.i != other.i:
        if step.dep_ == "pcomp" and step.head.lower_ in SEQUENCE_WORDS:
            return True
        if step.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SEQUENCE_WORDS for c in step.children):
            return True
        step = step.head
    return False


def coordinated_clause(token: Token, other: Token) -> bool:
    """True when `token` stands in a clause joined to `other`'s by "and" that names its own doer or undergoer ("rebels
    shelled the market, and government jets bombed a base": two subjects, two occurrences). A pronoun subject ("...
    and they killed five") may be the first clause's doer: it does not tell the clauses apart."""
    if not other.is_ancestor(token):
        return False
    step = token
    while step.i != other.i:
        if step.dep_ == "conj" and step.pos_ in ("VERB", "AUX"):
            subjects = _children(step, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
            if any(subject.pos_ in ("NOUN", "PROPN") for subject in subjects):
                return True
        step = step.head
    return False


def told_apart(first: Token, second: Token, triggers: frozenset[int]) -> bool:
    """Whether either trigger stands in a relative clause of its own with respect to the other (separate_clause), or
    in a coordinated clause with a subject of its own (coordinated_clause)."""
    return (
        separate_clause(first, second, triggers)
        or separate_clause(second, first, triggers)
        or coordinated_clause(first, second)
        or coordinated_clause(second, first)
    )


def steps_between(first: Token, second: Token) -> int | None:
    """The number of head links between two tokens when one is the other's ancestor and the path does not join
    two verbs by "and" (another clause: "killed five, and a bomb wounded nine"), else None."""
    if first.i == second.i:
        return 0
    low, high = (second, first) if first.is_ancestor(second) else (first, second)
    if not high.is_ancestor(low):
        return None
    steps, token = 0, low
    while token.i != high.i:
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
            return None
        token, steps = token.head, steps + 1
    return steps


def is_main_clause(trigger: Token, reporting_verbs: frozenset[str]) -> bool:
    """True when the trigger is the sentence's main predicate (or an argument of it), not a subordinate clause.

    Looks through coordination and "tried to ..."; a clause reported by "said" counts as main.
    """
    token = trigger
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "ROOT"):
        token = token.head
    for _ in range(4):
        if token.dep_ == "ROOT":
            return True
        if token.dep_ in ("conj", "xcomp") or (token.dep_ == "ccomp" and token.head.lemma_.lower() in reporting_verbs):
            token = token.head
        else:
            return False
    return False


# heading_span by document: `in_heading` asks once per argument head, and `doc.text` joins every token on each access.
_HEADING_SPANS: WeakKeyDictionary[Doc, tuple[int, int]] = WeakKeyDictionary()


def heading_span(doc: Doc) -> tuple[int, int]:
    """Where the article's opening dateline ("KABUL (Hill Times) — ") lies: at the start of one of the first lines
    (a title may come before it); (0, 0) when there is none."""
    span = _HEADING_SPANS.get(doc)
    if span is None:
        found = OPENING_HEADING.search(doc.text, 0, HEADING_SEARCH_CHARS)
        span = _HEADING_SPANS[doc] = found.span() if found else (0, 0)
    return span


def in_heading(token: Token) -> bool:
    """Whether a token lies in the opening dateline: a place filed from or an outlet, never a party."""
    if token.idx >= HEADING_SEARCH_CHARS:
        return False
    start, end = heading_span(token.doc)
    return start <= token.idx < end


def event_arguments(
    primary: Token, triggers: list[tuple[Token, bool]], words: ArgumentWords, parties: PartyWords | None = None
) -> tuple[list[Token], list[Token]]:
    """(source heads, recipient heads) of an event from each of its triggers (token, symmetric), the primary first:
    "detonated a car bomb, killing nine people" takes its victims from "killing". A trigger in a relative clause of
    its own ("a man who stabbed two people was shot") tells another event and gives this one nothing. The words
    before a noun trigger ("the rebel assault") are left to roles.py (roles.event_parties)."""
    own = frozenset(token.i for token, _ in triggers)
    sources: list[Token] = []
    recipients: list[Token] = []
    for token, symmetric in triggers:
        if token.i != primary.i and (separate_clause(token, primary, own) or sequenced_clause(token, primary)):
            continue
        if token.pos_ in ("VERB", "AUX"):
            found_sources, found_recipients = verb_arguments(token, words, symmetric=symmetric, parties=parties)
        else:
            found_sources, found_recipients = noun_arguments(
                token, words, symmetric=symmetric, parties=parties, modifiers=False
            )
        sources += [head for head in found_sources if all(head.i != known.i for known in sources)]
        recipients += [head for head in found_recipients if all(head.i != known.i for known in recipients)]
    sources = [head for head in sources if head.i not in own and not in_heading(head)]
    return sources, [head for head in recipients if head.i not in own and not in_heading(head)]
