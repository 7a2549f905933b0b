"""Tests for dateline.actors.kb, lexicon and names: the knowledge files, their schema checks and lookups."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from dateline.actors import KnowledgeError, load_actor_kb
from dateline.actors.kb import AliasTrie, Office, read_country_rows
from dateline.actors.knowledge import RULER_PATH, load_ruler_words
from dateline.actors.lexicon import ROLES_PATH, load_role_lexicon
from dateline.actors.names import fold, name_key, slug


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load_actor_kb()


# --- names ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Al-Abadi", "al abadi"),
        ("U.S.-led", "us led"),
        ("Erdoğan", "erdogan"),
        ("Kata'ib  Hezbollah", "kataib hezbollah"),
    ],
)
def test_actors_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Qassem Solaimani", "Qassim Soleimani"),
        ("Kassem Suleimani", "Qasem Soleimani"),
        ("Haider al-Abadi", "Haider Abadi"),
        ("Mustafa al-Kadhimi", "Mustafa Kazimi"),
        ("Kareem al-Rubaie", "Karim Rubaie"),
    ],
)
def test_actors_name_key_merges_transliterations(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(("first", "second"), [("Hassan", "Hussein"), ("Abadi", "Obeidi")])
def test_actors_name_key_keeps_different_names_apart(first: str, second: str) -> None:
    assert name_key(first) != name_key(second)


@pytest.mark.parametrize("text", ["", "   ", "—", "٣"])
def test_actors_names_hostile_input(text: str) -> None:
    assert isinstance(fold(text), str)
    assert isinstance(slug(text), str)


# --- the bundled KB -------------------------------------------------------------------------------------------


def test_actors_kb_has_300_actors_with_aliases(kb) -> None:  # type: ignore[no-untyped-def]
    with_aliases = [actor for actor in kb.actors.values() if actor.aliases]
    curated = [actor for actor in kb.actors.values() if actor.kind != "country"]
    assert len(with_aliases) >= 300
    assert len(curated) >= 250


def test_actors_kb_has_every_iso_country(kb) -> None:  # type: ignore[no-untyped-def]
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3.lower() not in kb.actors]
    assert missing == []


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("ISIS", "islamic-state"),
        ("ISIL", "islamic-state"),
        ("IS", "islamic-state"),
        ("Daesh", "islamic-state"),
        ("the Islamic State group", "islamic-state"),
        ("Islamic State of Iraq and the Levant", "islamic-state"),
        ("Hashd al-Shaabi", "popular-mobilization-forces"),
        ("PMU", "popular-mobilization-forces"),
        ("Kata'ib Hizbollah", "kataib-hezbollah"),
        ("Counter-Terrorism Service", "iraqi-counter-terrorism-service"),
        ("Qassim Soleimani", "qassem-soleimani"),
        ("Qassem Solaimani", "qassem-soleimani"),
        ("Ashton Carter", "ash-carter"),
        ("the White House", "usa-gov"),
        ("Pentagon", "usa-mil"),
        ("U.S.", "usa"),
        ("Iraq", "irq"),
        ("Associated Press", "associated-press"),
    ],
)
def test_actors_kb_lookup(kb, name: str, actor_id: str) -> None:  # type: ignore[no-untyped-def]
    assert actor_id in [actor.id for actor in kb.lookup(name)]


@pytest.mark.parametrize("word", ["is", "Is", "us", "ap"])
def test_actors_kb_acronyms_are_case_sensitive(kb, word: str) -> None:  # type: ignore[no-untyped-def]
    assert kb.lookup(word) == ()


def test_actors_kb_media_are_marked(kb) -> None:  # type: ignore[no-untyped-def]
    for actor_id in ("reuters", "associated-press", "afp", "cnn", "bbc", "new-york-times", "al-ahad-tv"):
        assert kb.actors[actor_id].media
        assert kb.actors[actor_id].sector == "MED"
    assert not kb.actors["islamic-state"].media


@pytest.mark.parametrize(
    ("office", "of", "day", "holder"),
    [
        ("prime minister", "IRQ", "2015-05-19", "haider-al-abadi"),
        ("prime minister", "IRQ", "2019-06-01", "adil-abdul-mahdi"),
        ("prime minister", "IRQ", "2020-12-03", "mustafa-al-kadhimi"),
        ("defence minister", "USA", "2015-05-24", "ash-carter"),
        ("defence minister", "USA", "2014-05-24", "chuck-hagel"),
        ("president", "USA", "2015-06-01", "barack-obama"),
        ("quds force commander", "IRN", "2019-01-01", "qassem-soleimani"),
    ],
)
def test_actors_kb_office_holder_by_date(kb, office: str, of: str, day: str, holder: str) -> None:  # type: ignore[no-untyped-def]
    found = kb.holder(office, of, day)
    assert found is not None and found.id == holder


def test_actors_kb_office_holder_needs_a_date(kb) -> None:  # type: ignore[no-untyped-def]
    assert kb.holder("prime minister", "IRQ", None) is None


@pytest.mark.parametrize(
    ("office", "day", "held"),
    [
        (Office("president", "USA", "2009-01-20", "2017-01-20"), "2017-01-20", True),
        (Office("president", "USA", "2009-01-20", "2017-01-20"), "2017-01-21", False),
        (Office("leader", "IRQ", "2016-06", None), "2016-06-01", True),
        (Office("leader", "IRQ", "2016", "2018"), "2018-12-31", True),
        (Office("leader", "IRQ", "2016", "2018"), "2019-01-01", False),
    ],
)
def test_actors_office_held_on(office: Office, day: str, held: bool) -> None:
    assert office.held_on(day) is held


# --- user files and schema errors -----------------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "my_actors.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_actors_user_file_extends_the_kb(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "- id: tribal-council-x\n  name: Albu Nimr Tribal Council\n  aliases: [Albu Nimr]\n"
        "  country: IRQ\n  sector: PRM\n",
    )
    kb = load_actor_kb(extra)
    assert [actor.id for actor in kb.lookup("Albu Nimr")] == ["tribal-council-x"]
    assert "islamic-state" in kb.actors


def test_actors_user_file_overrides_by_id(tmp_path: Path) -> None:
    extra = _write(tmp_path, "- id: islamic-state\n  name: ISIL\n  aliases: [Daesh]\n  country: IMG\n  sector: INS\n")
    kb = load_actor_kb(extra)
    assert kb.actors["islamic-state"].sector == "INS"
    assert kb.actors["islamic-state"].name == "ISIL"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("- id: Bad Id\n  name: X\n", "`id`"),
        ("- id: x\n  name: X\n  sector: ZZZ\n", "unknown sector"),
        ("- id: x\n  name: X\n  country: XXX\n", "`country`"),
        ("- id: x\n  name: X\n  colour: red\n", "unknown field"),
        ("- id: x\n  name: X\n  parent: nobody-here\n", "unknown parent"),
        ("- id: x\n  name: X\n  aliases: [Islamic State (IS)]\n", "brackets"),
        ("- id: x\n  name: X\n  offices: [{office: emperor, of: IRQ}]\n", "unknown office"),
        ("- id: x\n  name: X\n  offices: [{office: president, of: IRQ, start: May 2015}]\n", "`start`"),
        ("- id: x\n  name: X\n  wikidata: 12345\n", "`wikidata`"),
        ("- id: x\n  name: X\n  acled_inter: 9\n", "acled_inter"),
        ("- id: x\n  name: [unclosed\n", "my_actors.yaml:"),
    ],
)
def test_actors_bad_entry_names_file_and_line(tmp_path: Path, entry: str, message: str) -> None:
    extra = _write(tmp_path, "# my actors\n\n" + entry)
    with pytest.raises(KnowledgeError, match=message) as raised:
        load_actor_kb(extra)
    assert "my_actors.yaml:" in str(raised.value)


def test_actors_bad_entry_line_number(tmp_path: Path) -> None:
    extra = _write(tmp_path, "- id: fine\n  name: Fine\n- id: x\n  name: X\n  sector: ZZZ\n")
    with pytest.raises(KnowledgeError, match=r"my_actors\.yaml:3:"):
        load_actor_kb(extra)


def test_actors_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="not found"):
        load_actor_kb(str(tmp_path / "absent.yaml"))


def test_actors_bad_country_row(tmp_path: Path) -> None:
    path = tmp_path / "countries.tsv"
    path.write_text("# header\nalpha3\tdemonyms\tmetonyms\tnames\twikidata\nIRQ\tIraqi\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"countries\.tsv:3:"):
        read_country_rows(path)


def test_actors_bad_country_code_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "countries.tsv"
    path.write_text("alpha3\tdemonyms\tmetonyms\tnames\twikidata\nIrq\tIraqi\tBaghdad\t-\tQ796\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"countries\.tsv:2: expected an alpha-3 code"):
        read_country_rows(path)


def test_actors_shipped_words_load() -> None:
    roles = load_role_lexicon()
    assert {"the", "their"} <= roles.determiners and {"both", "several"} <= roles.quantifier_words
    assert roles.leading_words == roles.determiners | roles.quantifier_words
    ruler = load_ruler_words()
    assert {"of", "al", "bin"} <= ruler.name_particles and "Congress" in ruler.exclude


def test_actors_role_words_refuse_an_empty_word(tmp_path: Path) -> None:
    text = ROLES_PATH.read_text(encoding="utf-8")
    path = tmp_path / "roles.yaml"
    path.write_text(text.replace("quantifier_words: [other,", "quantifier_words: ['', other,"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"roles\.yaml:\d+: `quantifier_words` must be a list"):
        load_role_lexicon.__wrapped__(path)


def test_actors_ruler_words_refuse_a_missing_list(tmp_path: Path) -> None:
    path = tmp_path / "ruler.yaml"
    path.write_text(RULER_PATH.read_text(encoding="utf-8").split("\nname_particles:")[0], encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"ruler\.yaml:\d+: `name_particles` must be a list"):
        load_ruler_words.__wrapped__(path)


def test_actors_documented_user_file_example_loads(tmp_path: Path) -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "actors.md").read_text(encoding="utf-8")
    section = docs.split("### Your own actors", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    kb = load_actor_kb(_write(tmp_path, example))
    assert [actor.id for actor in kb.lookup("Al Bu Nimr")] == ["albu-nimr"]
    assert kb.actors["abu-azrael"].kind == "person"
    assert kb.actors["abu-azrael"].offices[0].office == "leader"
    assert kb.actors["islamic-state"].sector == "INS"


# --- alias trie (a speed structure: it must say what alias_prefixes and aliases say) --------------------------


def test_actors_kb_alias_trie_follows_words() -> None:
    trie = AliasTrie.of(["islamic state", "islamic state of iraq", "peshmerga"])
    state = trie.follow(["islamic", "state"])
    assert state is not None and state.ends_alias
    islamic = trie.follow(["islamic"])
    assert islamic is not None and not islamic.ends_alias
    assert trie.follow(["state"]) is None
    assert trie.follow([]) is trie
    of = trie.follow(["islamic", "state", "of"])
    assert of is not None and not of.ends_alias and of.follow(["iraq"]) is not None


def test_actors_kb_alias_trie_agrees_with_prefixes(kb) -> None:  # type: ignore[no-untyped-def]
    for prefix in kb.alias_prefixes:
        node = kb.alias_trie.follow(prefix.split())
        assert node is not None, prefix
        assert node.ends_alias == (prefix in kb.aliases), prefix
    assert kb.alias_trie.follow(["no", "such", "alias", "anywhere"]) is None
