"""Cleaning: boilerplate out, story kept, whitespace tidy, title, publication date and dateline as metadata."""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from dateline.clean import BadDocumentError, clean_document, clean_with_notes, content_id, load_clean_knowledge
from dateline.clean.knowledge import CuePattern, load_boilerplate_rules, load_month_names
from dateline.knowledge import KnowledgeError
from dateline.readers import read_paths
from dateline.records import Article, RawDocument

TODAY = dt.date(2026, 11, 24)
LIMIT = 2_000_000
S1 = "Iraqi forces pushed into the western district of Mosul on Monday, two officers said."
S2 = "The militants fired mortars at the advancing troops and set oil wells on fire, they said."
S3 = "A spokesman for the coalition said aircraft had struck 14 targets near the town."
DEMO = Path(__file__).resolve().parent.parent / "dateline" / "demo"
S4 = "Residents said they had heard heavy gunfire through the night and had stayed indoors."


def _clean(text: str, **given: str) -> Article:
    return clean_with_notes(
        RawDocument(origin="t.txt", text=text, **given), max_chars=LIMIT, knowledge=load_clean_knowledge(), today=TODAY
    ).article


def _story(*sentences: str) -> str:
    return "\n\n".join(sentences)


def test_clean_content_id_is_stable_and_follows_clean_text() -> None:
    assert content_id(S1) == content_id(S1) != content_id(S2)
    assert _clean(S1 + "\n").id == _clean("  " + S1 + "\r\n\r\n").id == content_id(S1)
    assert _clean(S1, id="given-7").id == "given-7"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"{S1}\n{S2}", f"{S1}\n\n{S2}"),
        (f"{S1}\r\n\r\n\r\n{S2}", f"{S1}\n\n{S2}"),
        (
            "Troops\tentered   the\u00a0city on Monday, officers said.",
            "Troops entered the city on Monday, officers said.",
        ),
        ("He called it “a victory” and ‘a turning point’.", "He called it “a victory” and ‘a turning point’."),
        (
            "The coun\u00adter\u00adattack began at\u200b dawn, officials said.",
            "The counterattack began at dawn, officials said.",
        ),
        (
            "Cafe\u0301 owners in Erbil said the strike hit a depot.",
            "Café owners in Erbil said the strike hit a depot.",
        ),
        (
            "Fighting &amp; shelling continued in Raqqa, monitors said.",
            "Fighting & shelling continued in Raqqa, monitors said.",
        ),
        ("قال مسؤولون إن القوات دخلت المدينة.", "قال مسؤولون إن القوات دخلت المدينة."),
        ("Shelling hit the \ud800 market, monitors said.", "Shelling hit the \ufffd market, monitors said."),
        ("Shelling\x00 hit the\x1b market, monitors said.", "Shelling hit the market, monitors said."),
    ],
)
def test_clean_normalises_whitespace_and_keeps_characters(raw: str, expected: str) -> None:
    assert _clean(raw).text == expected


def test_clean_rejoins_hard_wrapped_paragraphs() -> None:
    wrapped = (
        "Iraqi forces pushed into the western district of\nMosul on Monday, two officers said, after a week\n"
        "of heavy fighting with the militants.\n\nThe militants fired mortars at the advancing\n"
        "troops and set oil wells on fire, the officers\nsaid, adding that the counter-\nattack was repelled.\n\n"
        "A spokesman for the coalition said aircraft had\nstruck 14 targets near the town overnight.\n"
    )
    paragraphs = _clean(wrapped).text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0] == (
        "Iraqi forces pushed into the western district of Mosul on Monday, two officers said, after a week of heavy "
        "fighting with the militants."
    )
    assert "the counter-attack was repelled." in paragraphs[1]


@pytest.mark.parametrize(
    ("raw", "title", "first"),
    [
        (f"Iraqi troops enter western Mosul\n\n{S1}\n\n{S2}", "Iraqi troops enter western Mosul", S1),
        (f"Will the offensive stall?\n{S1}\n{S2}", "Will the offensive stall?", S1),
        (f"World\n\nIraqi troops enter western Mosul\n\n{S1}", "Iraqi troops enter western Mosul", S1),
        (f"{S1}\n\n{S2}", None, S1),
        ("Iraqi troops enter western Mosul", None, "Iraqi troops enter western Mosul"),
        (f"By Jane Roe\n\nIraqi troops enter western Mosul\n\n{S1}", "Iraqi troops enter western Mosul", S1),
    ],
)
def test_clean_title_from_first_headline_line(raw: str, title: str | None, first: str) -> None:
    article = _clean(raw)
    assert article.title == title
    assert article.text.split("\n\n")[0] == first


