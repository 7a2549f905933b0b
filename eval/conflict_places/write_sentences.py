"""Write sentences.tsv, the conflict_places suite's gold: short news sentences about the towns of places.tsv.

Every town gets four sentences: a shelling, a clash, a drone or air strike in the town, and one that names the town
with its country (or opens with it as a wire dateline). Each kind has three wordings, taken in turn from town to
town, so that the set holds twelve sentence shapes. All sentences are written for dateline; re-run this script after
editing places.tsv or the shapes (`python eval/conflict_places/write_sentences.py`).
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
PUBLISHED = "2024-05-14"  # a Tuesday
DAYS = ("Sunday", "Monday", "Saturday", "Friday")
COUNTS = ("three", "five", "12", "at least seven", "two", "nine")

SHAPES: dict[str, tuple[str, ...]] = {
    "shelling": (
        "{Ac} shelled {T} overnight, killing {n} civilians, local officials said.",
        "Heavy artillery fire pounded {T} on {d} as {A} pressed their offensive.",
        "Rockets fired by {A} struck a residential district of {T} on {d}, wounding {n} people.",
    ),
    "clash": (
        "Fighting broke out between {A} and {B} in {T} on {d}.",
        "{Bc} clashed with {A} on the outskirts of {T}, leaving {n} dead.",
        "At least {n} fighters were killed in clashes near {T}, a monitoring group said on {d}.",
    ),
    "strike": (
        "A drone strike hit a car in {T} early on {d}, killing {n} people.",
        "{Ac} carried out an air strike on a market in {T}, medics said.",
        "Witnesses said a drone struck a checkpoint on the road into {T} on {d}.",
    ),
    "country": (
        "{nc} people were killed when a car bomb exploded in {T}, {C}, on {d}.",
        "Gunmen attacked a military post in the {C} town of {T} on {d}, killing {n} soldiers.",
        "{TU} (Reuters) - {Ac} attacked positions held by {B} on {d}, officials said.",
    ),
}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def main() -> None:
    with (HERE / "places.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    out = []
    for number, place in enumerate(rows):
        for kind_number, (kind, wordings) in enumerate(SHAPES.items()):
            shape = (number + kind_number) % len(wordings)
            count = COUNTS[(number + kind_number) % len(COUNTS)]
            text = wordings[shape].format(
                A=place["side_a"], Ac=_capitalised(place["side_a"]),
                B=place["side_b"], Bc=_capitalised(place["side_b"]),
                T=place["town"], TU=place["town"].upper(), C=place["country"],
                d=DAYS[(number + kind_number) % len(DAYS)], n=count, nc=_capitalised(count),
            )  # fmt: skip
            item_id = f"{place['town'].lower().replace(' ', '-')}-{kind}-{shape + 1}"
            out.append([item_id, kind, text, PUBLISHED, place["town"], place["alpha2"], place["lat"], place["lon"]])
    with (HERE / "sentences.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["id", "kind", "text", "published", "town", "country", "lat", "lon"])
        writer.writerows(out)


if __name__ == "__main__":
    main()
