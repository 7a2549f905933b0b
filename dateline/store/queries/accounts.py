"""Competing accounts of one real-world event: where the reports of a cluster, and the people quoted in them, disagree.

For a cluster (get_cluster), side by side:
1. casualties: each report's figure for killed, injured, displaced and captured, with who gave it (the figure's
   `reported_by`, else the outlet that printed it); `disagree` when the figures differ.
2. blame: who is held responsible, by whom: each report's source actors (by its outlet; `via` says when the report
   only relays an allegation, "report, alleged", or a claim, "report, claimed", by the party itself), each ACCUSE
   report (its sources blame its recipients), each accusation quoted about the event (by its speaker: the cluster's
   actors the quote names) and each claim of responsibility (the speaker blames itself); `disagree` when the
   accounts name different actors.
3. characterisations: pairs of quotes by different named speakers, in the cluster's articles, about the same actor
   (they share a word of an actor mentioned in those articles: "Iraqi forces") that say opposite things about it:
   they share another content word ("fight"), and the sentences holding it are negated in one quote and not in the
   other ("showed no will to fight" against "are prepared to fight"). knowledge/accounts.yaml lists the negators and
   the function words that never count.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import duckdb

from dateline.knowledge.loader import knowledge_path, read_yaml, yaml_words
from dateline.store.queries.filters import CONFLICT_TYPES, dicts

COUNT_KINDS = ("killed", "injured", "displaced", "captured")
ACCUSE = "ACCUSE"  # PLOVER: its source accuses its recipient
MIN_WORD_LENGTH = 3
MAX_PAIRS = 10
_WORD = re.compile(r"[a-z][a-z']*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d']?\s+")


@dataclass(frozen=True)
class AccountWords:
    negators: frozenset[str]
    function_words: frozenset[str]


@cache
def load_account_words() -> AccountWords:
    path = knowledge_path("accounts.yaml")
    data = read_yaml(path)
    return AccountWords(yaml_words(path, data, "negators"), yaml_words(path, data, "function_words"))


def _outlet(report: Mapping[str, Any]) -> str:
    article = report.get("article") or {}
    return str(article.get("source") or article.get("title") or report["article_id"])


def _actor_name(actor: Mapping[str, Any] | None) -> str | None:
    return str(actor.get("name") or actor.get("text")) if actor else None


def casualty_accounts(reports: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per kind of casualty that any report counts: each report's figure and who gave it."""
    accounts = []
    for kind in COUNT_KINDS:
        figures = []
        for report in reports:
            casualties = report.get("casualties") or {}
            count = casualties.get(kind)
            if not count:
                continue
            figures.append(
                {
                    **count,
                    "reported_by": _actor_name(casualties.get("reported_by")),
                    "outlet": _outlet(report),
                    "event_id": report["id"],
                    "article_id": report["article_id"],
                    "evidence": (report.get("evidence") or {}).get("text"),
                }
            )
        if figures:
            distinct = {(f["low"], f["best"], f["high"]) for f in figures}
            accounts.append({"kind": kind, "disagree": len(distinct) > 1, "figures": figures})
    return accounts


def _named_in(text: str, names: Mapping[str, Sequence[str]]) -> list[str]:
    """The actors (by name) whose name or an alias occurs in `text` as whole words."""
    lowered = text.lower()
    return [
        name
        for name, aliases in names.items()
        if any(re.search(rf"(?<!\w){re.escape(alias.lower())}(?!\w)", lowered) for alias in aliases if len(alias) > 2)
    ]


def _report_blame(report: Mapping[str, Any]) -> dict[str, Any] | None:
    """Whom a report holds responsible, and on whose word: an accusation (ACCUSE: its sources blame its recipients),
    else a conflict event's sources, as the outlet states them, as someone alleges them (`via` "report, alleged") or
    as they claimed it ("report, claimed": the party blames itself)."""
    text = (report.get("evidence") or {}).get("text")
    if report.get("type") == ACCUSE:
        blamed = [name for ref in report.get("recipient") or [] if (name := _actor_name(ref))]
        accusers = [name for ref in report.get("source") or [] if (name := _actor_name(ref))]
        if not blamed:
            return None
        by = ", ".join(accusers) or _outlet(report)
        return {"blamed": blamed, "by": by, "via": "accusation", "event_id": report["id"], "text": text}
    sources = [ref for ref in report.get("source") or [] if _actor_name(ref)]
    if report.get("type") not in CONFLICT_TYPES or not sources:
        return None
    blamed = [str(_actor_name(ref)) for ref in sources]
    ties = sorted({str(ref["attribution"]) for ref in sources if ref.get("attribution")})
    via = ", ".join(["report", *ties])
    by = ", ".join(blamed) if ties == ["claimed"] else _outlet(report)
    return {"blamed": blamed, "by": by, "via": via, "event_id": report["id"], "text": text}