def test_clean_given_title_wins_and_its_repeat_leaves_the_text() -> None:
    article = _clean(f"Troops enter Mosul\n\n{S1}", title="Troops enter Mosul")
    assert (article.title, article.text) == ("Troops enter Mosul", S1)
    other = _clean(f"Other headline here\n\n{S1}", title="Given headline")
    assert other.title == "Given headline" and other.text.startswith("Other headline here")


def test_clean_metadata_fields_are_tidied() -> None:
    article = _clean(S1, title="  Troops\n enter\tMosul ", id=" a\ud800b ", source="", url=" https://example.org/x ")
    assert (article.title, article.id, article.source, article.url) == (
        "Troops enter Mosul",
        "a\ufffdb",
        None,
        "https://example.org/x",
    )


def test_clean_keeps_paragraph_under_headline_when_no_dateline_follows() -> None:
    article = _clean(f"Troops enter Mosul\n\nA push into the west of the city after weeks of delay\n\n{S1}")
    assert article.text.startswith("A push into the west of the city after weeks of delay\n\n")


@pytest.mark.parametrize(
    "standfirst",
    [
        "A push into the west of the city after weeks of delay",
        "The army says the push will take weeks; aid groups fear for civilians.",
    ],
)
def test_clean_standfirst_before_dateline_leaves_the_text(standfirst: str) -> None:
    article = _clean(f"Troops enter Mosul\n\n{standfirst}\n\nMOSUL (AP) — {S1}\n\n{S2}")
    assert article.text == _story(f"MOSUL (AP) — {S1}", S2)


def test_clean_false_dateline_later_does_not_drop_story() -> None:
    assert _clean(_story(S1, S2, "READ MORE: Inside the battle for the airport", S3)).text == _story(S1, S2, S3)


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("05/19/2015 04:04 pm ET Updated Dec 06, 2017", "2015-05-19"),
        ("Last updated on: 03 December,2020 05:40 pm", "2020-12-03"),
        ("Published June 11, 2014", "2014-06-11"),
        ("2014-06-11", "2014-06-11"),
        ("June 11, 2014 | 5:42 PM", "2014-06-11"),
        ("Posted: Wednesday, 11 June 2014 17:42 GMT", "2014-06-11"),
        ("2014-06-11T17:42:00+03:00", "2014-06-11"),
        ("11.06.2014", "2014-06-11"),
        ("Jun. 11, 2014 By Jane Roe", "2014-06-11"),
        ("Updated Dec 06, 2017", "2017-12-06"),
    ],
)
def test_clean_publication_date_from_date_line(stamp: str, published: str) -> None:
    article = _clean(f"Iraqi troops enter western Mosul\n{stamp}\n{S1}\n{S2}")
    assert article.published == published
    assert stamp not in article.text and article.text.startswith(S1)


def test_clean_date_line_at_the_foot_and_cued_date_in_text() -> None:
    assert _clean(_story(S1, S2, S3, "Published June 11, 2014")).published == "2014-06-11"
    assert _clean(_story(S1, S2, S3, "Published June 11, 2014")).text == _story(S1, S2, S3)
    assert _clean(_story(f"{S1} (Posted on: February 13, 2014)", S2)).published == "2014-02-13"


@pytest.mark.parametrize(
    "text",
    [
        _story(S1, S2),
        _story("On June 11, 2014, militants seized the city, residents said.", S2),
        _story(S1, "June 11", S2),
    ],
)
def test_clean_no_date_stamp_gives_none(text: str) -> None:
    assert _clean(text).published is None


def test_clean_story_sentence_with_date_is_not_a_date_line() -> None:
    sentence = "On June 11, 2014, militants seized the city, residents said."
    assert sentence in _clean(_story(S1, sentence, S2)).text


