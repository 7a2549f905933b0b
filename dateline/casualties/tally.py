"""Counting figures: the figures of one statement added up per category, and the statements of one occurrence
made into one account.

One statement (a sentence): figures add up per category ("12 soldiers and 5 civilians" = 17) except those inside
another ("including five children"); a combined figure ("killed and wounded more than a dozen", "13 casualties")
with no separate killed or injured figure is split conservatively; "a fatal shooting" says at least one died only
where no figure says how many.

One occurrence told in several statements (`account`): reporters tell the toll, then tell parts of it again ("two
people were killed ... the second victim died at the hospital"), so statements are not added up: per category,
each statement's figure is a lower bound of the occurrence's toll and the account keeps the largest; a toll told as
changed ("the death toll rose to 12") wins over what came before it, the latest such one last. People only said to
be "shot" or "stabbed" in a statement that tells no death are the occurrence's victims, dead or alive: the dead the
account is told of are among them, and only the rest count as injured ("a man was shot ... he died at the hospital":
one killed, none injured). Every figure is kept in the output, `counted` False where the totals leave it out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from dateline.casualties.figure import CasualtyFigure
from dateline.casualties.victims import OWN_LIFE_VERBS
from dateline.records import ActorRef, Casualties, Count, StatedFigure

CATEGORIES = ("killed", "injured", "displaced", "captured")
# Pronouns that name one person already told of: one shot next to a death is that death's victim.
PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
_ZERO = Count(0, 0, 0)


@dataclass(frozen=True)
class Tally:
    """One statement's counts per category; `hit` is the injured told only by a verb of manner ("shot")."""

    killed: Count | None = None
    injured: Count | None = None
    hit: Count | None = None
    displaced: Count | None = None
    captured: Count | None = None
    # per category, the figures its count comes from (a combined figure counts for killed and injured)
    sources: dict[str, list[CasualtyFigure]] = field(default_factory=dict)

    def get(self, category: str) -> Count | None:
        count: Count | None = getattr(self, category)
        return count


def _sum(counts: list[Count]) -> Count | None:
    if not counts:
        return None
    positive = [count for count in counts if count.high > 0]
    if not positive:
        return _ZERO
    return Count(sum(c.low for c in positive), sum(c.best for c in positive), sum(c.high for c in positive))


def _figures_sum(figures: Sequence[CasualtyFigure]) -> Count | None:
    """A statement's figures of one category added up. Victims named one by one without a figure ("the boy was shot
    and killed ... police said Ana Ruiz was the target") add up only when one word tells of them together ("a man
    and a woman were killed", "killing her father and daughter"): a reporter naming a victim again in another clause
    of the statement ("his cousin died", "he was shot") tells of the same person, so of the words that name single
    victims the one naming the most counts."""
    groups: dict[int, list[Count]] = {}
    for figure in figures:
        if figure.single:
            groups.setdefault(figure.governor.i, []).append(figure.count)
    named = [total for group in groups.values() if (total := _sum(group)) is not None]
    largest = max(named, key=lambda count: count.best, default=None)
    return _sum([figure.count for figure in figures if not figure.single] + ([largest] if largest else []))


def _split_combined(combined: Count, by_verbs: bool) -> tuple[Count, Count]:
    """ "killed and wounded 13": at least one of each, the wounded usually the more (fatalities counted
    conservatively); "13 casualties" may be either: killed 0..13, injured 13."""
    total = combined.best
    if by_verbs and total >= 2:
        return Count(1, 1, total - 1), Count(1, total - 1, total - 1)
    return Count(0, 0, total), Count(0, total, total)


def _source(figures: Sequence[CasualtyFigure]) -> ActorRef | None:
    return next((figure.reported_by for figure in figures if figure.reported_by is not None), None)


def _with_source(count: Count | None, figures: Sequence[CasualtyFigure]) -> Count | None:
    return None if count is None else replace(count, reported_by=_source(figures))


def statement_counts(figures: Sequence[CasualtyFigure]) -> Tally:
    """The counts of one statement's figures (the module docstring)."""
    whole = [figure for figure in figures if not figure.sub_figure]
    by_category: dict[str, list[CasualtyFigure]] = {}
    for figure in whole:
        by_category.setdefault(figure.category, []).append(figure)
    killed_figures = [f for f in by_category.get("killed", []) if not f.floor] or by_category.get("killed", [])[:1]
    injured_figures = [f for f in by_category.get("injured", []) if not f.manner]
    hit_figures = [f for f in by_category.get("injured", []) if f.manner]
    if killed_figures:  # "a child died after she shot herself": a pronoun shot next to a death is one of the dead
        hit_figures = [f for f in hit_figures if f.text.lower() not in PRONOUNS and not _named_dead(f, killed_figures)]
    combined_figures = by_category.get("combined", [])
    killed = _figures_sum(killed_figures)
    injured = _figures_sum(injured_figures)
    hit = _figures_sum(hit_figures)
    combined = _figures_sum(combined_figures)
    if combined is not None and combined.best > 0:
        by_verbs = any(f.stated_by_verbs for f in combined_figures)
        if killed is None and injured is None and hit is None:
            killed, injured = _split_combined(combined, by_verbs)
            killed_figures, injured_figures = combined_figures, combined_figures
        elif injured is None and hit is None and killed is not None:
            rest = max(combined.best - killed.best, 0)
            injured, injured_figures = Count(rest, rest, rest), combined_figures
    sources = {
        "killed": killed_figures,
        "injured": injured_figures,
        "hit": hit_figures,
        "displaced": by_category.get("displaced", []),
        "captured": by_category.get("captured", []),
    }
    return Tally(
        killed=_with_source(killed, killed_figures),
        injured=_with_source(injured, injured_figures),
        hit=_with_source(hit, hit_figures),
        displaced=_with_source(_figures_sum(sources["displaced"]), sources["displaced"]),
        captured=_with_source(_figures_sum(sources["captured"]), sources["captured"]),
        sources=sources,
    )


