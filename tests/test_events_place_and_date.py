"""The event's own place and date (events/context.py, issue 20): the most specific place of its clause, ACLED's
geo_precision and the reason for each choice; dates from its own words, its other mentions, or the article's date
only for the news reported. Sentences written for these tests."""

from __future__ import annotations

from events_helpers import run_events

from dateline.records import Event


def _first(events: list[Event]) -> Event:
    assert events, "expected an event"
    return events[0]


def test_events_place_town_of_a_country_phrase_is_the_town(parse, resources) -> None:  # type: ignore[no-untyped-def]
    event = _first(run_events(parse, resources, "Gunmen stormed a checkpoint in the Iraq town of Tal Afar on Monday."))
    assert event.location is not None
    location = event.location
    assert (location.country, location.precision, location.geo_precision, location.reason) == (
        "IQ",
        "place",
        1,
        "own_clause",
    )


def test_events_place_town_before_its_country(parse, resources) -> None:  # type: ignore[no-untyped-def]
    event = _first(
        run_events(parse, resources, "A roadside bomb exploded in Gao, Mali, on Friday, killing four soldiers.")
    )
    assert event.location is not None
    assert (event.location.country, event.location.precision, event.location.geo_precision) == ("ML", "place", 1)
    assert event.location.reason in ("own_clause", "own_sentence")


def test_events_place_near_a_town_is_geo_precision_2(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Militants blew up a pipeline 20 kilometres north of Kirkuk on Tuesday."
    event = _first(run_events(parse, resources, text))
    assert event.location is not None
    assert (event.location.country, event.location.reason, event.location.geo_precision) == ("IQ", "relative", 2)


def test_events_place_country_only_is_geo_precision_3(parse, resources) -> None:  # type: ignore[no-untyped-def]
    event = _first(run_events(parse, resources, "Insurgents ambushed an army patrol in Somalia on Sunday."))
    assert event.location is not None
    assert (event.location.precision, event.location.geo_precision) == ("country", 3)


def test_events_date_from_its_own_words(parse, resources) -> None:  # type: ignore[no-untyped-def]
    event = _first(run_events(parse, resources, "Rebels shelled Goma on Monday.", published="2021-03-10"))
    assert event.date is not None
    assert (event.date.value, event.date.reason) == ("2021-03-08", "own_expression")


def test_events_date_of_the_news_reported_is_the_article_s(parse, resources) -> None:  # type: ignore[no-untyped-def]
    event = _first(run_events(parse, resources, "Rebels shelled Goma, killing six people.", published="2021-03-10"))
    assert event.date is not None
    assert (event.date.value, event.date.text, event.date.reason) == ("2021-03-10", None, "reported_news")