@pytest.mark.parametrize(
    ("given", "stamp", "published", "note"),
    [
        ("2016-10-17", "Published June 11, 2014", "2016-10-17", None),
        ("2016-10-17T08:00:00Z", "", "2016-10-17", None),
        ("October 17, 2016", "", "2016-10-17", None),
        ("1066-10-14", "Published June 11, 2014", "2014-06-11", "outside 1900–2027"),
        ("2099-01-01", "", None, "outside 1900–2027"),
        ("last week", "", None, "is not a date"),
        (None, "Published June 11, 1850", None, "outside 1900–2027"),
    ],
)
def test_clean_given_date_wins_and_absurd_dates_are_refused(
    given: str | None, stamp: str, published: str | None, note: str | None
) -> None:
    raw = RawDocument(origin="t.jsonl:3", text=f"{stamp}\n\n{S1}\n\n{S2}", published=given)
    result = clean_with_notes(raw, max_chars=LIMIT, knowledge=load_clean_knowledge(), today=TODAY)
    assert result.article.published == published
    assert (note is None) == (not result.notes)
    if note is not None:
        assert note in result.notes[0] and "t.jsonl" not in result.notes[0]


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("MOSUL (AP) — Iraqi forces pushed into the city on Monday.", "MOSUL"),
        ("WASHINGTON – The Pentagon said on Monday it would send more advisers.", "WASHINGTON"),
        ("BAGHDAD, Iraq (Reuters) - A car bomb killed five people on Sunday.", "BAGHDAD"),
        ("ERBIL, Iraq — Kurdish forces said on Monday they had retaken two villages.", "ERBIL"),
        ("NEW YORK (AP) — The council met on Monday.", "NEW YORK"),
        ("AL-QAIM, Iraq, June 11 (Reuters) - Militants attacked the crossing.", "AL-QAIM"),
        ("Kabul (CNN) — A suicide bomber struck a bus on Monday.", "Kabul"),
        ("BEIRUT: Shelling resumed on Monday, monitors said.", "BEIRUT"),
        ("HILLA, Iraq (Tigris Wire) –Gunmen opened fire on a convoy on Monday.", "HILLA"),
        ("UPDATE — The ministry raised the toll to 12 on Monday.", None),
        ("BREAKING NEWS: A car bomb exploded in Baghdad on Monday.", None),
        ("ISIS — the group that seized Mosul — said nothing.", None),
        ("The U.S. - led coalition said on Monday it struck 14 targets.", None),
        ("Iraqi forces said on Monday they had retaken the town.", None),
    ],
)
def test_clean_dateline_place_as_written_and_kept_in_text(opening: str, place: str | None) -> None:
    article = _clean(f"Troops enter the city\n\n{opening}\n\n{S2}")
    assert article.dateline == place
    assert article.text.startswith(opening)


def test_clean_dateline_alone_in_its_paragraph() -> None:
    article = _clean(f"Troops enter the city\n\nTIKRIT, Iraq -\n\n{S1}\n\n{S2}")
    assert article.dateline == "TIKRIT" and article.text.startswith("TIKRIT, Iraq -\n\n")


def test_clean_dateline_after_standfirst() -> None:
    text = f"Troops enter Mosul\n\nA push into the west of the city\n\nMOSUL (AP) — {S1}\n\n{S2}"
    article = _clean(text)
    assert article.dateline == "MOSUL" and article.text.startswith("MOSUL (AP) — ")


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Related: How the siege of the old city began",
        "►Related: Gunman kills two at a market in the old city",  # a mark before the cue
        "• READ MORE: Inside the battle for the airport",
        "READ MORE: Inside the battle for the airport",
        "Looking for more?",
        "Get the best of our reporting sent straight to your inbox. Sign up for daily news.",
        "Sign up for our newsletter",
        "Advertisement",
        "Story continues below advertisement",
        "Share this article",
        "Follow us on Twitter",
        "Twitter: @somedesk",
        "desk@example.com",
        "© 2015 Example Media. All rights reserved.",
        "Tags: Iraq, Mosul, Islamic State",
        "Reporting by Jane Roe; Editing by John Doe",
        "Jane Roe in Erbil and John Doe in Baghdad contributed to this report.",
        "Staff photographer John Doe contributed.",
        "Photo: Jane Roe/AFP",
        "(AP Photo/Jane Roe)",
        "Getty Images",
        "Soldiers stand guard at a checkpoint near the town, June 10, 2015. (JANE ROE/AFP/Getty Images)",
        "Smoke rises over the district after an airstrike. (Photo by Jane Roe/Getty Images)",
        "Firefighters work at the scene of the blast on Sunday. Jane Roe/Northern Outlet",
        "Fighters on a ridge above the town on Monday. Photo: Jane Roe/Levant Outlet",
        "Fighters on a ridge above the town on Monday. Photo by Jane Roe",
        "— Please return to example.com for updates.",
        "Defence Minister Jane Roe (l.) and General John Doe (r.) speak to reporters in Baghdad on Monday.",
        "In this file photo, smoke rises over the old city after an airstrike.",
        "***",
    ],
)
def test_clean_drops_boilerplate_paragraph(boilerplate: str) -> None:
    article = _clean(_story(S1, S2, boilerplate, S3, S4))
    assert article.text == _story(S1, S2, S3, S4)


