"""Pure pair scoring: the features of one event report and how alike two reports are.

A report's features come from its stored event row. Two reports are *comparable* (blocking) when their types share a
family, their dates overlap within the slack, both are factual, and they are not in different countries or farther
apart than block_km. A comparable pair gets a score in [0, 1]: the weighted mean of the parts that both reports
inform (type, date, place, actors, casualties, evidence text); the parts are kept so a merge can be explained.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import ItemsView, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from dateline.resolve.config import ResolveConfig

_WORD = re.compile(r"[^\W\d_]{3,}")
EARTH_KM = 6371.0


@dataclass(frozen=True)
class Report:
    """What resolution knows about one stored event report. Days are proleptic ordinals (date.toordinal())."""

    id: str
    article_id: str
    type: str
    family: str
    first_day: int | None
    last_day: int | None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    actor_ids: frozenset[str] = frozenset()
    killed: int | None = None
    injured: int | None = None
    words: Mapping[str, float] = field(default_factory=dict)
    factual: bool = True
    evidence: tuple[int, int] = (0, 0)
    # made of the block columns alone (dateline.resolve.storage.light_report): a stored report that can pass the
    # cheap tests of a pair with none of the new reports; it holds its place in the block index, is never scored
    light: bool = False

    @cached_property  # asked for every candidate pair: worked out once
    def dated(self) -> bool:
        """Whether the report has a date span."""
        return self.first_day is not None and self.last_day is not None

    @cached_property
    def placed(self) -> bool:
        """Whether the report has coordinates."""
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Link:
    """The score of a pair and its parts (None = a part neither report informs)."""

    score: float
    parts: dict[str, float | None]


class LazyWords(Mapping[str, float]):
    """The text vector of a report's evidence, worked out when a pair is first scored: most candidate reports are
    never scored (blocking turns them away), and the vector is the dearest part of a report."""

    __slots__ = ("_mask", "_stopwords", "_text", "_vector")

    def __init__(self, text: str, stopwords: frozenset[str]) -> None:
        self._text = text
        self._stopwords = stopwords
        self._vector: dict[str, float] | None = None
        self._mask: int | None = None

    def vector(self) -> dict[str, float]:
        """The vector itself (worked out now if it was not yet)."""
        if self._vector is None:
            self._vector = text_vector(self._text, self._stopwords)
        return self._vector

    def mask(self) -> int:
        """The vector's words as bits (see word_mask), worked out once."""
        if self._mask is None:
            self._mask = word_mask(self.vector())
        return self._mask

    def __getitem__(self, word: str) -> float:
        return self.vector()[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self.vector())

    def __len__(self) -> int:
        return len(self.vector())

    def get(self, word: str, default: Any = None) -> Any:
        return self.vector().get(word, default)

    def items(self) -> ItemsView[str, float]:
        return self.vector().items()


def text_vector(text: str, stopwords: frozenset[str]) -> dict[str, float]:
    """Unit-length bag of lower-cased words (3+ letters, no stopwords) of a report's evidence."""
    counts = Counter(word for word in (match.lower() for match in _WORD.findall(text)) if word not in stopwords)
    norm = math.sqrt(sum(count * count for count in counts.values()))
    return {word: count / norm for word, count in counts.items()} if norm else {}


_MASK_BITS = 2048


def word_mask(words: Mapping[str, float]) -> int:
    """A bit per word (its hash modulo _MASK_BITS): two vectors whose masks share no bit share no word, so their
    text part is 0 without a look-up. Only for comparing within one process (str hashes are salted per process)."""
    mask = 0
    for word in words:
        mask |= 1 << (hash(word) % _MASK_BITS)
    return mask


def _mask(words: Mapping[str, float]) -> int:
    return words.mask() if isinstance(words, LazyWords) else word_mask(words)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _distance(first: Report, second: Report) -> float | None:
    if first.lat is None or first.lon is None or second.lat is None or second.lon is None:
        return None
    return haversine_km(first.lat, first.lon, second.lat, second.lon)


