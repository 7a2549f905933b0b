// Shared helpers of the dateline UI: colours by event type, JSON fetching, query strings.
const d3 = window.d3;

export const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];
// Colours come from the CSS variables --type-<TYPE> in dateline.css, so pages and charts agree.
const styles = getComputedStyle(document.documentElement);
export const typeColour = d3.scaleOrdinal(
  PLOVER_TYPES,
  PLOVER_TYPES.map((type) => styles.getPropertyValue(`--type-${type}`).trim() || "#888"),
).unknown("#888");

export async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

export function queryString(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, value);
  }
  return search.toString();
}

export function escapeHTML(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
