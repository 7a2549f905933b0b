"""The event's own place and date (events/context.py, issue 20): the most specific place of its clause, ACLED's
geo_precision and the reason for each choice; dates from its own words, its other mentions, or the article's date
only for the news reported. Sentences written for these tests."""

from __future__ import annotations

from dataclasses import replace

from events_helpers import run_events
from spacy.tokens import Doc

from dateline.records import Article, Event


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


def test_events_date_not_from_another_verb_of_the_sentence(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Police on Wednesday named the gunman in an attack on a checkpoint near Kirkuk. "
        "The attack happened on Sunday night, officials said."
    )
    event = _first(run_events(parse, resources, text, published="2021-03-10"))
    assert event.date is not None
    assert (event.date.value, event.date.text) == ("2021-03-07", "Sunday night")


def test_events_date_given_in_the_next_sentence(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "A suicide bomber struck a market in Mogadishu, killing nine. The blast went off at 10 a.m. on Monday."
    event = _first(run_events(parse, resources, text, published="2021-03-10"))
    assert event.date is not None
    # the blast is a telling of the bombing: its date is a mention's
    assert (event.date.value, event.date.precision, event.date.reason) == ("2021-03-08", "day", "mention")


def test_events_date_a_week_made_a_day_by_the_next_sentence(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen opened fire on worshippers in Kaduna last week. The shooting began early on Friday, witnesses said."
    event = _first(run_events(parse, resources, text, published="2021-03-10"))
    assert event.date is not None
    assert (event.date.value, event.date.precision, event.date.reason) == ("2021-03-05", "day", "own_expression")


def test_events_date_a_clock_time_sits_on_the_day_named_before(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Troops pushed into Bakhmut on Saturday. The shelling resumed just before 6 p.m., residents said."
    event = _first(run_events(parse, resources, text, published="2021-03-10"))
    assert event.date is not None
    assert (event.date.value, event.date.precision) == ("2021-03-06", "day")


def test_events_place_north_of_the_capital_of_the_story_s_country(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Iraqi forces said militants were regrouping in Diyala and Anbar. "
        "A bomb hit a small refinery north of the capital on Sunday, killing two guards."
    )
    event = _first(run_events(parse, resources, text))
    assert event.location is not None
    location = event.location
    assert (location.name, location.reason, location.geo_precision) == ("Baghdad", "relative", 2)


def test_events_place_the_capital_a_demonym_names(parse, resources) -> None:  # type: ignore[no-untyped-def]
    near = _first(run_events(parse, resources, "Gunmen attacked a police station south of the Somali capital."))
    inside = _first(run_events(parse, resources, "A car bomb exploded in the Afghan capital on Tuesday."))
    assert near.location is not None and inside.location is not None
    assert (near.location.name, near.location.geo_precision) == ("Mogadishu", 2)
    assert (inside.location.name, inside.location.geo_precision, inside.location.reason) == ("Kabul", 1, "own_clause")


def test_events_date_from_an_it_happened_clause_after_the_lead(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "A teenager was shot and killed in Dayton. It happened just before 6 p.m. Friday, police said."
    event = _first(run_events(parse, resources, text, published="2021-03-10"))
    assert event.date is not None
    assert (event.date.value[:10], event.date.reason) == ("2021-03-05", "mention")


def test_events_date_a_day_of_the_next_sentence_is_another_occurrence_s(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Militants seized the town of Kuma, officials said. On Monday, the president visited the capital."
    event = _first(run_events(parse, resources, text, published="2021-03-10"))
    assert event.date is not None
    assert (event.date.precision, event.date.reason) == ("week", "reported_news")


def test_events_date_a_day_given_to_the_hour_past_another_event_s_sentence(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # the arrest is another event; the hour of the call, after it, times the shooting the lead reports
    text = (
        "A woman was shot and wounded in Toledo, police said. A neighbor was arrested at the scene. "
        "Officers were called to the apartment around 9:40 p.m. Saturday."
    )
    event = _event_of(run_events(parse, resources, text, published="2021-03-10"), "shot")
    assert event.date is not None
    assert (event.date.value, event.date.precision, event.date.reason) == ("2021-03-06", "day", "next_sentence")


def test_events_date_a_bare_day_past_another_event_s_sentence_is_not_taken(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # a day with no hour after another occurrence's sentence is that occurrence's, or the telling's
    text = (
        "A woman was shot and wounded in Toledo, police said. A neighbor was arrested at the scene. "
        "The mayor visited the street on Saturday."
    )
    event = _event_of(run_events(parse, resources, text, published="2021-03-10"), "shot")
    assert event.date is not None
    assert event.date.reason == "reported_news"


def test_events_place_not_the_dateline_of_the_first_sentence(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # the dateline says where the story was filed; the sentence's own town says where the shelling was
    text = "KHERSON, Ukraine (Wire News) — Russian forces shelled Mykolaiv on Tuesday, killing three civilians."
    event = _first(run_events(parse, resources, text))
    assert event.location is not None
    assert (event.location.text, event.location.country, event.location.reason) == ("Mykolaiv", "UA", "own_clause")


def test_events_place_dateline_town_inside_a_county_named_as_modifier(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # "a Montgomery County man" says whose, not where: the dateline's town in that county is the more precise place
    text = "DAYTON, Ohio (Wire News) — A Montgomery County man was shot and killed outside a bar on Friday."

    def with_dateline(text: str, published: str | None = None) -> tuple[Article, Doc]:
        article, doc = parse(text, published)
        return replace(article, dateline="DAYTON"), doc  # as the cleaner finds it

    event = _first(run_events(with_dateline, resources, text))
    assert event.location is not None
    assert (event.location.name, event.location.text, event.location.reason) == ("Dayton", None, "dateline")


def test_events_place_a_village_of_the_war_the_packaged_gazetteer_lacks(parse, resources) -> None:  # type: ignore[no-untyped-def]
    event = _first(run_events(parse, resources, "Coalition jets pounded militant positions in Baghouz on Friday."))
    assert event.location is not None
    assert (event.location.name, event.location.country, event.location.geo_precision) == ("Baghouz", "SY", 1)


def test_events_place_town_over_the_province_that_locates_it(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Insurgents overran Hawija, a town in Iraq's Kirkuk province, on Monday after days of fighting."
    event = _first(run_events(parse, resources, text))
    assert event.location is not None
    assert (event.location.text, event.location.country, event.location.precision) == ("Hawija", "IQ", "place")


def _event_of(events: list[Event], trigger: str) -> Event:
    found = [event for event in events if event.trigger.text == trigger]
    assert found, f"expected an event on {trigger!r}"
    return found[0]


def test_events_date_counted_from_the_clause_it_came_after(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels captured Hawija on Thursday, four days after militants shelled an army post near Kirkuk."
    event = _event_of(run_events(parse, resources, text, published="2021-03-12"), "shelled")
    assert event.date is not None
    assert (event.date.value, event.date.precision, event.date.text) == ("2021-03-07", "day", "four days")


def test_events_date_counted_in_weeks_from_the_news_is_a_week(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "The bombing came a week after soldiers shelled a village near Kirkuk."
    event = _event_of(run_events(parse, resources, text, published="2021-03-12"), "shelled")
    assert event.date is not None
    assert (event.date.value, event.date.precision) == ("2021-03-05", "week")


def test_events_date_of_its_own_clause_is_not_counted(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Fighters seized the base two days before the army withdrew from Ramadi on Sunday."
    event = _event_of(run_events(parse, resources, text, published="2021-03-12"), "withdrew")
    assert event.date is not None
    assert (event.date.value, event.date.text) == ("2021-03-07", "Sunday")


def test_events_date_days_later_than_the_date_before(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen attacked a checkpoint near Kirkuk on March 1. Two days later, militants shelled the town."
    event = _event_of(run_events(parse, resources, text, published="2021-03-12"), "shelled")
    assert event.date is not None
    assert (event.date.value, event.date.text) == ("2021-03-03", "Two days later")


def test_events_place_not_a_country_written_as_a_modifier(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # "U.S." says whose base, not where the ambush was
    event = _first(
        run_events(parse, resources, "Rebels ambushed soldiers at a former U.S. base south of Kirkuk on Thursday.")
    )
    assert event.location is not None
    assert (event.location.name, event.location.reason, event.location.geo_precision) == ("Kirkuk", "relative", 2)


def test_events_date_from_a_next_sentence_telling_no_other_event(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # the lead says what happened, the next sentence when, with no event word of its own
    text = "A teenager was shot and killed in Dayton, police said. The boy was playing in the yard at 6 p.m. Sunday."
    event = _first(run_events(parse, resources, text, published="2021-03-10"))
    assert event.date is not None
    assert (event.date.value, event.date.precision, event.date.reason) == ("2021-03-07", "day", "next_sentence")


def test_events_date_not_from_a_next_sentence_s_modal_clause(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "A boy was shot and killed in Dayton, police said. He would have turned ten on Sunday."
    event = _first(run_events(parse, resources, text, published="2021-03-10"))
    assert event.date is not None
    assert event.date.reason == "reported_news"


def test_events_date_of_a_past_event_is_not_after_the_article(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # "January 3" with no year, in an article of December: a killing told in the past is the January before
    text = "A drone strike killed a militia commander near Baghdad airport on January 3, officials said."
    event = _first(run_events(parse, resources, text, published="2020-12-03"))
    assert event.date is not None
    assert (event.date.value, event.date.precision) == ("2020-01-03", "day")


def test_events_place_not_a_country_the_event_is_only_close_to(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # "close to the US" says whose side, not where: a country is no reference point to place an event near
    text = "Protesters marched in Basra on Monday. Militiamen shot dead two activists seen as close to the US."
    placed = [event.location for event in run_events(parse, resources, text) if event.type == "ASSAULT"]
    assert placed and placed[0] is not None and placed[0].country == "IQ"


def test_events_date_an_earlier_next_sentence_day_over_another_verb_s(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # "on Tuesday" is the day of the saying; the next sentence gives the earlier day the shooting happened
    text = "Police said on Tuesday that a teenager was shot dead in Dayton. He was playing at 6 p.m. Sunday."
    shootings = [e for e in run_events(parse, resources, text, published="2021-03-10") if e.type == "ASSAULT"]
    assert shootings and shootings[0].date is not None
    assert (shootings[0].date.value, shootings[0].date.reason) == ("2021-03-07", "next_sentence")


def test_events_date_of_a_clause_a_day_after_a_dated_clause(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # "a day after" counts from the date of the clause it introduces: the shelling is the day after Monday
    text = "Gunmen shelled the village a day after the army withdrew from the town on Monday."
    event = _event_of(run_events(parse, resources, text, published="2021-03-12"), "shelled")
    assert event.date is not None
    assert (event.date.value, event.date.precision, event.date.text) == ("2021-03-09", "day", "a day")


def test_events_date_a_counted_clause_without_a_date_gives_none(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # the clause after "after" names no day: nothing to count from, the shelling keeps its own date
    text = "Gunmen shelled the village on Friday, a day after the army withdrew from the town."
    event = _event_of(run_events(parse, resources, text, published="2021-03-10"), "shelled")
    assert event.date is not None
    assert (event.date.value, event.date.text) == ("2021-03-05", "Friday")


def test_events_date_of_a_noun_mention_a_day_after_a_dated_clause(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # the event's second mention is a noun counted from the other clause's day: Monday and a day is Tuesday
    text = "Artillery hit a market in Douma. The shelling came a day after rebels ambushed a convoy on Monday."
    event = _event_of(run_events(parse, resources, text, published="2021-03-12"), "hit")
    assert event.date is not None
    assert (event.date.value, event.date.precision, event.date.reason) == ("2021-03-09", "day", "mention")


def test_events_date_background_in_the_past_perfect_has_none(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # a past-perfect main clause tells background: it takes neither the article's date nor the news's day
    text = "Gunmen attacked a checkpoint near Kirkuk on Tuesday. Militants had bombed a bridge outside the city."
    events = run_events(parse, resources, text, published="2021-03-12")
    assert _event_of(events, "bombed").date is None
    attack = _event_of(events, "attacked").date
    assert attack is not None and attack.value == "2021-03-09"


def test_events_date_background_in_the_past_perfect_keeps_its_year(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Soldiers shelled Sirte on Tuesday. The militants had captured the port of Sirte in 2015."
    event = _event_of(run_events(parse, resources, text, published="2021-03-12"), "captured")
    assert event.date is not None
    assert (event.date.value, event.date.precision) == ("2015", "year")


def test_events_date_reported_past_perfect_is_news(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # the past perfect of reported speech is the reporting verb's tense: the shooting is the news, dated
    text = "Police said on Tuesday that a gunman had shot two guards at a bank in Lagos."
    event = _event_of(run_events(parse, resources, text, published="2021-03-12"), "shot")
    assert event.date is not None
    assert event.date.value == "2021-03-09"
