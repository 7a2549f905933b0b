"""The NLP stage: the sentence-boundary guard and the model's loading."""

from __future__ import annotations

import pytest
import spacy

from dateline import nlp


@pytest.mark.parametrize(
    ("text", "abbreviation"),
    [
        ("The convoy was hit on Nov. 10 near the city.", "Nov."),
        ("Gen. Karim Hassan led the assault.", "Gen."),
        ("Troops left on Sept. 4 after the talks.", "Sept."),
    ],
)
def test_nlp_no_sentence_starts_after_abbreviation(text: str, abbreviation: str) -> None:
    doc = spacy.blank("en")(text)
    nlp.keep_abbreviations_inside_sentences(doc)
    following = next(token for token in doc if token.text == abbreviation).i + 1
    assert doc[following].is_sent_start is False


def test_nlp_guard_leaves_other_tokens_alone() -> None:
    doc = spacy.blank("en")("Fighting ended. Residents returned.")
    nlp.keep_abbreviations_inside_sentences(doc)
    assert all(token.is_sent_start is None for token in doc[1:])


def test_nlp_date_stays_in_its_sentence(resources) -> None:  # type: ignore[no-untyped-def]
    doc = resources.nlp("Militants attacked a convoy on Nov. 10 that killed three soldiers. The army said so.")
    sentences = [sentence.text for sentence in doc.sents]
    assert sentences[0] == "Militants attacked a convoy on Nov. 10 that killed three soldiers."


def test_nlp_missing_model_gives_clear_error() -> None:
    with pytest.raises(nlp.ModelMissingError, match="not installed"):
        nlp.load_nlp("no_such_model_package_xyz")
