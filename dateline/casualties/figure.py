"""One casualty figure as the stage reads it: what happened to how many, the words, and the word that governs it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from spacy.tokens import Token

from dateline.records import ActorRef, CasualtyCategory, Count, StatedFigure


@dataclass(frozen=True, slots=True)
class CasualtyFigure:
    """One figure of people killed, injured, displaced, captured, or "combined" (killed and injured together)."""

    category: str
    count: Count
    text: str
    start: int  # character offsets into the Doc's text
    end: int
    governor: Token  # the casualty word that says what happened
    sub_figure: bool = False  # a part of another figure ("including five children"), or a toll replaced ("from 9")
    stated_by_verbs: bool = True  # for "combined": verbs said both happened ("killed and wounded")
    hedge: str | None = None  # quantities.py: at_least, up_to, ..., range, vague; None for an exact number
    reported_by: ActorRef | None = None  # who the sentence says gave this figure
    update: bool = False  # a toll told as changed ("rose to 12"): the latest wins
    manner: bool = False  # injured only by a verb that says how ("shot"), not whether they survived
    floor: bool = False  # "a fatal shooting": someone died, counted only where no figure says how many
    in_title: bool = False  # read in the headline (offsets into Article.title)
    single: bool = False  # one victim named without a figure ("a man was killed", "killing him")

    def stated(self, *, counted: bool = True) -> StatedFigure:
        """The figure as the output states it (records.StatedFigure)."""
        count = self.count
        return StatedFigure(
            category=cast(CasualtyCategory, self.category),  # one of terms.CATEGORIES, checked by the loader
            low=count.low,
            best=count.best,
            high=count.high,
            text=self.text,
            start=self.start,
            end=self.end,
            hedge=self.hedge,
            reported_by=self.reported_by,
            update=self.update,
            counted=counted and not self.sub_figure,
            in_title=self.in_title,
        )