def test_clean_drops_credit_line_with_its_caption_block() -> None:
    text = f"{S1}\n\n{S2}\n\nJane Roe/Reuters\nOfficials meet reporters in Paris on Tuesday.\n\n{S3}\n\n{S4}"
    assert _clean(text).text == _story(S1, S2, S3, S4)


def test_clean_credit_in_single_newline_text_keeps_next_paragraph() -> None:
    text = "\n".join([S1, S2, "Jane Roe/Reuters", S3, S4])
    assert _clean(text).text == _story(S1, S2, S3, S4)


@pytest.mark.parametrize(
    "appeal",
    [
        "You've read 3 of 5 free articles. Subscribe to continue.",
        "Dear Reader,",
        "Before you go",
        "You have reached your limit of free articles this month.",
    ],
)
def test_clean_appeal_truncates_the_tail(appeal: str) -> None:
    letter = "We are an independent newsroom and we rely on you. Please give what you can today to keep us going."
    article = _clean(_story(S1, S2, S3, appeal, letter, "Donate now", letter))
    assert article.text == _story(S1, S2, S3)


def test_clean_appeal_before_the_story_drops_only_its_line() -> None:
    assert _clean(_story("Dear Reader,", S1, S2, S3)).text == _story(S1, S2, S3)


def test_clean_link_list_heading_and_links_go() -> None:
    links = ["Most read", "Five things to know about the siege", "Who are the fighters?", "Map of the front lines"]
    assert _clean(_story(S1, S2, *links, S3)).text == _story(S1, S2, S3)


def test_clean_trailing_link_titles_go() -> None:
    assert _clean(_story(S1, S2, S3, "The Battle For The Airport", "Inside The Old City")).text == _story(S1, S2, S3)


def test_clean_keeps_unpunctuated_last_story_line_in_sentence_case() -> None:
    last = "He later died of his wounds in hospital"
    assert _clean(_story(S1, S2, last)).text == _story(S1, S2, last)


@pytest.mark.parametrize(
    "story",
    [
        "The ministry said the militants had used a newsletter and a radio station to recruit fighters across the"
        " province, and that both had been shut down after the raid on Monday.",
        "By Tuesday, the militants had fled the town, residents said.",
        "Sign up for the army was low in the province last year, the ministry said.",
        "Photographs of the damage were shared widely, and officials said they would investigate.",
        "1. SECURITY COULD WORSEN",
        "Iran and Russia also contributed.",
        "The vote passed 52/48 in the assembly on Monday, officials said.",
        "He said the strike was ordered by the Defense Department. Officials in Baghdad/Erbil did not comment.",
    ],
)
def test_clean_keeps_story_that_resembles_a_cue(story: str) -> None:
    assert story in _clean(_story(S1, S2, story, S3, S4)).text


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n\t", "Advertisement\n\nShare this article\n\nSign up for our newsletter"],
)
def test_clean_refuses_documents_without_story(text: str) -> None:
    with pytest.raises(BadDocumentError):
        clean_document(RawDocument(origin="x.txt", text=text), max_chars=LIMIT, knowledge=load_clean_knowledge())


def test_clean_refuses_text_over_the_limit_without_naming_origin() -> None:
    with pytest.raises(BadDocumentError, match=r"^\d+ characters, more than the limit of 50$"):
        clean_document(RawDocument(origin="x.txt", text=S1 * 3), max_chars=50, knowledge=load_clean_knowledge())


