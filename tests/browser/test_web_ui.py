"""The web UI in Chromium on the demo corpus: map points, event evidence, timeline brushing, network, docs."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
WAIT_MS = 20_000
VISIBLE_POINT_JS = """() => {
  const map = document.querySelector("#map").getBoundingClientRect();
  for (const circle of document.querySelectorAll("#map circle.point")) {
    const box = circle.getBoundingClientRect();
    const x = box.x + box.width / 2, y = box.y + box.height / 2;
    const inside = x > map.left && x < map.right && y > map.top && y < map.bottom;
    if (inside && document.elementFromPoint(x, y) === circle) return { id: circle.dataset.eventId, x, y };
  }
  return null;
}"""


def _dashboard(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.wait_for_selector("body[data-ready='true']", timeout=WAIT_MS)


def test_web_ui_map_shows_points(page) -> None:  # type: ignore[no-untyped-def]
    _dashboard(page)
    points = page.locator("#map circle.point")
    assert points.count() > 5
    assert all(points.nth(i).get_attribute("data-event-id") for i in range(points.count()))
    assert page.locator("#map .countries path").count() > 100


def test_web_ui_clicking_a_point_opens_its_event_with_evidence(page) -> None:  # type: ignore[no-untyped-def]
    _dashboard(page)
    # A real mouse click on a circle that is inside the zoomed map and on top at its centre.
    target = page.evaluate(VISIBLE_POINT_JS)
    assert target is not None, "no clickable point on the map"
    event_id = target["id"]
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(re.compile(r"/events/"), timeout=WAIT_MS)
    assert page.url.endswith(f"/events/{event_id}")
    evidence = page.locator(".article-text mark.evidence")
    assert evidence.count() == 1
    assert evidence.is_visible()
    assert len(evidence.inner_text().strip()) > 10
    assert evidence.locator("mark.field").count() >= 1


def test_web_ui_brushing_the_timeline_narrows_the_table(page) -> None:  # type: ignore[no-untyped-def]
    _dashboard(page)
    count = page.locator("#event-count")
    before = int(count.get_attribute("data-total") or 0)
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=8)
    page.mouse.up()
    page.wait_for_function(f"Number(document.querySelector('#event-count').dataset.total) < {before}", timeout=WAIT_MS)
    after = int(count.get_attribute("data-total") or 0)
    assert 0 <= after < before
    assert re.search(r"from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}", count.inner_text())
    assert page.locator("#events-table tbody tr[data-event-id]").count() == min(after, 25)
    assert "start=" in (page.locator("#network-link").get_attribute("href") or "")


def test_web_ui_table_sorts_and_pages(page) -> None:  # type: ignore[no-untyped-def]
    _dashboard(page)
    first_row = page.locator("#events-table tbody tr").first
    before = first_row.get_attribute("data-event-id")
    page.locator("button.sort[data-sort='date']").click()
    page.wait_for_function(
        f"document.querySelector('#events-table tbody tr').dataset.eventId !== '{before}'", timeout=WAIT_MS
    )
    page.locator("#pager [data-go='next']").click()
    page.wait_for_function("document.querySelector('#pager .count').textContent.startsWith('26')", timeout=WAIT_MS)


def test_web_ui_network_renders(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/network")
    page.wait_for_selector("#network[data-loaded='true']", timeout=WAIT_MS)
    assert page.locator("#network .node").count() > 2
    assert page.locator("#network line.edge").count() > 1
    assert (page.locator("#network line.edge").first.get_attribute("marker-end") or "").startswith("url(#arrow-")
    assert page.locator("#network marker").count() == 2  # arrowheads: conflict, cooperation
    assert "from the source of the events to their recipient" in page.locator("#network-legend").inner_text()


def test_web_ui_search_box_finds_events(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.fill("header input[name='q']", "Mosul")
    page.press("header input[name='q']", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Mosul"), timeout=WAIT_MS)
    assert page.locator("table.events tbody tr[data-event-id]").count() > 0


def test_web_ui_api_docs_work_offline(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=WAIT_MS)
    assert page.locator(".swagger-ui .opblock").count() >= 10


def test_web_ui_shows_asserted_events_with_a_switch_for_the_others(page) -> None:  # type: ignore[no-untyped-def]
    _dashboard(page)
    count = page.locator("#event-count")
    asserted = int(count.get_attribute("data-total") or 0)
    assert page.locator("#events-table tr.unasserted").count() == 0
    for link in page.locator("a.download").all():
        assert "factuality=asserted" in (link.get_attribute("href") or "")
    page.check("#show-unasserted")
    page.wait_for_function(
        f"Number(document.querySelector('#event-count').dataset.total) > {asserted}", timeout=WAIT_MS
    )
    page.locator("button.sort[data-sort='date']").click()  # flagged events are old ones ("historical") too: any page
    page.wait_for_selector("#events-table tr.unasserted .flag", timeout=WAIT_MS)
    assert "factuality=any" in (page.locator("a.download[data-format='csv']").get_attribute("href") or "")


def test_web_ui_map_has_labels_precision_and_a_legend(page) -> None:  # type: ignore[no-untyped-def]
    _dashboard(page)
    assert page.locator("#map text.label").count() > 3
    assert page.locator("#map circle.point.coarse").count() >= 1  # the country-precision "Iraq" place
    legend = page.locator("#legend").inner_text()
    assert "province or country" in legend and "ASSAULT" in legend


def test_web_ui_event_page_shows_every_mention_and_its_flags(page) -> None:  # type: ignore[no-untyped-def]
    events = page.request.get("/api/events?factuality=any&limit=500").json()["items"]
    elsewhere = [e for e in events if any(m["start"] != e["evidence"]["start"] for m in e["mentions"][1:])]
    assert elsewhere, "the demo corpus has no event told again in another sentence"
    event = elsewhere[0]
    page.goto(f"/events/{event['id']}")
    listed = page.locator("#mentions .mention-list li")
    assert [listed.nth(i).get_attribute("data-trigger") for i in range(listed.count())] == [
        mention["trigger"]["text"] for mention in event["mentions"]
    ]
    assert page.locator(".article-text mark.field.mention").first.is_visible()
    flags = page.locator("#field-flags").inner_text()
    expected = [flag.replace("_", " ") for flag in event["flags"]] or ["none"]
    assert all(word in flags for word in expected)


def test_web_ui_table_marks_record_flags_and_filters_by_them(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/?factuality=any&flags=no_source")
    page.wait_for_selector("body[data-ready='true']", timeout=WAIT_MS)
    rows = page.locator("#events-table tbody tr[data-event-id]")
    assert rows.count() >= 1
    assert page.locator("#events-table tbody tr .record-flag[data-flag='no_source']").count() == rows.count()
    assert "flags=no_source" in (page.locator("a.download[data-format='csv']").get_attribute("href") or "")


def test_web_ui_table_shows_how_parties_are_tied(page) -> None:  # type: ignore[no-untyped-def]
    events = page.request.get("/api/events?limit=500").json()["items"]
    claimed = [e for e in events if any(ref["attribution"] == "claimed" for ref in e["source"]) and e["cluster_id"]]
    assert claimed, "the demo corpus has no attack claimed by its author"
    event = claimed[0]
    page.goto(f"/?cluster={event['cluster_id']}")
    page.wait_for_selector("body[data-ready='true']", timeout=WAIT_MS)
    page.locator("button.sort[data-sort='type']").click()  # the table as the JavaScript draws it
    page.wait_for_selector("button.sort[data-sort='type']:has-text('▲')", timeout=WAIT_MS)
    row = page.locator(f"#events-table tr[data-event-id='{event['id']}']")
    assert row.locator(".attribution[data-attribution='claimed']").count() == 1
