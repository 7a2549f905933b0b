"""The actor knowledge base: countries (from pycountry plus countries.tsv), organisations, media and people (YAML).

`load_actor_kb(extra_file)` reads the bundled files and an optional user file whose entries extend the KB or replace
bundled entries with the same id. Every entry is checked; a bad one raises KnowledgeError naming file:line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

import pycountry

from dateline.actors.lexicon import RoleLexicon, load_role_lexicon
from dateline.actors.names import fold, name_key
from dateline.knowledge.loader import LINE_KEY, KnowledgeError, knowledge_path, read_tsv, read_yaml, where

Kind = Literal["country", "organisation", "person", "media"]

COUNTRIES_PATH = knowledge_path("actors", "countries.tsv")
COUNTRY_COLUMNS = ("alpha3", "demonyms", "metonyms", "names", "wikidata")
# Bundled YAML files and the kind of actor each holds.
ENTRY_FILES: tuple[tuple[str, Kind], ...] = (
    ("organisations.yaml", "organisation"),
    ("media.yaml", "media"),
    ("people.yaml", "person"),
)
# Country codes that are not ISO 3166 countries (PLOVER/CAMEO): international organisations, non-governmental
# organisations, international militarized groups, multinational corporations; XKX is Kosovo's user-assigned code.
SPECIAL_COUNTRIES = frozenset({"IGO", "NGO", "IMG", "MNC", "XKX"})
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QID = re.compile(r"^Q\d+$")
_ENTRY_KEYS = frozenset(
    {
        "id",
        "name",
        "aliases",
        "short",
        "country",
        "sector",
        "acled_inter",
        "wikidata",
        "parent",
        "media",
        "represents",
        "offices",
        "kind",
    }
)
_KINDS: frozenset[str] = frozenset({"country", "organisation", "person", "media"})


@dataclass(frozen=True, slots=True)
class Office:
    """An office a person held: `office` is a roles.yaml office key; `of` an ISO alpha-3 code or an actor id."""

    office: str
    of: str
    start: str | None = None
    end: str | None = None

    def held_on(self, day: str) -> bool:
        """True when the office was held on `day` ("YYYY-MM-DD"); partial dates cover their whole month or year."""
        start = _pad(self.start, "0000-01-01")
        end = _pad(self.end, "9999-12-31")
        return start <= day <= end


def _pad(date: str | None, default: str) -> str:
    if date is None:
        return default
    return date + default[len(date) :]


@dataclass(frozen=True, slots=True)
class KBActor:
    id: str
    name: str
    kind: Kind
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    short_given: bool = False  # `short` was written in the KB, not derived from the name
    acled_inter: int | None = None
    wikidata: str | None = None
    parent: str | None = None
    media: bool = False
    represents: bool = False
    offices: tuple[Office, ...] = ()
    origin: str = ""  # file:line it was read from

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Country:
    alpha3: str
    name: str
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]


@dataclass(frozen=True)
class ActorKB:
    """The curated actor knowledge base with its lookup indexes (built once by load_actor_kb)."""

    roles: RoleLexicon
    actors: Mapping[str, KBActor] = field(default_factory=dict)
    countries: Mapping[str, Country] = field(default_factory=dict)
    acronyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # "ISIS" -> ids (case-sensitive)
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # fold(alias) -> ids
    keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name_key(alias) -> ids
    shorts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name_key(short name) -> person ids
    demonyms: Mapping[str, str] = field(default_factory=dict)  # fold(demonym) -> alpha3
    metonyms: Mapping[str, str] = field(default_factory=dict)  # fold(capital) -> alpha3
    holders: Mapping[tuple[str, str], tuple[tuple[str, Office], ...]] = field(default_factory=dict)
    represents: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (alpha3, sector) -> id
    lower_aliases: frozenset[str] = frozenset()  # folded aliases written in lower case in the KB
    first_words: frozenset[str] = frozenset()  # first folded word of every non-acronym alias
    alias_prefixes: frozenset[str] = frozenset()  # every leading run of words of a folded alias

    @cached_property
    def alias_trie(self) -> AliasTrie:
        """The folded aliases word by word (built on first use from `aliases`)."""
        return AliasTrie.of(self.aliases)

    def lookup(self, text: str) -> tuple[KBActor, ...]:
        """KB actors a name can denote: acronyms case-sensitively, others by folded form, then by name key."""
        stripped = text.strip()
        if is_acronym(stripped):
            return self._get(self.acronyms.get(stripped.replace(".", ""), ()))
        if stripped.isupper() and len(stripped) <= 5:
            return ()  # an all-caps short word that is not a known acronym ("IT", "WHO" handled above)
        found = self.aliases.get(fold(stripped)) or self.keys.get(name_key(stripped), ())
        return self._get(found)

    def holder(self, office: str, of: str, day: str | None) -> KBActor | None:
        """The person holding `office` of `of` on `day`; None when unknown or when no date is given."""
        if day is None:
            return None
        current = [person_id for person_id, held in self.holders.get((office, of), ()) if held.held_on(day)]
        return self.actors[current[0]] if len(set(current)) == 1 else None

    def offices_of(self, person_id: str, day: str | None) -> tuple[Office, ...]:
        person = self.actors.get(person_id)
        if person is None:
            return ()
        return tuple(office for office in person.offices if day is None or office.held_on(day))

    def _get(self, ids: Iterable[str]) -> tuple[KBActor, ...]:
        return tuple(self.actors[actor_id] for actor_id in ids)


class AliasTrie:
    """One node per leading run of words of a folded alias: the words that may come next, and whether an alias ends.

    Why: matching aliases in running text word by word through this tree costs a dict look-up per word, where
    joining the words read so far into a string and looking that up costs a new string per word.
    """

    __slots__ = ("ends_alias", "next_words")

    def __init__(self) -> None:
        self.ends_alias = False
        self.next_words: dict[str, AliasTrie] = {}

    @classmethod
    def of(cls, folded_aliases: Iterable[str]) -> AliasTrie:
        root = cls()
        for alias in folded_aliases:
            node = root
            for word in alias.split():
                node = node.next_words.setdefault(word, cls())
            node.ends_alias = True
        return root

    def follow(self, words: Iterable[str]) -> AliasTrie | None:
        """The node reached by reading `words` from this one; None when no alias goes on with them."""
        node = self
        for word in words:
            found = node.next_words.get(word)
            if found is None:
                return None
            node = found
        return node


def is_acronym(text: str) -> bool:
    """Short all-caps names ("IS", "U.S.", "PMU") are matched case-sensitively: "is" and "us" are words."""
    letters = text.replace(".", "").replace("-", "")
    return 1 < len(letters) <= 6 and letters.isalpha() and letters.isupper()


# --- Reading entries ------------------------------------------------------------------------------------------


def _fail(where: str, message: str) -> KnowledgeError:
    return KnowledgeError(f"{where}: {message}")


def _str_list(where: str, entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise _fail(where, f"`{key}` must be a list of non-empty strings")
    return tuple(item.strip() for item in value)


def _optional_str(where: str, entry: dict[str, Any], key: str, pattern: re.Pattern[str] | None = None) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or (pattern is not None and not pattern.match(value)):
        raise _fail(where, f"`{key}` has a bad value {value!r}")
    return value


def _read_office(where: str, data: Any, roles: RoleLexicon) -> Office:
    if not isinstance(data, dict):
        raise _fail(where, "each office must be a mapping {office, of, start, end}")
    unknown = set(data) - {"office", "of", "start", "end", LINE_KEY}
    if unknown:
        raise _fail(where, f"unknown office field(s) {sorted(unknown)}")
    of = data.get("of")
    office = roles.office_titles.get(fold(str(data.get("office"))))
    if office is None:
        raise _fail(where, f"unknown office {data.get('office')!r} (offices are listed in roles.yaml)")
    if not isinstance(of, str) or not of:
        raise _fail(where, "an office needs `of`: a country code or an actor id")
    start = _optional_str(where, {k: str(v) if v is not None else None for k, v in data.items()}, "start", _DATE)
    end = _optional_str(where, {k: str(v) if v is not None else None for k, v in data.items()}, "end", _DATE)
    return Office(office=office, of=of, start=start, end=end)


def _default_short(name: str) -> tuple[str, ...]:
    words = [word for word in name.replace("-", " ").split() if word.lower() not in {"al", "el"}]
    return (words[-1],) if len(words) > 1 and len(words[-1]) >= 4 else ()


def read_entry(data: Any, where: str, default_kind: Kind, roles: RoleLexicon) -> KBActor:
    """Check one YAML entry and turn it into a KBActor; raises KnowledgeError naming `where` on any problem."""
    if not isinstance(data, dict):
        raise _fail(where, "each entry must be a mapping")
    unknown = set(data) - _ENTRY_KEYS - {LINE_KEY}
    if unknown:
        raise _fail(where, f"unknown field(s) {sorted(unknown)}")
    actor_id, name = data.get("id"), data.get("name")
    if not isinstance(actor_id, str) or not _ID.match(actor_id):
        raise _fail(where, f"`id` must be lower-case letters, digits and hyphens, not {actor_id!r}")
    if not isinstance(name, str) or not name.strip():
        raise _fail(where, f"{actor_id}: `name` is required")
    kind = data.get("kind", default_kind)
    if kind not in _KINDS:
        raise _fail(where, f"{actor_id}: `kind` must be one of {sorted(_KINDS)}")
    media = bool(data.get("media", kind == "media"))
    sector = data.get("sector", "MED" if media else None)
    if sector is not None and sector not in roles.sectors:
        raise _fail(where, f"{actor_id}: unknown sector {sector!r} (sectors are listed in roles.yaml)")
    country = data.get("country")
    if country is not None and not _valid_country(country):
        raise _fail(where, f"{actor_id}: `country` must be an ISO alpha-3 code or one of {sorted(SPECIAL_COUNTRIES)}")
    inter = data.get("acled_inter", roles.sectors[sector].acled_inter if sector else None)
    if inter is not None and not (isinstance(inter, int) and 1 <= inter <= 8):
        raise _fail(where, f"{actor_id}: `acled_inter` must be an integer 1-8")
    offices = data.get("offices", [])
    if not isinstance(offices, list):
        raise _fail(where, f"{actor_id}: `offices` must be a list")
    short = _str_list(where, data, "short") if "short" in data else _default_short(name)
    aliases = _str_list(where, data, "aliases")
    if any("(" in alias or ")" in alias for alias in aliases):
        raise _fail(where, f"{actor_id}: write each alias without brackets, one name per alias")
    return KBActor(
        id=actor_id,
        name=name.strip(),
        kind=kind,
        country=country,
        sector=sector,
        aliases=aliases,
        short=short if kind == "person" else (),
        short_given="short" in data,
        acled_inter=inter,
        wikidata=_optional_str(where, data, "wikidata", _QID),
        parent=_optional_str(where, data, "parent", _ID),
        media=media,
        represents=bool(data.get("represents", False)),
        offices=tuple(_read_office(where, office, roles) for office in offices),
        origin=where,
    )


def _valid_country(code: Any) -> bool:
    if not isinstance(code, str):
        return False
    return code in SPECIAL_COUNTRIES or pycountry.countries.get(alpha_3=code) is not None


def read_entry_file(path: Path, default_kind: Kind, roles: RoleLexicon) -> list[KBActor]:
    """Read one YAML list of actors."""
    data = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise KnowledgeError(f"{path}:1: expected a YAML list of actor entries")
    return [read_entry(item, where(path, item), default_kind, roles) for item in data]


# --- Countries ------------------------------------------------------------------------------------------------


def _split(cell: str) -> tuple[str, ...]:
    return () if cell.strip() in {"", "-"} else tuple(part.strip() for part in cell.split("|") if part.strip())


def read_country_rows(path: Path = COUNTRIES_PATH) -> dict[str, tuple[tuple[str, ...], ...]]:
    """countries.tsv → {alpha3: (demonyms, metonyms, names, (wikidata,))}; raises with file:line on a bad row."""
    rows: dict[str, tuple[tuple[str, ...], ...]] = {}
    for row in read_tsv(path, COUNTRY_COLUMNS):
        alpha3 = row["alpha3"]
        if not re.match(r"^[A-Z]{3}$", alpha3):
            raise row.error(f"expected an alpha-3 code, not {alpha3!r}")
        if alpha3 in rows:
            raise row.error(f"duplicate country {alpha3}")
        wikidata = _split(row["wikidata"])
        if any(not _QID.match(qid) for qid in wikidata):
            raise row.error(f"bad Wikidata id {row['wikidata']!r}")
        rows[alpha3] = (_split(row["demonyms"]), _split(row["metonyms"]), _split(row["names"]), wikidata)
    return rows


def _country_names(record: Any) -> list[str]:
    names = [getattr(record, "common_name", None), record.name, getattr(record, "official_name", None)]
    clean = [name for name in names if name and "," not in name]
    return clean or [record.name]  # "Bonaire, Sint Eustatius and Saba" has no comma-free name


def country_actors(path: Path = COUNTRIES_PATH) -> tuple[list[KBActor], dict[str, Country]]:
    """One actor per ISO country (names from pycountry), enriched with demonyms and capitals from countries.tsv."""
    rows = read_country_rows(path)
    actors: list[KBActor] = []
    countries: dict[str, Country] = {}
    codes = sorted({record.alpha_3 for record in pycountry.countries} | set(rows))
    for alpha3 in codes:
        demonyms, metonyms, extra_names, wikidata = rows.get(alpha3, ((), (), (), ()))
        record = pycountry.countries.get(alpha_3=alpha3)
        names = list(dict.fromkeys([*extra_names[:1], *(_country_names(record) if record else ()), *extra_names]))
        if not names:
            raise KnowledgeError(f"{path}: {alpha3} is not an ISO country and has no names")
        actor = KBActor(
            id=alpha3.lower(),
            name=names[0],
            kind="country",
            country=alpha3,
            sector=None,
            aliases=tuple(names[1:]),
            wikidata=wikidata[0] if wikidata else None,
            origin=f"{path}:{alpha3}",
        )
        actors.append(actor)
        countries[alpha3] = Country(alpha3, names[0], demonyms, metonyms)
    return actors, countries


# --- Building the KB ------------------------------------------------------------------------------------------


def _index(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for key, actor_id in pairs:
        if key and actor_id not in index[key]:
            index[key].append(actor_id)
    return {key: tuple(ids) for key, ids in index.items()}


def _check_links(actors: Mapping[str, KBActor]) -> None:
    for actor in actors.values():
        if actor.parent is not None and actor.parent not in actors:
            raise KnowledgeError(f"{actor.origin}: {actor.id}: unknown parent {actor.parent!r}")
        for office in actor.offices:
            if office.of not in actors and not _valid_country(office.of):
                raise KnowledgeError(f"{actor.origin}: {actor.id}: office of unknown {office.of!r}")


def _prefixes(folded_names: Iterable[str]) -> set[str]:
    prefixes: set[str] = set()
    for folded in folded_names:
        words = folded.split()
        prefixes.update(" ".join(words[:end]) for end in range(1, len(words) + 1))
    return prefixes


def build_kb(entries: Iterable[KBActor], countries: Mapping[str, Country], roles: RoleLexicon) -> ActorKB:
    """Index actors by acronym, folded alias, transliteration key, short name, office and (country, sector)."""
    actors: dict[str, KBActor] = {}
    for actor in entries:
        actors[actor.id] = actor  # later entries (a user file) replace earlier ones with the same id
    _check_links(actors)
    names = [(name, actor.id) for actor in actors.values() for name in actor.names]
    plain = [(name, actor_id) for name, actor_id in names if not is_acronym(name)]
    holders: dict[tuple[str, str], list[tuple[str, Office]]] = defaultdict(list)
    for actor in actors.values():
        for office in actor.offices:
            holders[(office.office, office.of)].append((actor.id, office))
    return ActorKB(
        actors=actors,
        roles=roles,
        countries=countries,
        acronyms=_index((name.replace(".", ""), actor_id) for name, actor_id in names if is_acronym(name)),
        aliases=_index((fold(name), actor_id) for name, actor_id in plain),
        keys=_index((name_key(name), actor_id) for name, actor_id in plain if len(name_key(name)) >= 5),
        shorts=_index(
            (name_key(short), actor.id) for actor in actors.values() if actor.kind == "person" for short in actor.short
        ),
        demonyms={fold(word): code for code, country in countries.items() for word in country.demonyms},
        metonyms={fold(word): code for code, country in countries.items() for word in country.metonyms},
        holders={key: tuple(value) for key, value in holders.items()},
        represents={
            (actor.country, actor.sector): actor.id
            for actor in actors.values()
            if actor.represents and actor.country and actor.sector
        },
        lower_aliases=frozenset(fold(name) for name, _ in plain if name == name.lower()),
        first_words=frozenset(fold(name).split()[0] for name, _ in plain if fold(name)),
        alias_prefixes=frozenset(_prefixes(fold(name) for name, _ in plain)),
    )


@cache
def _bundled_entries() -> tuple[tuple[KBActor, ...], Mapping[str, Country]]:
    """The countries and the bundled YAML entries, read once per process."""
    roles = load_role_lexicon()
    country_entries, countries = country_actors()
    entries: list[KBActor] = list(country_entries)
    for file_name, kind in ENTRY_FILES:
        entries.extend(read_entry_file(knowledge_path("actors", file_name), kind, roles))
    _refuse_duplicates(entries)
    return tuple(entries), countries


@cache
def load_actor_kb(extra_file: str | None = None) -> ActorKB:
    """Load the bundled actor KB plus an optional user YAML file that extends it or overrides entries by id."""
    roles = load_role_lexicon()
    bundled, countries = _bundled_entries()
    entries = list(bundled)
    if extra_file:
        path = Path(extra_file)
        if not path.is_file():
            raise KnowledgeError(f"{path}: actors file not found")
        entries.extend(read_entry_file(path, "organisation", roles))
    return build_kb(entries, countries, roles)


def _refuse_duplicates(entries: Iterable[KBActor]) -> None:
    seen: dict[str, str] = {}
    for actor in entries:
        if actor.id in seen:
            raise KnowledgeError(f"{actor.origin}: duplicate id {actor.id!r} (first at {seen[actor.id]})")
        seen[actor.id] = actor.origin