def test_clean_html_page_text_and_metadata() -> None:
    html = (
        "<html><head><title>Troops enter Mosul - Example News</title>"
        '<meta property="og:title" content="Troops enter Mosul">'
        '<meta property="article:published_time" content="2016-10-17T08:00:00Z"></head>'
        "<body><nav>Home | World | Sport</nav><article><h1>Troops enter Mosul</h1>"
        f"<p>MOSUL, Iraq (AP) — {S1}</p><p>{S2}</p><p>Sign up for our newsletter</p><p>{S3}</p></article>"
        "<footer>Copyright 2016</footer></body></html>"
    )
    article = clean_document(RawDocument(origin="p.html", html=html), max_chars=LIMIT, knowledge=load_clean_knowledge())
    assert (article.title, article.published, article.dateline) == ("Troops enter Mosul", "2016-10-17", "MOSUL")
    assert article.text == _story(f"MOSUL, Iraq (AP) — {S1}", S2, S3)


@pytest.mark.parametrize(
    "html",
    [
        f"<p>{S1}<p>{S2}",
        f"<div><p>{S1}</div></span></p><b>{S2}",
        f"<html><body><p>{S1}</p><p>{S2}</p>",
    ],
)
def test_clean_broken_html_still_gives_text(html: str) -> None:
    text = clean_document(
        RawDocument(origin="b.html", html=html), max_chars=LIMIT, knowledge=load_clean_knowledge()
    ).text
    assert S1 in text and S2 in text and "<" not in text


def test_clean_html_without_text_is_refused() -> None:
    with pytest.raises(BadDocumentError, match="no text"):
        clean_document(
            RawDocument(origin="e.html", html="<html><head><script>x=1</script></head></html>"),
            max_chars=LIMIT,
            knowledge=load_clean_knowledge(),
        )


def test_clean_markup_in_text_field_is_read_as_html() -> None:
    raw = RawDocument(origin="r.jsonl:1", text=f"<p>{S1}</p>\n<p>{S2}</p>\n<p>{S3}</p>")
    assert clean_document(raw, max_chars=LIMIT, knowledge=load_clean_knowledge()).text == _story(S1, S2, S3)


def test_clean_is_fast_on_a_long_article() -> None:
    text = _story(*([S1, S2, S3, S4] * 500))
    started = time.process_time()
    article = _clean(text)
    assert len(article.text) == len(text)
    assert time.process_time() - started < 2.0


@pytest.mark.parametrize(
    "text",
    [
        "a" * 200_000,
        "June 11, 2014 " * 10_000,
        "MOSUL, Iraq, " * 5_000 + "(AP) — Troops entered.",
        "Jane/" * 20_000,
        "(" * 50_000 + "x" + ")" * 50_000,
        "Posted on " * 20_000,
        "line\n" * 100_000,
    ],
)
def test_clean_hostile_long_inputs_stay_fast(text: str) -> None:
    started = time.process_time()
    _clean(text)
    assert time.process_time() - started < 3.0


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("drop\t(unclosed", "bad regular expression"),
        ("drop\t.*", "matches the empty string"),
        ("nonsense\tabc", "unknown kind"),
        ("drop\t", "row has no pattern"),
    ],
)
def test_clean_rules_bad_row_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "rules.tsv"
    path.write_text(f"# comment\nkind\tpattern\tnote\n{row}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"{path}:3: .*{message}"):
        load_boilerplate_rules(path)


def test_clean_bundled_rules_load() -> None:
    rules = load_boilerplate_rules()
    assert "updated" in rules.date_words and "Reuters" in rules.photo_agencies
    assert rules.sentence_inside.search("Troops left. Rebels came") is not None
    assert rules.sentence_inside.search("Gen. Smith visits troops") is None  # an abbreviation ends no sentence


def test_clean_knowledge_reads_the_months_of_the_time_words() -> None:
    knowledge = load_clean_knowledge()
    assert knowledge.dates.months["sept"] == 9 and knowledge.dates.months["december"] == 12


@pytest.mark.parametrize(("old", "new"), [("  june: 6", "  june: 13"), ("  june: 6", "  june: sixth")])
def test_clean_month_names_bad_entry_names_file_and_line(tmp_path: Path, old: str, new: str) -> None:
    source = Path(__file__).resolve().parent.parent / "dateline" / "knowledge" / "time_words.yaml"
    broken = tmp_path / "time_words.yaml"
    broken.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"time_words\.yaml:[1-9]\d*: months\.june must map to a month number"):
        load_month_names(broken)


