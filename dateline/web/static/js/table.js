// The event table: server-side sorting and paging over /api/events; the header cells sort, the pager pages.
import { escapeHTML } from "./common.js";

const COLUMNS = [
  { label: "Date", sort: "date" },
  { label: "Type", sort: "type" },
  { label: "ACLED" },
  { label: "Source" },
  { label: "Recipient" },
  { label: "Place", sort: "location" },
  { label: "Killed", sort: "fatalities" },
];

// How the text ties a party to the event, as the pages show it (_macros.html party_notes): the country backing it
// (ISO alpha-3 here; the pages name it) and "claimed" or "alleged".
function partyNotes(ref) {
  const patron = ref.patron
    ? ` <small class="patron" data-patron="${escapeHTML(ref.patron)}" title="a country that backs it">backed by ${escapeHTML(ref.patron)}</small>` : "";
  const attribution = ref.attribution
    ? ` <small class="attribution attribution-${escapeHTML(ref.attribution)}" data-attribution="${escapeHTML(ref.attribution)}">${escapeHTML(ref.attribution)}</small>` : "";
  return patron + attribution;
}

function actors(refs) {
  if (!refs.length) return '<span class="none">—</span>';
  return refs.map((ref) => (ref.id
    ? `<a href="/actors/${encodeURIComponent(ref.id)}" title="${escapeHTML(ref.text)}">${escapeHTML(ref.name || ref.text)}</a>`
    : `<span title="unresolved">${escapeHTML(ref.text)}</span>`) + partyNotes(ref)).join(", ");
}

// What each record flag (Event.flags) tells an analyst; the same words as the pages (web/app.py FLAG_NOTES).
const FLAG_NOTES = {
  aggregate: "one record for many occurrences told together: do not count it as one event",
  no_source: "no acting party was found in the text",
};

// Markers on events that are not plain facts: factuality flags, record flags, and the review's verdict.
export function markers(event) {
  const flags = Object.entries(event.factuality || {}).filter(([, on]) => on).map(([flag]) => flag);
  const status = event.review ? event.review.status : null;
  const recordFlags = (event.flags || []).map((flag) =>
    ` <span class="flag record-flag" data-flag="${escapeHTML(flag)}" title="${escapeHTML(FLAG_NOTES[flag] || flag)}">${escapeHTML(flag.replace("_", " "))}</span>`);
  return flags.map((flag) => `<span class="flag" title="the report does not assert it happened">${escapeHTML(flag)}</span>`).join(" ") +
    recordFlags.join("") +
    (status ? ` <span class="review review-${escapeHTML(status)}" title="reviewed by ${escapeHTML(event.review.reviewer)}">${escapeHTML(status)}</span>` : "");
}

function rowClass(event) {
  const flagged = Object.values(event.factuality || {}).some(Boolean);
  const rejected = event.review && event.review.status === "rejected";
  return [flagged ? "unasserted" : "", rejected ? "rejected" : ""].filter(Boolean).join(" ");
}

function row(event) {
  const date = event.date ? escapeHTML(event.date.value) : '<span class="none">undated</span>';
  const place = event.location
    ? escapeHTML(`${event.location.name || event.location.text}${event.location.country ? ", " + event.location.country : ""}`)
    : '<span class="none">no place</span>';
  const killed = event.casualties.killed ? event.casualties.killed.best : "";
  return `<tr data-event-id="${escapeHTML(event.id)}" class="${rowClass(event)}">
    <td><a href="/events/${encodeURIComponent(event.id)}">${date}</a></td>
    <td><span class="type type-${escapeHTML(event.type.toLowerCase())}">${escapeHTML(event.type)}</span> <small>${escapeHTML(event.mode || "")}</small> ${markers(event)}</td>
    <td>${escapeHTML(event.acled ? event.acled.event_type : "")}</td>
    <td>${actors(event.source)}</td><td>${actors(event.recipient)}</td><td>${place}</td>
    <td class="num">${killed}</td></tr>`;
}

export function renderTable(container, pager, page, view, onChange) {
  const header = COLUMNS.map((column) => {
    if (!column.sort) return `<th>${column.label}</th>`;
    const active = view.sort.replace("-", "") === column.sort;
    const arrow = active ? (view.sort.startsWith("-") ? " ▼" : " ▲") : "";
    return `<th><button type="button" class="sort" data-sort="${column.sort}">${column.label}${arrow}</button></th>`;
  }).join("");
  const body = page.items.length ? page.items.map(row).join("") : '<tr><td colspan="7" class="none">No events.</td></tr>';
  container.innerHTML = `<table class="events"><thead><tr>${header}</tr></thead><tbody>${body}</tbody></table>`;
  container.querySelectorAll("button.sort").forEach((button) => button.addEventListener("click", () => {
    const key = button.dataset.sort;
    onChange({ sort: view.sort === key ? `-${key}` : key, offset: 0 });
  }));
  const to = view.offset + page.items.length;
  pager.innerHTML = `<span class="count">${page.total ? view.offset + 1 : 0}–${to} of ${page.total}</span>
    <button type="button" data-go="prev" ${view.offset > 0 ? "" : "disabled"}>← previous</button>
    <button type="button" data-go="next" ${to < page.total ? "" : "disabled"}>next →</button>`;
  pager.querySelector('[data-go="prev"]').addEventListener("click", () => onChange({ offset: Math.max(0, view.offset - view.limit) }));
  pager.querySelector('[data-go="next"]').addEventListener("click", () => onChange({ offset: view.offset + view.limit }));
}
