"""The times stage: finding time expressions and normalising them against the article's date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc

from dateline.knowledge import KnowledgeError
from dateline.records import Article, EventDate, TimeExpr
from dateline.times import event_date, event_date_of, find_times, normalise, parse_published, read_for_the_event
from dateline.times.calendar import weekday_date, year_for
from dateline.times.lexicon import load_time_knowledge
from dateline.times.normalise import Context

Parse = Callable[..., tuple[Article, Doc]]

TUESDAY = "2015-05-19"  # a Tuesday, in ISO week 21


def _values(parse: Parse, text: str, published: str | None = TUESDAY) -> dict[str, tuple[str, str]]:
    article, doc = parse(text, published)
    return {t.text: (t.value, t.type) for t in find_times(article, doc, knowledge=load_time_knowledge())}


@pytest.mark.parametrize(
    ("text", "published", "words", "value", "kind"),
    [
        ("Militants seized the city on Sunday after heavy fighting.", TUESDAY, "Sunday", "2015-05-17", "DATE"),
        ("The ministry said on Tuesday that the bridge was closed.", TUESDAY, "Tuesday", "2015-05-19", "DATE"),
        ("Fighters captured the village in January.", TUESDAY, "January", "2015-01", "DATE"),
        ("Clashes broke out in the north over the weekend.", TUESDAY, "the weekend", "2015-W20-WE", "DATE"),
        ("Talks between the two sides collapsed last week.", TUESDAY, "last week", "2015-W20", "DATE"),
        ("The army hopes to retake the town by mid-January.", "2015-12-10", "mid-January", "2016-01", "DATE"),
        ("The rebels lost the town in 2014.", TUESDAY, "2014", "2014", "DATE"),
        ("A convoy was ambushed on Nov. 10 near the border.", "2020-11-23", "Nov. 10", "2020-11-10", "DATE"),
        ("The ceasefire was signed on January 3 in Geneva.", TUESDAY, "January 3", "2015-01-03", "DATE"),
        ("Airstrikes hit the town yesterday.", TUESDAY, "yesterday", "2015-05-18", "DATE"),
        ("The offensive began earlier this year.", TUESDAY, "earlier this year", "2015", "DATE"),
        ("Prices rose sharply last month.", TUESDAY, "last month", "2015-04", "DATE"),
        ("The ministers will meet on Friday in Paris.", TUESDAY, "Friday", "2015-05-22", "DATE"),
        ("Rebels attacked on Saturday. Shelling began at 4:30 p.m.", TUESDAY, "4:30 p.m.", "2015-05-16T16:30", "TIME"),
        ("Shelling began at 4:30 p.m. in the north.", TUESDAY, "4:30 p.m.", "2015-05-19T16:30", "TIME"),
        ("A guard was shot at his post at around 7:15pm.", TUESDAY, "7:15pm", "2015-05-19T19:15", "TIME"),
        ("The convoy was hit at 11 a.m. near the bridge.", TUESDAY, "11 a.m.", "2015-05-19T11:00", "TIME"),
    ],
)
def test_times_resolve_dates_against_the_article(
    parse: Parse, text: str, published: str, words: str, value: str, kind: str
) -> None:
    found = _values(parse, text, published)
    matching = {key: found[key] for key in found if words in key}
    assert matching, f"no time expression containing {words!r} in {found}"
    assert (value, kind) in matching.values()


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("The militants killed dozens in a three-day assault.", "P3D", "DURATION"),
        ("The siege lasted six months.", "P6M", "DURATION"),
        ("The group has held the town for less than three years.", "P3Y", "DURATION"),
        ("Convoys leave the capital every week.", "P1W", "SET"),
        ("The town is now under army control.", "PRESENT_REF", "DATE"),
        ("Attacks have grown in recent months.", "PAST_REF", "DATE"),
    ],
)
def test_times_type_durations_sets_and_references(parse: Parse, text: str, value: str, kind: str) -> None:
    assert (value, kind) in _values(parse, text).values()


def test_times_durations_are_not_read_as_dates(parse: Parse) -> None:
    found = _values(parse, "The five-year war left the region in ruins.")
    assert all(kind == "DURATION" for _, kind in found.values())


def test_times_offsets_point_at_the_words(parse: Parse) -> None:
    article, doc = parse("Gunmen attacked the checkpoint on Sunday night.", TUESDAY)
    for expression in find_times(article, doc, knowledge=load_time_knowledge()):
        assert article.text[expression.start : expression.end] == expression.text


def test_times_without_a_date_leave_relative_expressions_out(parse: Parse) -> None:
    found = _values(parse, "Gunmen attacked the checkpoint on Sunday, and on May 17 they left.", None)
    assert "Sunday" not in found
    assert ("XXXX-05-17", "DATE") in found.values()


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u00a0", "😀 ✓ ∑", "1234567890 " * 20])
def test_times_survive_hostile_input(parse: Parse, text: str) -> None:
    article, doc = parse(text, TUESDAY)
    assert isinstance(find_times(article, doc, knowledge=load_time_knowledge()), list)


@pytest.mark.parametrize(
    ("words", "tense", "value", "kind"),
    [
        ("since 2003", "past", "2003", "DATE"),
        ("later this year", "future", "2015", "DATE"),
        ("the summer", "past", "2014-SU", "DATE"),
        ("today", "present", TUESDAY, "DATE"),
        ("currently", "present", "PRESENT_REF", "DATE"),
        ("three days ago", "past", "2015-05-16", "DATE"),
        ("two weeks earlier", "past", "2015-W19", "DATE"),
        ("the third quarter", "past", "2014-Q3", "DATE"),
        ("10 a.m. Monday", "past", "2015-05-18T10:00", "TIME"),
        ("Friday morning", "past", "2015-05-15TMO", "TIME"),
        ("05/17/2015", "past", "2015-05-17", "DATE"),
        ("the 1990s", "past", "199", "DATE"),
        ("nineteen ninety-six", "past", "1996", "DATE"),
        ("the past year", "past", "P1Y", "DURATION"),
        ("daily", "present", "P1D", "SET"),
    ],
)
def test_times_normalise_phrases(words: str, tense: str, value: str, kind: str) -> None:
    found = normalise(words, Context(date(2015, 5, 19), tense), load_time_knowledge())  # type: ignore[arg-type]
    assert found is not None
    assert (found.value, found.type) == (value, kind)


@pytest.mark.parametrize("words", ["", "the", "banana", "69", "5-year-old"])
def test_times_normalise_refuses_non_times(words: str) -> None:
    assert normalise(words, Context(date(2015, 5, 19)), load_time_knowledge()) is None


@pytest.mark.parametrize(
    ("weekday", "tense", "direction", "expected"),
    [(7, "past", 0, date(2015, 5, 17)), (2, "past", 0, date(2015, 5, 19)), (5, "future", 0, date(2015, 5, 22)),
     (2, "past", -1, date(2015, 5, 12)), (3, "present", 0, date(2015, 5, 20))],
)  # fmt: skip
def test_times_weekday_date_follows_tense(weekday: int, tense: str, direction: int, expected: date) -> None:
    assert weekday_date(date(2015, 5, 19), weekday, tense, direction) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("month", "day", "tense", "expected"),
    [(1, None, "past", 2015), (1, None, "future", 2016), (12, 28, "past", 2014), (6, None, "present", 2015)],
)
def test_times_year_for_a_month_without_one(month: int, day: int | None, tense: str, expected: int) -> None:
    anchor = date(2015, 5, 19) if month != 12 else date(2015, 1, 3)
    assert year_for(month, day, anchor, tense) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("published", "expected"), [("2015-05-19", date(2015, 5, 19)), (None, None), ("soon", None)])
def test_times_parse_published(published: str | None, expected: date | None) -> None:
    assert parse_published(published) == expected


ARTICLE = Article(id="a", text="Fighting resumed. " * 40, published="2015-05-19")


def _expr(start: int, value: str, kind: str = "DATE") -> TimeExpr:
    return TimeExpr(text="x", start=start, end=start + 1, value=value, type=kind)


def test_times_event_date_prefers_the_sentence() -> None:
    found = event_date([_expr(5, "2015-05-17"), _expr(200, "2015-05")], 180, 260, ARTICLE)
    assert found is not None
    assert (found.value, found.precision) == ("2015-05", "month")


def test_times_event_date_takes_the_nearest_to_the_trigger() -> None:
    times = [_expr(100, "2015-05-17"), _expr(150, "2015-05-18")]
    found = event_date(times, 90, 200, ARTICLE, trigger=148)
    assert found is not None and found.value == "2015-05-18"


def test_times_event_date_looks_back_a_little() -> None:
    found = event_date([_expr(100, "2015-W20-WE")], 200, 260, ARTICLE)
    assert found is not None
    assert (found.value, found.precision) == ("2015-05-16", "week")


def test_times_event_date_falls_back_to_publication_without_text() -> None:
    found = event_date([_expr(10, "P3D", "DURATION")], 600, 700, ARTICLE)
    assert found is not None
    assert (found.value, found.precision, found.text) == ("2015-05-19", "week", None)


def test_times_event_date_a_day_of_the_next_sentences_dates_no_event() -> None:
    found = event_date([_expr(300, "2015-05-16")], 200, 260, ARTICLE)
    assert found is not None  # in wire copy the next sentences' days are other occurrences' days
    assert (found.value, found.precision, found.reason) == ("2015-05-19", "week", "reported_news")


def test_times_event_date_another_verb_s_date_comes_after_the_nearby_ones() -> None:
    times = [_expr(150, "2015-05-16"), _expr(210, "2015-05-19")]
    found = event_date(times, 200, 260, ARTICLE, foreign=frozenset({210}))
    assert found is not None
    assert (found.value, found.reason) == ("2015-05-16", "nearby_expression")
    alone = event_date(times[1:], 200, 260, ARTICLE, foreign=frozenset({210}))
    assert alone is not None
    assert (alone.value, alone.reason) == ("2015-05-19", "sentence_expression")


def test_times_event_date_a_week_takes_a_day_inside_it() -> None:
    times = [_expr(210, "2015-W20"), _expr(300, "2015-05-09"), _expr(320, "2015-05-15")]
    found = event_date(times, 200, 260, ARTICLE)
    assert found is not None  # May 9 is in the week before
    assert (found.value, found.precision, found.reason) == ("2015-05-15", "day", "own_expression")


def test_times_only_dates_read_about_the_event_tell_tellings_apart() -> None:
    own = event_date([_expr(210, "2015-05-16")], 200, 260, ARTICLE)
    following = event_date([_expr(300, "2015-05-16")], 200, 260, ARTICLE)
    assert own is not None and following is not None
    assert read_for_the_event(own) and not read_for_the_event(following)
    assert not read_for_the_event(EventDate("2015-05-19", "week", None, reason="reported_news"))


def test_times_event_date_is_none_without_anything() -> None:
    assert event_date([], 0, 10, Article(id="a", text="Nothing here.")) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2015-05-17T18:00", ("2015-05-17", "day")), ("2015-Q3", ("2015", "year")), ("PRESENT_REF", None)],
)
def test_times_event_date_of_values(value: str, expected: tuple[str, str] | None) -> None:
    found = event_date_of(_expr(0, value))
    assert (None if found is None else (found.value, found.precision)) == expected


def test_times_lexicon_loads() -> None:
    words = load_time_knowledge()
    assert words.months["sept"] == 9
    assert words.units["decade"].factor == 10


def test_times_lexicon_bad_entry_names_file_and_line(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parent.parent / "dateline" / "knowledge" / "time_words.yaml"
    broken = tmp_path / "time_words.yaml"
    broken.write_text(source.read_text(encoding="utf-8").replace("  june: 6", "  june: six"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"time_words\.yaml:\d+"):
        load_time_knowledge(broken)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('  - "on"\n', "  - on\n", "`leading_words` must be a list of non-empty strings"),  # YAML reads on as true
        ("forward_leading_words:\n", 'forward_leading_words:\n  - "soonish"\n', "not in leading_words: soonish"),
        ("  the day before: -1", "  the day before: yesterday", "relative_days.the day before must map to a int"),
    ],
)
def test_times_knowledge_bad_word_lists_name_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    source = Path(__file__).resolve().parent.parent / "dateline" / "knowledge" / "time_words.yaml"
    text = source.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "time_words.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"time_words\.yaml:[1-9]\d*: .*{message}"):
        load_time_knowledge(broken)


def test_times_knowledge_reads_the_leading_and_relative_words() -> None:
    words = load_time_knowledge()
    assert {"by", "until"} <= words.forward_leading_words <= words.leading_words
    assert "the end of" in words.part_leading_words and "on" in words.leading_words
    assert words.relative_days["the day before yesterday"] == -2
    assert "plan" in words.forward_verbs and "annual" in words.left_to_the_model
    assert words.numbers["dozen"].best == 12
