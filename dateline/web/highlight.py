"""Article text as HTML with extracted spans marked: `<mark>` around the evidence and around each field's words.

Spans may overlap, so the text is cut at every span boundary and each piece is wrapped once, with the classes of
every span that covers it; the evidence sentence is an outer `<mark class="evidence">` around its pieces.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # CSS class and data-field value: trigger, source, recipient, date, location, place, time, actor, ...
    label: str = ""  # tooltip: what the span was read as


def _pieces(text: str, spans: Sequence[Span]) -> Iterable[tuple[int, int, list[Span]]]:
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    for left, right in itertools.pairwise(cuts):
        if right > left:
            yield left, right, [s for s in spans if s.start <= left and s.end >= right]


def _wrap(piece: str, covering: Sequence[Span]) -> str:
    if not covering:
        return str(escape(piece))
    kinds = " ".join(dict.fromkeys(span.kind for span in covering))
    labels = "; ".join(dict.fromkeys(f"{span.kind}: {span.label}" if span.label else span.kind for span in covering))
    return f'<mark class="field {kinds}" data-field="{kinds}" title="{escape(labels)}">{escape(piece)}</mark>'


def render_marked(text: str, spans: Sequence[Span], evidence: tuple[int, int] | None = None) -> Markup:
    """`text` as HTML with every valid span marked, and the evidence range inside `<mark class="evidence">`."""
    valid = [span for span in spans if 0 <= span.start < span.end <= len(text)]
    cuts = list(valid)
    if evidence is not None:
        # Trailing blank lines are part of some sentences: marking them would draw an empty highlighted line.
        evidence = (evidence[0], evidence[0] + len(text[evidence[0] : evidence[1]].rstrip()))
    if evidence is not None and 0 <= evidence[0] < evidence[1] <= len(text):
        cuts += [Span(evidence[0], evidence[0], "_"), Span(evidence[1], evidence[1], "_")]
    else:
        evidence = None
    out: list[str] = []
    inside = False
    for left, right, covering in _pieces(text, cuts):
        in_evidence = evidence is not None and evidence[0] <= left and right <= evidence[1]
        if in_evidence and not inside:
            out.append('<mark class="evidence" id="evidence">')
        elif inside and not in_evidence:
            out.append("</mark>")
        inside = in_evidence
        out.append(_wrap(text[left:right], [span for span in covering if span.kind != "_"]))
    if inside:
        out.append("</mark>")
    return Markup("".join(out))


def find_words(text: str, words: str | None, near: tuple[int, int]) -> tuple[int, int] | None:
    """Where `words` occur in `text` as whole words: inside the range `near` if they do, else the closest place."""
    if not words or not words.strip():
        return None
    found = [match.span() for match in re.finditer(rf"(?<!\w){re.escape(words.strip())}(?!\w)", text)]
    if not found:
        return None
    start, end = near
    return min(found, key=lambda span: (not (start <= span[0] and span[1] <= end), abs(span[0] - start)))


def event_spans(text: str, event: dict[str, Any]) -> list[Span]:
    """The words behind each field of an event (contract JSON): trigger, actors, date, place, who reported figures."""
    evidence = event.get("evidence") or {}
    near = (int(evidence.get("start", 0)), int(evidence.get("end", 0)))
    spans: list[Span] = []
    trigger = event.get("trigger")
    if trigger and isinstance(trigger.get("start"), int):
        spans.append(
            Span(trigger["start"], trigger["end"], "trigger", f"{event.get('type')} {event.get('mode') or ''}")
        )
    spans += mention_spans(event)
    wanted: list[tuple[str, str | None, str]] = []
    for role in ("source", "recipient"):
        wanted += [(role, ref.get("text"), ref.get("name") or ref.get("id") or "") for ref in event.get(role) or []]
    date = event.get("date") or {}
    wanted.append(("date", date.get("text"), str(date.get("value") or "")))
    location = event.get("location") or {}
    wanted.append(("location", location.get("text"), str(location.get("name") or "")))
    reporter = (event.get("casualties") or {}).get("reported_by") or {}
    wanted.append(("reported_by", reporter.get("text"), str(reporter.get("name") or "")))
    for kind, words, label in wanted:
        found = find_words(text, words, near)
        if found is not None:
            spans.append(Span(found[0], found[1], kind, label))
    return spans


def mention_spans(event: dict[str, Any]) -> list[Span]:
    """The other tellings of an event (its mentions[] after the main one): each sentence as a `mention` span, its
    trigger as a `trigger` span. The main mention is the evidence, marked as such."""
    evidence = event.get("evidence") or {}
    main = (evidence.get("start"), evidence.get("end"))
    spans: list[Span] = []
    for number, mention in enumerate(event.get("mentions") or [], start=1):
        label = f"{event.get('type')}, mention {number}"
        if (mention.get("start"), mention.get("end")) != main and isinstance(mention.get("start"), int):
            words = str(mention.get("text") or "").rstrip()  # not its trailing blank lines
            end = min(mention["start"] + len(words), mention["end"]) if words else mention["end"]
            spans.append(Span(mention["start"], end, "mention", f"the event told again ({number})"))
        trigger = mention.get("trigger") or {}
        if isinstance(trigger.get("start"), int) and trigger != event.get("trigger"):
            spans.append(Span(trigger["start"], trigger["end"], "trigger", label))
    return spans


def article_spans(detail: dict[str, Any]) -> list[Span]:
    """Every extracted span of an article (the result of queries.get_article)."""
    spans = [Span(p["start"], p["end"], "place", p.get("name") or "") for p in detail["places"]]
    spans += [Span(t["start"], t["end"], "time", t.get("value") or "") for t in detail["times"]]
    spans += [Span(m["start"], m["end"], "actor", m.get("name") or "") for m in detail["actors"]]
    spans += [Span(q["start"], q["end"], "quote", q.get("kind") or "") for q in detail["quotes"]]
    for event in detail["events"]:
        triggers = [event.get("trigger")] + [mention.get("trigger") for mention in event.get("mentions") or []]
        seen: set[tuple[int, int]] = set()
        for trigger in triggers:  # the main trigger, then those of every other mention of the event
            if trigger and isinstance(trigger.get("start"), int) and (trigger["start"], trigger["end"]) not in seen:
                seen.add((trigger["start"], trigger["end"]))
                spans.append(Span(trigger["start"], trigger["end"], "trigger", f"{event['type']} ({event['id']})"))
    return spans