def blame_accounts(
    reports: Sequence[Mapping[str, Any]], quotes: Sequence[Mapping[str, Any]], names: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """Who is held responsible, by whom: the reports' source actors, accusations and claims quoted about the event."""
    accounts = [account for report in reports if (account := _report_blame(report))]
    for quote in quotes:
        speaker = _actor_name(quote.get("speaker"))
        if quote.get("stance") == "claim_responsibility" and speaker:
            accounts.append({"blamed": [speaker], "by": speaker, "via": "claim", "quote_id": quote["id"],
                             "text": quote["text"]})  # fmt: skip
        elif quote.get("stance") == "accuse":
            blamed = [name for name in _named_in(quote["text"], names) if name != speaker]
            if blamed:
                accounts.append({"blamed": blamed, "by": speaker or "unnamed speaker", "via": "accusation",
                                 "quote_id": quote["id"], "text": quote["text"]})  # fmt: skip
    distinct = {frozenset(account["blamed"]) for account in accounts if account["blamed"]}
    return {"disagree": len(distinct) > 1, "accounts": _once(accounts)}


def _once(accounts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One account per (blamed, by): an accusation read as an ACCUSE event and from its quote, or said twice, is one."""
    seen: set[tuple[frozenset[str], str]] = set()
    kept = []
    for account in accounts:
        key = (frozenset(account["blamed"]), str(account["by"]))
        if key not in seen:
            seen.add(key)
            kept.append(account)
    return kept


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _content_words(text: str, words: AccountWords) -> set[str]:
    return {word for word in _words(text) if len(word) >= MIN_WORD_LENGTH and word not in words.function_words}


def _negated(text: str, words: AccountWords) -> bool:
    return any(token in words.negators or token.endswith("n't") for token in _words(text))


def _negated_about(text: str, about: set[str], words: AccountWords) -> bool:
    """Whether the sentences of `text` that hold one of the words `about` are negated."""
    sentences = [part for part in _SENTENCE_END.split(text) if _content_words(part, words) & about]
    return any(_negated(sentence, words) for sentence in sentences)


def _speaker_key(quote: Mapping[str, Any]) -> str | None:
    """Who spoke, when the speaker was resolved to an actor ("he" or "the officer" name nobody)."""
    speaker = quote.get("speaker") or {}
    return str(speaker["id"]) if speaker.get("id") else None


def characterisations(quotes: Sequence[Mapping[str, Any]], actor_words: set[str]) -> list[dict[str, Any]]:
    """Pairs of quotes by different named speakers that say opposite things about the same actor (module doc, 3)."""
    words = load_account_words()
    named = [(quote, who, _content_words(quote["text"], words)) for quote in quotes if (who := _speaker_key(quote))]
    pairs: list[tuple[int, dict[str, Any]]] = []
    seen: set[tuple[frozenset[str], tuple[str, ...]]] = set()  # one speaker quoted twice is one disagreement
    for (first, first_speaker, first_words), (second, second_speaker, second_words) in itertools.combinations(named, 2):
        shared = first_words & second_words
        about, said = shared & actor_words, shared - actor_words
        pair_key = (frozenset({first_speaker, second_speaker}), tuple(sorted(said)))
        if first_speaker == second_speaker or not about or not said or pair_key in seen:
            continue
        negated = [_negated_about(first["text"], said, words), _negated_about(second["text"], said, words)]
        if negated[0] != negated[1]:
            seen.add(pair_key)
            pair = {"quotes": [first, second], "about": sorted(about), "shared": sorted(said), "negated": negated}
            pairs.append((len(shared), pair))
    pairs.sort(key=lambda item: -item[0])
    return [pair for _, pair in pairs[:MAX_PAIRS]]


def _article_actor_words(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> set[str]:
    """The content words of every actor mention in the articles ("iraqi", "forces", "abadi")."""
    rows = dicts(
        con, "SELECT DISTINCT text FROM actor_mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [article_ids]
    )
    words = load_account_words()
    return {word for row in rows for word in _content_words(row["text"], words)}


def _actor_names(con: duckdb.DuckDBPyConnection, reports: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    ids = sorted({ref["id"] for r in reports for ref in [*r.get("source", []), *r.get("recipient", [])] if ref["id"]})
    rows = dicts(con, "SELECT id, name, aliases FROM actors WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    return {row["name"]: [row["name"], *row["aliases"]] for row in rows}


def _article_quotes(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    rows = dicts(
        con,
        "SELECT record FROM quotes WHERE article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY article_id, seq",
        [list(article_ids)],
    )
    return [json.loads(row["record"]) for row in rows]


def competing_accounts(
    con: duckdb.DuckDBPyConnection, reports: Sequence[Mapping[str, Any]], quotes: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The accounts of a cluster's reports (not the rejected ones) and quotes, side by side (see the module doc)."""
    kept = [report for report in reports if (report.get("review") or {}).get("status") != "rejected"]
    article_ids = list(dict.fromkeys(report["article_id"] for report in kept))
    casualties = casualty_accounts(kept)
    blame = blame_accounts(kept, quotes, _actor_names(con, kept))
    opposite = characterisations(_article_quotes(con, article_ids), _article_actor_words(con, article_ids))
    return {
        "casualties": casualties,
        "blame": blame,
        "characterisations": opposite,
        "disagreements": sum(account["disagree"] for account in casualties) + int(blame["disagree"]) + len(opposite),
    }
