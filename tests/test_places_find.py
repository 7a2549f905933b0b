"""find_places on short hand-written news sentences: recognition, offsets, disambiguation from context."""

from __future__ import annotations

import pytest

from dateline.places import find_places, with_capitals
from dateline.records import Place


def _by_text(found: list[Place], text: str) -> Place:
    return next(p for p in found if p.text == text)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Islamic State fighters overran Ramadi in Iraq's Anbar province on Sunday.", "Ramadi", "IQ"),
        ("Militants blew up temples in Palmyra after Syrian troops withdrew from the city.", "Palmyra", "SY"),
        ("A car bomb exploded at a checkpoint in Hilla, south of Baghdad, killing 12 people.", "Hilla", "IQ"),
        ("Kurdish fighters advanced towards Raqqa in northern Syria on Tuesday.", "Raqqa", "SY"),
        ("The minister flew from Ottawa to Toronto for talks on the Canadian mission.", "Ottawa", "CA"),
    ],
)
def test_places_find_resolves_conflict_places(places_of, text: str, name: str, country: str) -> None:  # type: ignore[no-untyped-def]
    assert _by_text(places_of(text), name).country == country


def test_places_find_container_after_comma_overrides_population(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("A barn fire in Palmyra, Pennsylvania, drew firefighters from three towns.")
    assert _by_text(found, "Palmyra").country == "US"
    assert _by_text(found, "Palmyra").admin1 == "Pennsylvania"


def test_places_find_region_word_picks_the_region(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Fighting spread across Diyala province and into Salahuddin.")
    diyala = next(p for p in found if p.text.startswith("Diyala"))
    assert (diyala.feature, diyala.country) == ("admin1", "IQ")
    assert _by_text(found, "Salahuddin").country == "IQ"


def test_places_find_offsets_point_at_the_words(places_of) -> None:  # type: ignore[no-untyped-def]
    text = "Officials in Mosul and Baghdad said the road to Tikrit was closed."
    found = places_of(text)
    assert found, "expected place mentions"
    for place in found:
        assert text[place.start : place.end] == place.text


def test_places_find_possessive_is_not_part_of_the_name(places_of) -> None:  # type: ignore[no-untyped-def]
    text = "Syria's army retook the town."
    found = places_of(text)
    assert _by_text(found, "Syria").end == len("Syria")


def test_places_find_opening_dateline_in_capitals(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("MOSUL (AP) — Iraqi forces cleared nearby villages on Monday.")
    mosul = _by_text(found, "MOSUL")
    assert (mosul.start, mosul.country) == (0, "IQ")


def test_places_find_demonym_is_context_not_a_mention(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Iraqi officials said the attack killed five soldiers.")
    assert all(p.text != "Iraqi" for p in found)


def test_places_find_place_inside_organisation_name(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("The Texas Department of Public Safety said two people died near Austin, Texas.")
    assert any(p.text == "Texas" and p.start == 4 for p in found)


def test_places_find_newspaper_names_are_not_places(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("The New York Times reported the strike in Idlib.")
    assert all("New York" not in p.text for p in found)


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200b", "ﷺ 🙂 ΑΒΓ", "a" * 5000])
def test_places_find_hostile_text_gives_no_crash(places_of, text: str) -> None:  # type: ignore[no-untyped-def]
    found = places_of(text)
    assert isinstance(found, list)
    assert all(text[p.start : p.end] == p.text for p in found)


def test_places_find_disease_named_after_a_place_is_not_a_place(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Health officials in Ohio confirmed two new cases of West Nile virus on Friday.")
    assert all("Nile" not in p.text for p in found)
    assert any(p.text == "Ohio" for p in found)


def test_places_find_inside_organisation_needs_story_support(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Xinhua reported the outbreak in Guangdong.")
    assert all(p.text != "Xinhua" for p in found)


@pytest.mark.parametrize(
    "text",
    [
        "Cases of the fever were confirmed in Alabama, Georgia, Oklahoma and Texas this week.",
        "Health officials in Florida and Georgia reported new infections on Monday.",
    ],
)
def test_places_find_state_listed_with_states_is_the_state(places_of, text: str) -> None:  # type: ignore[no-untyped-def]
    georgia = _by_text(places_of(text), "Georgia")
    assert (georgia.feature, georgia.country) == ("admin1", "US")


def test_places_find_region_after_a_town_and_comma_holds_the_town(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Samples were flown to a laboratory in Atlanta, Georgia, for testing.")
    assert (_by_text(found, "Georgia").feature, _by_text(found, "Georgia").country) == ("admin1", "US")


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        ("Ohio lawmakers met on Monday. Later, police in Dublin closed two streets after a water main broke.",
         "Dublin", "Ohio"),
        ("Texas officials said the storm passed north of Paris late on Tuesday, downing power lines.",
         "Paris", "Texas"),
    ],
)  # fmt: skip
def test_places_find_town_in_the_state_the_story_names(places_of, text: str, town: str, state: str) -> None:  # type: ignore[no-untyped-def]
    place = _by_text(places_of(text), town)
    assert (place.country, place.admin1) == ("US", state)


def test_places_find_state_name_is_not_a_town_of_another_named_state(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Michigan and Wyoming reported outbreaks at two cattle farms.")
    assert _by_text(found, "Wyoming").feature == "admin1"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Aid workers reached camps in the Democratic Republic of the Congo on Friday.",
         "Democratic Republic of the Congo", "CD"),
        ("Cholera cases rose in Guinea-Bissau after the floods.", "Guinea-Bissau", "GW"),
    ],
)  # fmt: skip
def test_places_find_completes_a_cut_short_country_name(places_of, text: str, name: str, country: str) -> None:  # type: ignore[no-untyped-def]
    assert _by_text(places_of(text), name).country == country


def test_places_find_one_place_per_name_in_a_story(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of(
        "Decatur, Georgia, will vote on the plan next week. Decatur officials said the vote in Decatur could be close."
    )
    decaturs = [p for p in found if p.text == "Decatur"]
    assert len(decaturs) >= 2 and {p.admin1 for p in decaturs} == {"Georgia"}


def test_places_find_gaza_in_news_is_the_strip_not_the_province(places_of) -> None:  # type: ignore[no-untyped-def]
    assert _by_text(places_of("Rockets were fired from Gaza overnight, the army said."), "Gaza").country == "PS"


def test_places_find_news_sense_yields_to_a_story_about_another_country(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Peanut farmers in Georgia lost half their crop, the U.S. Department of Agriculture said.")
    assert (_by_text(found, "Georgia").feature, _by_text(found, "Georgia").country) == ("admin1", "US")


def test_places_find_news_sense_holds_without_other_evidence(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Russian troops crossed into Georgia near Tskhinvali on Friday.")
    assert _by_text(found, "Georgia").country == "GE"


def test_places_find_town_missing_from_its_named_state_is_an_area_there(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("MADISONVILLE, Ohio — Police closed a street after a shooting on Saturday night.")
    town = next(p for p in found if p.text.lower() == "madisonville")
    assert (town.feature, town.admin1, town.country) == ("area", "Ohio", "US")


@pytest.mark.parametrize(
    ("text", "mention", "feature", "country"),
    [
        ("Wildfires burned for a week in the state of Washington, officials said.", "Washington", "admin1", "US"),
        ("Flooding closed schools in the city of Sao Paulo on Monday.", "Sao Paulo", "city", "BR"),
        ("Aid groups warned of cholera in Ghana, Niger, Nigeria and Togo.", "Niger", "country", "NE"),
    ],
)
def test_places_find_type_words_and_lists_pick_the_kind_of_place(  # type: ignore[no-untyped-def]
    places_of, text: str, mention: str, feature: str, country: str
) -> None:
    place = _by_text(places_of(text), mention)
    assert (place.feature, place.country) == (feature, country)


@pytest.mark.parametrize(
    "text",
    [
        "Ships crossing the Pacific were told to report sick crew members.",
        "Storms over the Atlantic delayed flights to Lisbon.",
    ],
)
def test_places_find_oceans_beat_villages_of_the_same_name(places_of, text: str) -> None:  # type: ignore[no-untyped-def]
    ocean = next(p for p in places_of(text) if p.text in ("Pacific", "Atlantic"))
    assert (ocean.feature, ocean.country) == ("region", None)


def test_places_find_direction_words_before_a_city_are_dropped(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Horses were quarantined in North-Western Sydney after the outbreak.")
    sydney = next(p for p in found if "Sydney" in p.text)
    assert sydney.country == "AU" and sydney.name == "Sydney"


def test_places_find_fort_alone_names_no_town(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("The soldier died at his home near Fort Hood, Texas, the army said.")
    fort = next((p for p in found if p.text.startswith("Fort")), None)
    assert fort is None or fort.country in (None, "US")
    assert fort is None or fort.name != "Augusta"


def test_places_find_unknown_village_before_a_country_is_placed_in_that_country(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Health workers reached the village of Ntabamoyo, Kenya, on Friday after the floods.")
    village = _by_text(found, "Ntabamoyo")
    assert (village.feature, village.country, village.geonameid) == ("area", "KE", None)
    assert village.lat is not None and village.lon is not None


@pytest.mark.parametrize(
    "text",
    [
        "A teenager was shot on the city's South Side, Chicago police said.",
        "Gunmen opened fire on a bakery on the Lower East Side, New York police said.",
        "A man was killed on the city's Northwest Side, San Antonio police said.",
        # with no other place in the sentence, the scan of gazetteer names finds "Side" alone (a town in Turkey)
        "Residents of the Lower East Side saw a gunman open fire early Sunday, New York police said.",
    ],
)
def test_places_find_a_side_of_town_is_no_town(places_of, text: str) -> None:  # type: ignore[no-untyped-def]
    found = places_of(text)
    assert [p.text for p in found if "Side" in p.text or "Northwest" in p.text] == []
    assert [p.country for p in found] == ["US"]


def test_places_capital_named_without_its_name(parse, resources) -> None:  # type: ignore[no-untyped-def]
    def capitals(text: str) -> list[tuple[str, str | None, str | None]]:
        article, doc = parse(text)
        found = find_places(article, doc, knowledge=resources.places)
        assert found == [place for place in found if "capital" not in place.text]  # no toponym of its own
        return [(p.text, p.name, p.country) for p in with_capitals(article, found, knowledge=resources.places)]

    assert capitals("Rebels shelled the Yemeni capital overnight.") == [("the Yemeni capital", "Sanaa", "YE")]
    assert capitals("The minister promised to cut the capital gains tax.") == []


@pytest.mark.parametrize(
    ("text", "mention", "feature"),
    [
        # a town's own quarter named by direction words is in the town: the town, with the words written
        ("A man was shot at a Southwest Baltimore home on Saturday.", "Southwest Baltimore", "city"),
        # a region's part is not the region
        ("Storms knocked out power across North Texas on Monday.", "North Texas", "area"),
    ],
)
def test_places_find_a_town_s_quarter_is_the_town(places_of, text: str, mention: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    place = next(p for p in places_of(text) if p.text == mention)
    assert place.feature == feature
