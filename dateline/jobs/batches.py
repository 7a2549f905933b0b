"""Extracting a batch of documents in this process: clean each, parse them together, analyse each article.

Reads: RawDocument (or the ItemError a reader gave for an item). Writes: one Extraction per item, in input order;
an item that cannot be cleaned or analysed becomes an Extraction with an empty text and its error.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from dateline import clean, nlp, pipeline
from dateline.records import Article, Extraction, ItemError, RawDocument
from dateline.settings import Settings

log = logging.getLogger(__name__)

# An article gets settings.article_timeout seconds for each TIMEOUT_CHARS characters of text (at least once): an
# ordinary article takes a tenth of a second, one of 500,000 characters (settings.max_chars) about a minute of CPU.
TIMEOUT_CHARS = 100_000


def time_limit(chars: int, settings: Settings) -> float:
    """Seconds the work on `chars` characters may take (0: no limit)."""
    return settings.article_timeout * max(1.0, chars / TIMEOUT_CHARS)


def time_budget(items: Sequence[RawDocument | ItemError], settings: Settings) -> float:
    """Seconds a batch may take in a worker, all of its work counted, before the worker is killed (0: no limit)."""
    return time_limit(
        sum(len(item.text or item.html or "") for item in items if isinstance(item, RawDocument)), settings
    )


def failed_extraction(raw: RawDocument, error: ItemError) -> Extraction:
    """The record for an input that could not become an article: empty, with the reason."""
    article_id = raw.id or clean.content_id(raw.origin)
    article = Article(id=article_id, text="", title=raw.title, url=raw.url, source=raw.source, origin=raw.origin)
    return Extraction(article=article, errors=(replace(error, article_id=article_id),))


def extract_batch(raws: Sequence[RawDocument | ItemError], settings: Settings) -> list[Extraction]:
    """Extract a batch of documents in input order. Reader errors pass through as failed extractions."""
    resources = pipeline.load_resources(settings)
    cleaned: list[tuple[clean.CleanResult, RawDocument] | Extraction] = []
    for raw in raws:
        if isinstance(raw, ItemError):
            cleaned.append(failed_extraction(RawDocument(origin=raw.origin), raw))
            continue
        try:
            cleaned.append((clean.clean_with_notes(raw, max_chars=settings.max_chars, knowledge=resources.clean), raw))
        except clean.BadDocumentError as error:
            item_error = ItemError(raw.origin, "clean", type(error).__name__, str(error))
            cleaned.append(failed_extraction(raw, item_error))
    articles = [item[0].article for item in cleaned if isinstance(item, tuple)]
    docs = iter(nlp.parse_texts(resources.nlp, (a.text for a in articles), batch_size=settings.batch_size))
    headlines = iter(_parsed_headlines(articles, resources, settings.batch_size))
    return [
        item
        if isinstance(item, Extraction)
        else _analyse_cleaned(
            *item,
            next(docs),
            resources,
            time_limit(len(item[0].article.text), settings),
            next(headlines),
        )
        for item in cleaned
    ]


def _parsed_headlines(articles: Sequence[Article], resources: pipeline.Resources, batch_size: int) -> list[Doc | None]:
    """Each article's title as the story stage parses it on its own (pipeline.headline_text; None: none to parse),
    all in one `nlp.pipe`: the same Docs as one `nlp` call per title (spaCy's own pipeline, not parse_texts'
    compiled rules), without the fixed cost of a call each (about 3 ms a title)."""
    titles = [pipeline.headline_text(article) for article in articles]
    parsed = iter(resources.nlp.pipe([title for title in titles if title is not None], batch_size=max(1, batch_size)))
    return [None if title is None else next(parsed) for title in titles]


def extract_batch_safely(batch: Sequence[RawDocument | ItemError], settings: Settings) -> list[Extraction]:
    """Extract a batch; if the batch as a whole breaks, extract item by item so that one bad item fails alone."""
    try:
        return extract_batch(batch, settings)
    except Exception as error:  # a failure outside the per-stage guards (parser, cleaner): isolate the culprit
        log.warning("batch of %d failed as a whole (%s); extracting its items one by one", len(batch), error)
        log.debug("the batch failed here", exc_info=True)
    extractions: list[Extraction] = []
    for item in batch:
        try:
            extractions.extend(extract_batch([item], settings))
        except Exception as error:  # noqa: BLE001 - the item becomes an error record, the batch goes on
            raw = item if isinstance(item, RawDocument) else RawDocument(origin=item.origin)
            failure = ItemError(raw.origin, "pipeline", type(error).__name__, str(error) or type(error).__name__)
            extractions.append(failed_extraction(raw, failure))
    return extractions


def _analyse_cleaned(
    result: clean.CleanResult,
    raw: RawDocument,
    doc: Doc,
    resources: pipeline.Resources,
    timeout: float,
    headline: Doc | None = None,
) -> Extraction:
    """Analyse a cleaned article; a field the reader ignored (of the wrong type) and metadata the cleaner refused
    (e.g. an absurd date) are reported as errors of the article."""
    extraction = pipeline.analyse(result.article, doc, resources, timeout=timeout, headline=headline)
    article = result.article
    origin = article.origin or article.id
    notes = (
        *(ItemError(origin, "ingest", "FieldIgnored", note, article.id) for note in raw.notes),
        *(ItemError(origin, "clean", "MetadataRefused", note, article.id) for note in result.notes),
    )
    return replace(extraction, errors=(*notes, *extraction.errors)) if notes else extraction


def batched[T](items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last one shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_text(text: str, published: str | None = None, settings: Settings | None = None) -> Extraction:
    """Extract one article given as plain text (the Python API's `dateline.extract`)."""
    raw = RawDocument(origin="<text>", text=text, published=published)
    return extract_batch([raw], settings or Settings())[0]


def article_id_of(raw: RawDocument, settings: Settings) -> str | None:
    """The id the pipeline will give this document (its own id, else the hash of its cleaned text)."""
    if raw.id:
        return raw.id
    try:
        knowledge = clean.load_clean_knowledge()
        return clean.clean_with_notes(raw, max_chars=settings.max_chars, knowledge=knowledge).article.id
    except Exception:  # noqa: BLE001 - a document that does not clean goes to the pipeline, which reports it
        return None