@pytest.mark.parametrize("stamp", ["Published Sept. 5, 2015", "5 SEPTEMBER 2015", "Sep 05, 2015"])
def test_clean_month_names_of_the_time_words_read_stamps(stamp: str) -> None:
    article = _clean(f"Iraqi troops enter western Mosul\n{stamp}\n{S1}\n{S2}")
    assert article.published == "2015-09-05"


def test_clean_misspelt_month_is_no_date_and_no_crash() -> None:
    """The month pattern used to accept "Sepember" (sept?(?:ember)?), which no month name matched: a KeyError."""
    article = _clean(f"Iraqi troops enter western Mosul\nSepember 5, 2015\n{S1}\n{S2}")
    assert article.published is None


@pytest.mark.slow
def test_clean_gvc_sample_keeps_the_story_and_finds_true_dates(eval_dir: Path) -> None:
    """On real scraped news (every 4th GVC document): nothing refused, most text kept, stamp dates match the DCT."""
    lines = (eval_dir / "gvc" / "gvc_docs.jsonl").read_text(encoding="utf-8").splitlines()[::4]
    kept: list[float] = []
    dates: list[bool] = []
    for line in lines:
        doc = json.loads(line)
        raw = RawDocument(origin=doc["doc_id"], text=doc["content"], title=doc["title"])
        article = clean_with_notes(raw, max_chars=LIMIT, knowledge=load_clean_knowledge(), today=TODAY).article
        kept.append(len(article.text) / len(" ".join(doc["content"].split())))
        if article.published is not None:
            dates.append(article.published == doc["dct"])
    assert statistics.median(kept) >= 0.95 and min(kept) >= 0.5
    assert dates and sum(dates) / len(dates) >= 0.9


def _demo_cases() -> list[dict[str, Any]]:
    expected = DEMO / "expected.yaml"
    if not expected.is_file():
        return []
    articles: list[dict[str, Any]] = yaml.safe_load(expected.read_text(encoding="utf-8"))["articles"]
    return articles


@pytest.mark.parametrize("case", _demo_cases(), ids=lambda case: f"{case['file']}:{case.get('id', '')}")
def test_clean_demo_corpus_metadata_boilerplate_and_kept_sentences(case: dict[str, Any]) -> None:
    """The bundled demo articles: title, date, dateline as expected.yaml says; planted boilerplate gone; story kept."""
    items = [item for item in read_paths([str(DEMO / "articles" / str(case["file"]))]) if isinstance(item, RawDocument)]
    [raw] = [item for item in items if "id" not in case or item.id == case["id"]]
    article = clean_document(raw, max_chars=LIMIT, knowledge=load_clean_knowledge())
    assert (article.title, article.published, article.dateline) == (case["title"], case["published"], case["dateline"])
    text = " ".join(article.text.split())
    for boilerplate in case.get("boilerplate") or []:
        assert " ".join(str(boilerplate).split()) not in text
    for sentence in case.get("must_keep") or []:
        assert " ".join(str(sentence).split()) in text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Related: the week in pictures", True),  # anchored cue
        ("The story is related: it is not a cue here", False),  # the anchored cue only at the start
        ("Get our briefing delivered to your inbox every day", True),  # unanchored cue, mid-line
        ("Troops advanced on the town at dawn.", False),
        ("", False),
    ],
)
def test_cue_pattern_searches_anchored_and_unanchored_cues_as_one(text: str, found: bool) -> None:
    assert (load_boilerplate_rules().drop.search(text) is not None) is found


def test_cue_pattern_with_only_unanchored_cues() -> None:
    pattern = CuePattern(None, (re.compile("inbox", re.IGNORECASE),))
    assert pattern.search("straight to your INBOX") is not None
    assert pattern.search("nothing here") is None


@pytest.mark.parametrize(
    "body",
    [
        f"<p>{S1}</p><div>{S2}</div><p>{S3}</p>",
        f"<p>{S1}</p><div>{S2}</div><p>{S3}</p><p>{S4}</p>",
        f"<p>{S1}<div>{S2}</div><p>{S3}</p>",  # an unclosed <p> before the <div>
    ],
)
def test_clean_html_text_in_a_div_between_paragraphs_is_kept(body: str) -> None:
    for html in (f"<html><head><title>Mosul</title></head><body>{body}</body></html>", body):
        raw = RawDocument(origin="page.html", html=html)
        text = clean_document(raw, max_chars=LIMIT, knowledge=load_clean_knowledge()).text
        assert S1 in text and S2 in text and S3 in text, text
