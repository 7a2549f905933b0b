// The dashboard: filters from the URL, a brushable timeline that filters the map, the table, the network link and the
// downloads. Asserted events only unless the "also events not asserted" switch is on; rejected ones likewise.
import { getJSON, queryString } from "./common.js";
import { createMap, drawLegend } from "./map.js";
import { createTimeline } from "./timeline.js";
import { renderTable } from "./table.js";

const FILTERS = ["type", "mode", "acled_event_type", "actor", "country", "q", "cluster", "bbox", "min_confidence", "flags"];
const url = new URLSearchParams(window.location.search);
const base = Object.fromEntries(FILTERS.map((key) => [key, url.get(key) || ""]));
base.factuality = url.get("factuality") || "asserted";
base.review = url.get("review") || "";
const view = { start: url.get("start") || "", end: url.get("end") || "", sort: "date", offset: 0, limit: 25, interval: "month" };

const mapStatus = document.getElementById("map-status");
const countLabel = document.getElementById("event-count");
const clearBrush = document.getElementById("clear-brush");
const intervalSelect = document.getElementById("interval");

function filters() {
  return { ...base, start: view.start, end: view.end };
}

// Keep the form's date fields, the network link and the downloads in step with the filters and brushed range.
function syncLinks() {
  const form = document.getElementById("filters");
  form.elements.start.value = view.start;
  form.elements.end.value = view.end;
  document.getElementById("network-link").href = `/network?${queryString(filters())}`;
  for (const link of document.querySelectorAll("a.download")) {
    link.href = `/api/export?${queryString({ format: link.dataset.format, ...filters() })}`;
  }
}

// The switches apply at once: the whole page follows them.
function watchSwitches(reload) {
  const unasserted = document.getElementById("show-unasserted");
  const rejected = document.getElementById("show-rejected");
  unasserted.addEventListener("change", () => {
    base.factuality = unasserted.checked ? "any" : "asserted";
    reload();
  });
  rejected.addEventListener("change", () => {
    base.review = rejected.checked ? "any" : "";
    reload();
  });
}

async function loadTable() {
  const page = await getJSON(`/api/events?${queryString({ ...filters(), sort: view.sort, limit: view.limit, offset: view.offset })}`);
  renderTable(document.getElementById("events-table"), document.getElementById("pager"), page, view, (change) => {
    Object.assign(view, change);
    loadTable();
  });
  countLabel.textContent = `${page.total} events${view.start || view.end ? ` from ${view.start || "…"} to ${view.end || "…"}` : ""}`;
  countLabel.dataset.total = page.total;
}

async function loadMap(map, fit) {
  const points = await getJSON(`/api/map?${queryString(filters())}`);
  map.update(points.items, { fit });
  const shown = points.items.reduce((sum, p) => sum + p.count, 0);
  mapStatus.textContent = `${shown} located events at ${points.total} places`;
  document.getElementById("map").dataset.loaded = "true";
}

async function loadTimeline(timeline) {
  const data = await getJSON(`/api/timeline?${queryString({ ...base, interval: view.interval })}`);
  timeline.update(data.items, view.interval);
  document.getElementById("timeline").dataset.loaded = "true";
}

async function main() {
  drawLegend(document.getElementById("legend"));
  syncLinks();
  const map = await createMap(document.getElementById("map"), "/vendor/world-atlas/countries-50m.json");
  const timeline = createTimeline(document.getElementById("timeline"), (start, end) => {
    view.start = start || "";
    view.end = end || "";
    view.offset = 0;
    clearBrush.hidden = !start;
    syncLinks();
    Promise.all([loadTable(), loadMap(map, false)]);
  });
  clearBrush.addEventListener("click", () => {
    view.start = view.end = "";
    view.offset = 0;
    clearBrush.hidden = true;
    syncLinks();
    Promise.all([loadTable(), loadMap(map, false), loadTimeline(timeline)]);
  });
  intervalSelect.addEventListener("change", () => {
    view.interval = intervalSelect.value;
    loadTimeline(timeline);
  });
  watchSwitches(() => {
    view.offset = 0;
    syncLinks();
    document.body.dataset.ready = "false";
    Promise.all([loadTable(), loadMap(map, false), loadTimeline(timeline)]).then(() => {
      document.body.dataset.ready = "true";
    });
  });
  await Promise.all([loadTable(), loadMap(map, true), loadTimeline(timeline)]);
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  mapStatus.textContent = `Could not load: ${error.message}`;
});
