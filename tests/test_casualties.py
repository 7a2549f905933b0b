"""The casualties stage: figures of killed, injured, displaced and captured people in a sentence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from dateline.casualties import find_casualties, find_casualty_figures, total_casualties
from dateline.casualties.terms import load_casualty_terms
from dateline.numbers import Quantity, load_number_words, parse_quantity
from dateline.records import Article, Casualties, Count

Parse = Callable[..., tuple[Article, Doc]]
Triple = tuple[int, int, int] | None


def _triple(count: Count | None) -> Triple:
    return None if count is None else (count.low, count.best, count.high)


def _casualties(parse: Parse, text: str) -> Casualties:
    article, doc = parse(text)
    return find_casualties(article, doc[:], terms=load_casualty_terms())


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Insurgents executed 72 Sunnis in the village.", (72, 72, 72), None),
        ("The militants killed up to 500 people in their assault.", (100, 500, 500), None),
        ("The blast left 12 dead and 30 wounded.", (12, 12, 12), (30, 30, 30)),
        ("Two people were shot and killed and three others were wounded.", (2, 2, 2), (3, 3, 3)),
        ("A man and a woman were killed and two dozen people were hurt.", (2, 2, 2), (24, 24, 24)),
        ("The strike killed 12 soldiers and 5 civilians.", (17, 17, 17), None),
        ("Between 10 and 15 civilians died, including five children.", (10, 10, 15), None),
        ("The death toll rose to 45 on Monday.", (45, 45, 45), None),
        ("A 25-year-old man was fatally shot on Sunday night.", (1, 1, 1), None),
        ("He was shot in the leg and taken to hospital.", None, (1, 1, 1)),
        ("No one was injured in the attack.", None, (0, 0, 0)),
        ("Scores were wounded and several people were killed.", (3, 3, 9), (40, 40, 99)),
        ("More than a dozen soldiers died in the ambush.", (13, 13, 13), None),
        ("Police said a gunman opened fire, killing him.", (1, 1, 1), None),
    ],
)
def test_casualties_killed_and_injured(parse: Parse, text: str, killed: Triple, injured: Triple) -> None:
    found = _casualties(parse, text)
    assert (_triple(found.killed), _triple(found.injured)) == (killed, injured)


def test_casualties_combined_figure_is_split_conservatively(parse: Parse) -> None:
    found = _casualties(parse, "A roadside bomb killed and wounded more than a dozen soldiers.")
    assert _triple(found.killed) == (1, 1, 12)
    assert _triple(found.injured) == (1, 12, 12)


def test_casualties_displaced_with_a_hedge_and_a_source(parse: Parse) -> None:
    found = _casualties(parse, "The United Nations reported that nearly 25,000 residents have fled the city.")
    assert _triple(found.displaced) == (22500, 25000, 25000)
    assert found.reported_by is not None and found.reported_by.text == "United Nations"


def test_casualties_source_from_according_to(parse: Parse) -> None:
    found = _casualties(parse, "Six civilians were killed, according to health officials.")
    assert found.reported_by is not None and found.reported_by.text == "health officials"


def test_casualties_captured_counts_people_not_towns(parse: Parse) -> None:
    found = _casualties(parse, "Gunmen abducted 20 villagers and captured three towns.")
    assert _triple(found.captured) == (20, 20, 20)


def test_casualties_vague_words_give_a_range(parse: Parse) -> None:
    found = _casualties(parse, "Hundreds of families were displaced by the fighting.")
    assert _triple(found.displaced) == (200, 200, 999)


@pytest.mark.parametrize(
    "text",
    [
        "The 25-year-old soldier spoke to reporters on May 3.",
        "The army spent $5 million on 300 new trucks.",
        "Talks will resume in 2016.",
    ],
)
def test_casualties_ignore_numbers_that_are_not_victims(parse: Parse, text: str) -> None:
    assert _casualties(parse, text) == Casualties()


def test_casualties_follow_the_trigger(parse: Parse) -> None:
    article, doc = parse("Rebels killed 40 soldiers in the north, and ministers met in the capital.")
    met = next(token for token in doc if token.lower_ == "met")
    killed = next(token for token in doc if token.lower_ == "killed")
    assert find_casualties(article, doc[:], terms=load_casualty_terms(), trigger=met) == Casualties()
    assert _triple(find_casualties(article, doc[:], terms=load_casualty_terms(), trigger=killed).killed) == (40, 40, 40)


def test_casualties_figures_carry_offsets(parse: Parse) -> None:
    article, doc = parse("Gunmen killed at least 20 people.")
    figures = find_casualty_figures(doc[:], terms=load_casualty_terms())
    assert [(f.category, f.text) for f in figures] == [("killed", "at least 20")]
    assert article.text[figures[0].start : figures[0].end] == "at least 20"


def test_casualties_total_of_nothing_is_empty() -> None:
    assert total_casualties([]) == Casualties()


@pytest.mark.parametrize("text", ["", " ", "\u200b", "😀😀", "killed killed killed", "12 12 12 12"])
def test_casualties_survive_hostile_input(parse: Parse, text: str) -> None:
    assert isinstance(_casualties(parse, text), Casualties)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25,000", Quantity(25000, 25000, 25000)),
        ("1.5 million", Quantity(1500000, 1500000, 1500000)),
        ("twenty-four", Quantity(24, 24, 24)),
        ("two dozen", Quantity(24, 24, 24)),
        ("one hundred and five", Quantity(105, 105, 105)),
        ("a few", Quantity(2, 3, 5)),
        ("tens of thousands", Quantity(20000, 20000, 99999)),
        ("several hundred", Quantity(300, 300, 900)),
        ("banana", None),
        ("", None),
    ],
)
def test_casualties_number_words(text: str, expected: Quantity | None) -> None:
    assert parse_quantity(text, load_number_words()) == expected


def test_casualties_terms_load() -> None:
    terms = load_casualty_terms()
    assert terms.verbs["kill"].category == "killed"
    assert terms.hedges["more than"] == "more_than"
    assert "town" in terms.not_people
    assert "killing" in terms.death_nouns and "rifle" in terms.weapons and "blvd" in terms.address_words
    assert terms.numbers["hundreds"].kind == "vague"


@pytest.mark.parametrize(
    ("loader", "name", "bad_row"),
    [
        (load_casualty_terms, "casualty_terms.tsv", "kill\tverb\tmaimed\tobject\n"),
        (load_casualty_terms, "casualty_terms.tsv", "rifle\tweapons\t-\t-\n"),
        (load_casualty_terms, "casualty_terms.tsv", "Rifle\tweapon\t-\t-\n"),
        (load_number_words, "number_words.tsv", "dozen\tmultitude\t12\t12\t12\n"),
        (load_number_words, "number_words.tsv", "dozen\tmultiplier\ttwelve\t12\t12\n"),
        (load_number_words, "number_words.tsv", "dozen\tmultiplier\t12\t10\t12\n"),
    ],
)
def test_casualties_bad_rows_name_file_and_line(
    tmp_path: Path, loader: Callable[[Path], object], name: str, bad_row: str
) -> None:
    source = Path(__file__).resolve().parent.parent / "dateline" / "knowledge" / name
    broken = tmp_path / name
    broken.write_text(source.read_text(encoding="utf-8") + bad_row, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{name.replace('.', r'\.')}:\d+"):
        loader(broken)


def test_casualties_source_must_report_the_figure(parse: Parse) -> None:
    found = _casualties(parse, "Militias killed 30 villagers, and a rights group reported other abuses.")
    assert _triple(found.killed) == (30, 30, 30)
    assert found.reported_by is None


def test_casualties_event_noun_counts_its_object(parse: Parse) -> None:
    found = _casualties(parse, "Militias are blamed for the killing of 72 villagers in January.")
    assert _triple(found.killed) == (72, 72, 72)


def test_casualties_list_of_victims_counts_each(parse: Parse) -> None:
    found = _casualties(parse, "A mother, father, and toddler were found dead in the house.")
    assert _triple(found.killed) == (3, 3, 3)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A teenager was shot and died at the scene.", (1, 1, 1), None),
        ("He was taken to a nearby hospital and died on Friday.", (1, 1, 1), None),
        ("A man is dead after a shooting on Elm Street.", (1, 1, 1), None),
        ("Police said a 17-year-old is dead.", (1, 1, 1), None),
        ("Two men are dead and a woman was hurt.", (2, 2, 2), (1, 1, 1)),
        ("A father shot his daughter and then himself in a murder-suicide.", (2, 2, 2), None),
        ("A 15-year-old was wounded in the leg.", None, (1, 1, 1)),
        ("Police said the gunman killed a clerk before taking his own life.", (2, 2, 2), None),
        ("She takes her own car to work.", None, None),
        ("The game was dead even at halftime.", None, None),
    ],
)
def test_casualties_gun_violence_phrases(parse: Parse, text: str, killed: Triple, injured: Triple) -> None:
    found = _casualties(parse, text)
    assert (_triple(found.killed), _triple(found.injured)) == (killed, injured)


def test_casualties_each_figure_has_its_own_reporter(parse: Parse) -> None:
    text = (
        "The militants killed up to 500 people in their assault, and the United Nations reported that nearly "
        "25,000 residents have fled."
    )
    found = _casualties(parse, text)
    assert found.killed is not None and found.killed.reported_by is None
    assert found.displaced is not None and found.displaced.reported_by is not None
    assert found.displaced.reported_by.text == "United Nations"
    assert found.reported_by is None  # the event's source is its leading (killed) figure's


def test_casualties_figures_keep_their_hedge(parse: Parse) -> None:
    found = _casualties(parse, "At least 5 people were killed and more than a dozen were wounded.")
    hedges = {figure.category: figure.hedge for figure in found.figures}
    assert hedges == {"killed": "at_least", "injured": "more_than"}
    assert [(figure.text, figure.best, figure.counted) for figure in found.figures] == [
        ("At least 5", 5, True),
        ("more than a dozen", 13, True),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Up to 500 people were killed.", (100, 500, 500)),
        ("Fewer than 40 people were killed.", (10, 39, 39)),
    ],
)
def test_casualties_upper_bounds_keep_their_order_below(parse: Parse, text: str, expected: Triple) -> None:
    assert _triple(_casualties(parse, text).killed) == expected


def test_casualties_victim_named_again_in_one_sentence_counts_once(parse: Parse) -> None:
    text = (
        "Police said a 7-year-old boy was shot and killed on Saturday and that the bullet that killed Ana Ruiz "
        "was meant for her father."
    )
    assert _triple(_casualties(parse, text).killed) == (1, 1, 1)
    assert _triple(_casualties(parse, "Gunmen killed a farmer and his son in the village.").killed) == (2, 2, 2)


def test_casualties_victim_named_shot_and_dead_in_one_sentence_is_no_injured(parse: Parse) -> None:
    found = _casualties(parse, "Gomez shot and killed 16-year-old Lena Farrow, and Farrow was shot twice in the back.")
    assert _triple(found.killed) == (1, 1, 1)
    assert found.injured is None
    other = _casualties(parse, "Gomez shot and killed 16-year-old Lena Farrow, and Tomas Brandt was shot in the arm.")
    assert _triple(other.injured) == (1, 1, 1)


def test_casualties_people_in_care_are_injured(parse: Parse) -> None:
    text = (
        "One guard is dead, two people are listed in serious condition and three are being treated for minor "
        "injuries after the shooting at the depot."
    )
    found = _casualties(parse, text)
    assert _triple(found.killed) == (1, 1, 1)
    assert _triple(found.injured) == (5, 5, 5)
    assert _casualties(parse, "Two people were treated for exhaustion in the heat.").injured is None
    # in care says they were hurt, not that they lived: like "shot", a death told later may be one of them
    _, doc = parse("Two boys were listed in critical condition on Sunday.")
    [figure] = find_casualty_figures(doc[:], terms=load_casualty_terms())
    assert (figure.category, figure.manner) == ("injured", True)


def test_casualties_possessive_her_is_not_a_victim(parse: Parse) -> None:
    found = _casualties(parse, "A neighbour accused of fatally shooting her older cousin appeared in court.")
    assert _triple(found.killed) == (1, 1, 1)


def test_casualties_fatal_incident_floor_gives_way_to_a_figure(parse: Parse) -> None:
    assert _triple(_casualties(parse, "Police are investigating a fatal shooting in the park.").killed) == (1, 1, 1)
    found = _casualties(parse, "The deadly attack killed three soldiers.")
    assert _triple(found.killed) == (3, 3, 3)


@pytest.mark.parametrize(
    ("text", "day"),
    [("Nadia Kell was shot and killed Jan. 11 outside her home.", "11"), ("Police found him dead on March 3.", "3")],
)
def test_casualties_day_after_a_month_is_no_figure(parse: Parse, text: str, day: str) -> None:
    assert day not in [figure.text for figure in _casualties(parse, text).figures]


def test_casualties_day_after_a_month_leaves_the_figure(parse: Parse) -> None:
    found = _casualties(parse, "Two men were shot and killed Sept. 3 near the park.")
    assert _triple(found.killed) == (2, 2, 2)


@pytest.mark.parametrize(
    "text",
    [
        # a headline glued to the body, as some pages give them: the name's age before a dash
        "Marta Elena Ruiz, 67 - The Crime Report - Valley GazetteMarta Elena Ruiz, a 67-year-old Asian female, died "
        "Monday, Jan. 6, after being shot in Oakdale, according to county coroner's records.",
        "Ana Ruiz, 60, and Tom Lee, 26, were found dead.",
    ],
)
def test_casualties_age_after_a_name_is_no_figure(parse: Parse, text: str) -> None:
    found = _casualties(parse, text)
    assert not {"67", "60", "26"} & {figure.text for figure in found.figures}
    assert found.killed is not None and found.killed.best <= 2


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("He was one of three people killed in the shooting.", [("three", 3)]),  # a part: not four
        ("Tens of thousands of residents have fled the fighting.", [("Tens of thousands", 20000)]),
    ],
)
def test_casualties_parts_counters_and_vague_phrases(parse: Parse, text: str, figures: list[tuple[str, int]]) -> None:
    found = _casualties(parse, text)
    assert [(figure.text, figure.best) for figure in found.figures if figure.counted] == figures


def test_casualties_gallery_counter_is_no_figure(parse: Parse) -> None:
    found = _casualties(parse, "Photo: Ana Ruiz Image 8 of 8 4-year-old who accidentally shot himself dies")
    assert all(figure.best != 8 for figure in found.figures)


@pytest.mark.parametrize(
    "text",
    [
        "She was shot once and pronounced dead shortly after she arrived at the hospital.",
        "Mourners gathered for a teen boy who police say was accidentally shot and killed by his friend.",
        "A man was found shot and pronounced dead at the scene.",
    ],
)
def test_casualties_death_told_through_a_complement_or_a_relative_clause(parse: Parse, text: str) -> None:
    found = _casualties(parse, text)
    assert (_triple(found.killed), _triple(found.injured)) == ((1, 1, 1), None)


@pytest.mark.parametrize(
    "text", ["The bomb could have killed hundreds of people.", "My son wouldn't have hurt anyone, his mother said."]
)
def test_casualties_what_might_have_happened_is_no_figure(parse: Parse, text: str) -> None:
    assert _casualties(parse, text).figures == ()


def test_casualties_toll_a_change_replaced_is_kept_not_counted(parse: Parse) -> None:
    found = _casualties(parse, "The death toll from the raid rose to 14 from 8, the governor said.")
    assert _triple(found.killed) == (14, 14, 14)
    assert [(figure.best, figure.counted, figure.update) for figure in found.figures] == [
        (14, True, True),
        (8, False, True),
    ]


def test_casualties_causative_object_is_the_displaced(parse: Parse) -> None:
    found = _casualties(parse, "The shelling forced 6,000 villagers to flee across the river.")
    assert _triple(found.displaced) == (6000, 6000, 6000)


def test_casualties_urged_to_flee_is_no_figure(parse: Parse) -> None:
    assert _casualties(parse, "The mayor urged 6,000 villagers to flee across the river.").displaced is None


def test_casualties_one_person_who_fled_escaped(parse: Parse) -> None:
    found = _casualties(parse, "The gunman fled the scene in a white car, and a family of five fled to the border.")
    assert _triple(found.displaced) == (5, 5, 5)  # the family: the gunman escaped, he was not displaced


def test_casualties_non_fatal_is_no_death(parse: Parse) -> None:
    assert _casualties(parse, "He was arrested in 2019 for a non-fatal shooting in Oakdale.").killed is None
    assert _triple(_casualties(parse, "Police are investigating a fatal shooting in Oakdale.").killed) == (1, 1, 1)


@pytest.mark.parametrize(
    ("text", "killed_by", "injured_by"),
    [
        ("Medics said two guards were killed and the governor said nine were wounded.", "Medics", "governor"),
        (
            "A mortar killed two guards at the gate, the police said, while medics said nine were wounded.",
            "police",
            "medics",
        ),
    ],
)
def test_casualties_nearest_reporter_reports_the_figure(
    parse: Parse, text: str, killed_by: str, injured_by: str
) -> None:
    found = _casualties(parse, text)
    assert found.killed is not None and found.killed.reported_by is not None
    assert found.injured is not None and found.injured.reported_by is not None
    assert (found.killed.reported_by.text, found.injured.reported_by.text) == (killed_by, injured_by)


def test_casualties_one_victim_told_killed_and_injured_died(parse: Parse) -> None:
    found = _casualties(parse, "Detectives are investigating the death of a man who was shot outside a bakery.")
    assert (_triple(found.killed), _triple(found.injured)) == ((1, 1, 1), None)


def test_casualties_age_written_without_hyphens_names_a_victim(parse: Parse) -> None:
    found = _casualties(parse, "A 3 year old was killed by a stray bullet on Monday.")
    assert _triple(found.killed) == (1, 1, 1)


def test_casualties_a_weapon_is_no_victim(parse: Parse) -> None:
    assert _casualties(parse, "He pulled a pistol out and shot twice into the car.").figures == ()


def test_casualties_subject_hung_from_the_auxiliary(parse: Parse) -> None:
    text = (
        "His uncle, 6-year-old Sam, and his aunt, Rosa, 33, were both injured and taken by helicopter to Mercy "
        "Hospital."
    )
    assert _triple(_casualties(parse, text).injured) == (2, 2, 2)


def test_casualties_perpetrator_who_committed_suicide_is_counted(parse: Parse) -> None:
    found = _casualties(parse, "A gunman killed two farmers at a market on Saturday, then committed suicide.")
    assert _triple(found.killed) == (3, 3, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Although there were dozens of fans around the evening the singer was shot, no one saw the gunman.",
        "About 40 guests were at the party where a boy was shot in the leg.",
    ],
)
def test_casualties_a_relative_clause_with_its_own_victim_tells_when_or_where(parse: Parse, text: str) -> None:
    found = _casualties(parse, text)
    assert (_triple(found.killed), _triple(found.injured)) == (None, (1, 1, 1))


def test_casualties_a_relative_clause_without_its_own_victim_counts_the_noun(parse: Parse) -> None:
    found = _casualties(parse, "Police said 14 people who were shot on the street survived.")
    assert _triple(found.injured) == (14, 14, 14)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Firefighters found three people dead inside the burned house.", (3, 3, 3)),
        ("Three people are dead after the crash.", (3, 3, 3)),
    ],
)
def test_casualties_subject_of_a_casualty_adjective_complement(parse: Parse, text: str, killed: Triple) -> None:
    assert _triple(_casualties(parse, text).killed) == killed
