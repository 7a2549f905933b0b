// The actor network: d3-force over /api/network (same filters as the page URL; asserted events unless the URL asks
// for factuality). Edges are directed, source -> recipient, with an arrowhead; red: mostly conflict. The legend
// names the sectors the node colours stand for.
import { escapeHTML, getJSON } from "./common.js";

const d3 = window.d3;
const SECTOR_COLOURS = d3.scaleOrdinal(d3.schemeTableau10);

function query() {
  const params = new URLSearchParams(window.location.search);
  if (!params.has("factuality")) params.set("factuality", "asserted");
  return params.toString();
}

function arrowheads(svg) {
  const defs = svg.append("defs");
  for (const kind of ["conflict", "cooperation"]) {
    defs.append("marker").attr("id", `arrow-${kind}`).attr("class", `arrow-${kind}`)
      .attr("viewBox", "0 -5 10 10").attr("refX", 10).attr("refY", 0)
      .attr("markerWidth", 6).attr("markerHeight", 6).attr("orient", "auto")
      .append("path").attr("d", "M0,-5L10,0L0,5");
  }
}

function drawLegend(nodes) {
  const sectors = [...new Set(nodes.map((node) => node.sector || "?"))].sort();
  document.getElementById("network-legend").innerHTML =
    '<span class="conflict">→ red: mostly conflict</span> <span class="cooperation">→ teal: mostly cooperation</span> ' +
    "<span>arrow: from the source of the events to their recipient · width: number of events · node size: events</span> " +
    sectors.map((sector) => `<span><i style="background:${SECTOR_COLOURS(sector)}"></i>${escapeHTML(sector === "?" ? "no sector" : sector)}</span>`).join(" ");
}

async function main() {
  const svgElement = document.getElementById("network");
  const status = document.getElementById("network-status");
  const data = await getJSON(`/api/network?${query()}`);
  status.textContent = `${data.nodes.length} actors, ${data.edges.length} links`;
  const { width, height } = svgElement.getBoundingClientRect();
  const svg = d3.select(svgElement).attr("viewBox", `0 0 ${width} ${height}`);
  arrowheads(svg);
  const layer = svg.append("g");
  svg.call(d3.zoom().scaleExtent([0.2, 8]).on("zoom", (event) => layer.attr("transform", event.transform)));
  const degree = new Map();
  for (const edge of data.edges) {
    degree.set(edge.source, (degree.get(edge.source) || 0) + edge.weight);
    degree.set(edge.target, (degree.get(edge.target) || 0) + edge.weight);
  }
  const nodes = data.nodes.map((node) => ({ ...node, degree: degree.get(node.id) || 0 }));
  const links = data.edges.map((edge) => ({ ...edge }));
  const radius = d3.scaleSqrt().domain([0, d3.max(nodes, (n) => n.degree) || 1]).range([4, 18]);
  const width_ = d3.scaleSqrt().domain([1, d3.max(links, (l) => l.weight) || 1]).range([1, 6]);
  const link = layer.append("g").attr("class", "links").selectAll("line").data(links).join("line")
    .attr("class", (d) => (d.sign < 0 ? "edge conflict" : "edge cooperation"))
    .attr("data-source", (d) => d.source).attr("data-target", (d) => d.target)
    .attr("marker-end", (d) => `url(#arrow-${d.sign < 0 ? "conflict" : "cooperation"})`)
    .attr("stroke-width", (d) => width_(d.weight));
  link.append("title").text((d) => `${d.source} → ${d.target}: ${d.weight} event(s), ${d.conflict} conflict, ${d.cooperation} cooperation`);
  const node = layer.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
    .attr("class", "node").attr("data-actor-id", (d) => d.id)
    .on("click", (event, d) => { if (!event.defaultPrevented) window.location.href = `/actors/${encodeURIComponent(d.id)}`; });
  node.append("circle").attr("r", (d) => radius(d.degree)).attr("fill", (d) => SECTOR_COLOURS(d.sector || "?"));
  node.append("text").attr("x", (d) => radius(d.degree) + 3).attr("dy", "0.35em").text((d) => d.name);
  node.append("title").text((d) => `${d.name} (${d.id}) ${d.country || ""} ${d.sector || ""}`);
  const simulation = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id).distance(70))
    .force("charge", d3.forceManyBody().strength(-160))
    .force("center", d3.forceCenter(width / 2, height / 2))
    .force("x", d3.forceX(width / 2).strength(0.05))
    .force("y", d3.forceY(height / 2).strength(0.05))
    .force("collide", d3.forceCollide((d) => radius(d.degree) + 2));
  node.call(d3.drag()
    .on("start", (event, d) => { if (!event.active) simulation.alphaTarget(0.3).restart(); d.fx = d.x; d.fy = d.y; })
    .on("drag", (event, d) => { d.fx = event.x; d.fy = event.y; })
    .on("end", (event, d) => { if (!event.active) simulation.alphaTarget(0); d.fx = null; d.fy = null; }));
  // Lines stop at the recipient's circle, so the arrowhead shows.
  const end = (d) => {
    const dx = d.target.x - d.source.x, dy = d.target.y - d.source.y;
    const length = Math.hypot(dx, dy) || 1;
    const back = radius(d.target.degree) + 2;
    return [d.target.x - (dx / length) * back, d.target.y - (dy / length) * back];
  };
  simulation.on("tick", () => {
    link.attr("x1", (d) => d.source.x).attr("y1", (d) => d.source.y)
      .attr("x2", (d) => end(d)[0]).attr("y2", (d) => end(d)[1]);
    node.attr("transform", (d) => `translate(${d.x},${d.y})`);
  });
  simulation.on("end", () => { svgElement.dataset.settled = "true"; });
  drawLegend(nodes);
  svgElement.dataset.loaded = "true";
}

main().catch((error) => {
  document.getElementById("network-status").textContent = `Could not load: ${error.message}`;
});