def _named_dead(figure: CasualtyFigure, killed: Sequence[CasualtyFigure]) -> bool:
    """ "Smith shot and killed Ana Ruiz. Ruiz was shot in the back": one victim named as shot where the statement
    names them among its dead is that dead person again, not one more injured."""
    return figure.single and any(dead.single and dead.text.lower() == figure.text.lower() for dead in killed)


def _add(first: Count | None, second: Count | None) -> Count | None:
    if first is None or second is None:
        return first or second
    source = first.reported_by or second.reported_by
    return Count(first.low + second.low, first.best + second.best, first.high + second.high, source)


def casualties_of(tally: Tally, figures: Sequence[StatedFigure]) -> Casualties:
    """The Casualties record of one statement (or an account): the injured told by manner verbs join the injured;
    the event's `reported_by` is the source of its leading figure (killed, else injured, displaced, captured)."""
    injured = _add(tally.injured, tally.hit)
    counts = {"killed": tally.killed, "injured": injured, "displaced": tally.displaced, "captured": tally.captured}
    lead = next((count for count in counts.values() if count is not None), None)
    return Casualties(**counts, reported_by=lead.reported_by if lead else None, figures=tuple(figures))


def _largest(counts: Sequence[tuple[int, Count]]) -> tuple[int, Count] | None:
    """The statement with the largest figure (the first of equals), or the latest update when one is told."""
    return max(counts, key=lambda pair: (pair[1].best, -pair[0])) if counts else None


def _chosen(
    tallies: Sequence[Tally], category: str, value: Callable[[int, Tally], Count | None]
) -> tuple[int, Count] | None:
    """The statement whose figure stands for the occurrence in `category`: the latest update, else the largest."""
    counts = [(n, count) for n, tally in enumerate(tallies) if (count := value(n, tally)) is not None]
    updates = [(n, count) for n, count in counts if any(f.update for f in tallies[n].sources.get(category, []))]
    if updates:
        return updates[-1]
    return _largest(counts)


def own_life(figure: CasualtyFigure) -> bool:
    """One who took their own life: "before taking his own life", "turned the gun on himself", "shot himself"."""
    return figure.governor.lemma_.lower() in OWN_LIFE_VERBS or figure.text.lower() in ("himself", "herself")


def _minus(count: Count, dead: int) -> Count:
    return Count(max(count.low - dead, 0), max(count.best - dead, 0), max(count.high - dead, 0), count.reported_by)


def account(statements: Sequence[Sequence[CasualtyFigure]]) -> Casualties:
    """One occurrence's casualties from the figures of its statements, in text order (the module docstring)."""
    statements = [figures for figures in statements if figures]
    if not statements:
        return Casualties()
    tallies = [statement_counts(figures) for figures in statements]
    chosen: dict[str, tuple[int, Count] | None] = {}
    real_killed = [(n, t) for n, t in enumerate(tallies) if t.killed is not None and not _only_floors(t)]
    killed_tallies = tallies if not real_killed else [t if not _only_floors(t) else Tally() for t in tallies]
    chosen["killed"] = _chosen(killed_tallies, "killed", lambda _, tally: tally.killed)
    for category in ("displaced", "captured"):
        chosen[category] = _chosen(tallies, category, lambda _, tally, c=category: tally.get(c))  # type: ignore[misc]
    dead = chosen["killed"][1].best if chosen["killed"] is not None else 0
    injured = _chosen(tallies, "injured", lambda _, tally: tally.injured)
    if injured is not None:
        chosen["injured"], chosen["hit"] = injured, None
    else:
        chosen["injured"] = None
        # the shot are the occurrence's victims: the dead told of in other statements may be among them
        chosen["hit"] = _chosen(
            tallies,
            "hit",
            lambda _, tally: None if tally.hit is None else _minus(tally.hit, max(dead - _told_dead(tally), 0)),
        )
    counted = {
        id(figure)
        for category, pick in chosen.items()
        if pick is not None
        for figure in tallies[pick[0]].sources.get(category, [])
    }
    stated = [figure.stated(counted=id(figure) in counted) for figures in statements for figure in figures]
    total = Tally(
        killed=_count(chosen["killed"]),
        injured=_count(chosen["injured"]),
        hit=_count(chosen["hit"]),
        displaced=_count(chosen["displaced"]),
        captured=_count(chosen["captured"]),
    )
    return casualties_of(total, stated)


def _best(count: Count | None) -> int:
    return count.best if count is not None else 0


def _told_dead(tally: Tally) -> int:
    """The dead a statement counts as other people than its shot: a floor ("the coroner said the boy was shot")
    says someone died, perhaps the one shot, so it sets no one apart."""
    return 0 if _only_floors(tally) else _best(tally.killed)


def _only_floors(tally: Tally) -> bool:
    return bool(tally.sources.get("killed")) and all(f.floor for f in tally.sources["killed"])


def _count(pick: tuple[int, Count] | None) -> Count | None:
    return pick[1] if pick is not None else None