def _overlap(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def comparable(first: Report, second: Report, config: ResolveConfig) -> bool:
    """The blocking test: may these two reports describe the same happening at all?"""
    return _blocking(first, second, config)[0]


def _blocking(first: Report, second: Report, config: ResolveConfig) -> tuple[bool, float | None]:
    """`comparable`, and the distance when it was worked out (the place part needs it too)."""
    if not (first.factual and second.factual) or first.family != second.family:
        return False, None
    if first.article_id == second.article_id and _overlap(first.evidence, second.evidence):
        return False, None  # two events read from the same words are two happenings (or an extraction duplicate)
    if first.first_day is None or first.last_day is None or second.first_day is None or second.last_day is None:
        # Undated reports (no date in the text, no publication date) meet only same-type reports at the same place.
        if first.type != second.type:
            return False, None
        distance = _distance(first, second)
        return distance is not None and distance <= config.near_km, distance
    # the cheap tests first: most candidates of a block fail on the dates or the country (the distance is dearer)
    slack = config.date_slack_days
    if first.first_day > second.last_day + slack or second.first_day > first.last_day + slack:
        return False, None
    if first.country and second.country and first.country != second.country:
        return False, None
    distance = _distance(first, second)
    return distance is None or distance <= config.block_km, distance


def _type_part(first: Report, second: Report, config: ResolveConfig) -> float:
    return 1.0 if first.type == second.type else config.type_same_family


def _date_part(first: Report, second: Report) -> float | None:
    """1 for the same single day; wider or looser dates score less (a month-precise date is weak evidence)."""
    if not (first.dated and second.dated):
        return None
    assert first.first_day is not None and first.last_day is not None
    assert second.first_day is not None and second.last_day is not None
    gap = max(first.first_day, second.first_day) - min(first.last_day, second.last_day)
    width = max(first.last_day - first.first_day, second.last_day - second.first_day) + 1
    if gap > 0:
        return max(0.0, 0.9 - 0.15 * gap)
    return 1.0 if width == 1 else max(0.3, 1.0 - math.log10(width) / 2)


def _place_part(first: Report, second: Report, config: ResolveConfig, distance: float | None) -> float | None:
    if distance is not None:
        if distance <= config.near_km:
            return 1.0
        return max(0.0, 1.0 - (distance - config.near_km) / (config.far_km - config.near_km))
    if first.admin1 and first.admin1 == second.admin1:
        return config.same_admin1
    if first.country and first.country == second.country:
        return config.same_country
    return None


def _actor_part(first: Report, second: Report) -> float | None:
    if not first.actor_ids or not second.actor_ids:
        return None
    return len(first.actor_ids & second.actor_ids) / len(first.actor_ids | second.actor_ids)


def _count_agreement(first: int | None, second: int | None) -> float | None:
    if first is None or second is None:
        return None
    if first == second:
        return 1.0
    low, high = sorted((first, second))
    return low / high if high else 0.0


def _casualty_part(first: Report, second: Report) -> float | None:
    parts = [
        part
        for part in (_count_agreement(first.killed, second.killed), _count_agreement(first.injured, second.injured))
        if part is not None
    ]
    return sum(parts) / len(parts) if parts else None


def _plain(words: Mapping[str, float]) -> Mapping[str, float]:
    return words.vector() if isinstance(words, LazyWords) else words


def _text_part(first: Report, second: Report) -> float | None:
    one, other = _plain(first.words), _plain(second.words)
    if not one or not other:
        return None
    if not _mask(first.words) & _mask(second.words):
        return 0.0  # no word in common: what the sum below gives, without it
    small, large = (one, other) if len(one) <= len(other) else (other, one)
    return min(1.0, sum(weight * large.get(word, 0.0) for word, weight in small.items()))


def link(first: Report, second: Report, config: ResolveConfig) -> Link:
    """Score a comparable pair (call `comparable` first)."""
    parts = _parts_but_text(first, second, config, _distance(first, second))
    parts["text"] = _text_part(first, second)
    return _scored(parts, config)


# Below this distance from a floor, a ceiling does not rule a pair out: the score is rounded to 4 decimals.
_ROUNDING_MARGIN = 2e-4


def comparable_link(first: Report, second: Report, config: ResolveConfig, floor: float) -> Link | None:
    """The link of a pair (as `link` gives it) when it is comparable and its score can reach `floor`; else None.

    The distance is worked out once for both. The text part, the dearest (it needs both reports' word vectors), is
    worked out only when the other parts, with the best text part there is (1, or none), leave the floor within
    reach: most candidates of a dense block fall short on date, place or actors alone."""
    together, distance = _blocking(first, second, config)
    if not together:
        return None
    weights = config.weights
    type_part = _type_part(first, second, config)
    date, place = _date_part(first, second), _place_part(first, second, config, distance)
    actors, casualties = _actor_part(first, second), _casualty_part(first, second)
    # the ceiling in plain float sums (it only turns pairs away, and _ROUNDING_MARGIN is far wider than the last bit
    # they can differ in from the compensated sums below): no dict, no list for the pairs it turns away (half)
    weight, total = weights["type"], weights["type"] * type_part
    for name, value in (("date", date), ("place", place), ("actors", actors), ("casualties", casualties)):
        if value is not None:
            weight += weights[name]
            total += weights[name] * value
    text_weight = weights["text"]
    ceiling = max(total / weight if weight else 0.0, (total + text_weight) / (weight + text_weight))
    if ceiling < floor - _ROUNDING_MARGIN:
        return None
    parts: dict[str, float | None] = {
        "type": type_part,
        "date": date,
        "place": place,
        "actors": actors,
        "casualties": casualties,
    }
    parts["text"] = _text_part(first, second)
    # the sums exactly as _scored makes them (sum() of floats compensates: same terms, same order)
    known = [(weights[name], value) for name, value in parts.items() if value is not None]
    weight, total = sum(w for w, _ in known), sum(w * value for w, value in known)
    if round(total / weight if weight else 0.0, 4) < floor:
        return None
    return _scored(parts, config)


def _parts_but_text(
    first: Report, second: Report, config: ResolveConfig, distance: float | None
) -> dict[str, float | None]:
    return {
        "type": _type_part(first, second, config),
        "date": _date_part(first, second),
        "place": _place_part(first, second, config, distance),
        "actors": _actor_part(first, second),
        "casualties": _casualty_part(first, second),
    }


def _scored(parts: dict[str, float | None], config: ResolveConfig) -> Link:
    known = [(config.weights[name], value) for name, value in parts.items() if value is not None]
    total_weight = sum(weight for weight, _ in known)
    score = sum(weight * value for weight, value in known) / total_weight if total_weight else 0.0
    return Link(round(score, 4), {name: None if value is None else round(value, 4) for name, value in parts.items()})


def parts_json(found: Link) -> dict[str, Any]:
    """A link as stored: its score and parts."""
    return {"score": found.score, **found.parts}
