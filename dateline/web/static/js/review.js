// The review form of an event page: confirm, correct or reject, sent as JSON to /api/events/{id}/review (the
// session cookie of /login authenticates it), then the page reloads to show the event as reviewed and the audit trail.
// No d3 on this page: nothing from common.js.

const form = document.getElementById("review-form");
const message = document.getElementById("review-message");
const changesBox = document.getElementById("review-changes");
const COUNTS = ["killed", "injured", "displaced", "captured"];
const REVIEWER_KEY = "dateline.reviewer";

function list(text) {
  return text.split(",").map((part) => part.trim()).filter(Boolean);
}

// Only the fields the reviewer filled in: each becomes a change, in the shape the API reads (docs/api.md).
function changes() {
  const found = {};
  const value = (name) => form.elements[name].value.trim();
  if (value("type")) found.type = value("type");
  if (value("mode")) found.mode = value("mode");
  for (const role of ["source", "recipient"]) if (value(role)) found[role] = list(value(role));
  if (value("date")) found.date = value("date");
  if (value("place")) found.place = value("place");
  for (const kind of COUNTS) if (value(kind) !== "") found[kind] = Number(value(kind));
  return found;
}

function status() {
  const checked = form.querySelector("input[name=status]:checked");
  return checked ? checked.value : null;
}

async function fillActorIds() {
  const response = await fetch("/api/actors?limit=500", { headers: { Accept: "application/json" } });
  if (!response.ok) return; // suggestions only: the form works without them
  const list = document.getElementById("actor-ids");
  for (const actor of (await response.json()).items) {
    const option = document.createElement("option");
    option.value = actor.id;
    option.textContent = actor.name;
    list.append(option);
  }
}

form.elements.reviewer.value = window.localStorage.getItem(REVIEWER_KEY) || "";
form.addEventListener("change", () => { changesBox.disabled = status() !== "corrected"; });
changesBox.disabled = true;
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = { status: status(), reviewer: form.elements.reviewer.value.trim() };
  if (form.elements.note.value.trim()) body.note = form.elements.note.value.trim();
  if (body.status === "corrected") body.changes = changes();
  window.localStorage.setItem(REVIEWER_KEY, body.reviewer);
  message.textContent = "Saving…";
  const response = await fetch(`/api/events/${encodeURIComponent(form.dataset.eventId)}/review`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  if (response.ok) {
    window.location.reload();
    return;
  }
  const answer = await response.json().catch(() => ({}));
  message.textContent = `Not saved: ${answer.error || response.status}`;
  message.dataset.error = "true";
});
fillActorIds();
form.dataset.ready = "true";
