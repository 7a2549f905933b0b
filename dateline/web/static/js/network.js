// The actor network: d3-force over /api/network (same filters as the page URL). Red edges: mostly conflict.
import { getJSON } from "./common.js";

const d3 = window.d3;
const SECTOR_COLOURS = d3.scaleOrdinal(d3.schemeTableau10);

async function main() {
  const svgElement = document.getElementById("network");
  const status = document.getElementById("network-status");
  const data = await getJSON(`/api/network${window.location.search}`);
  status.textContent = `${data.nodes.length} actors, ${data.edges.length} links`;
  const { width, height } = svgElement.getBoundingClientRect();
  const svg = d3.select(svgElement).attr("viewBox", `0 0 ${width} ${height}`);
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
  simulation.on("tick", () => {
    link.attr("x1", (d) => d.source.x).attr("y1", (d) => d.source.y).attr("x2", (d) => d.target.x).attr("y2", (d) => d.target.y);
    node.attr("transform", (d) => `translate(${d.x},${d.y})`);
  });
  simulation.on("end", () => { svgElement.dataset.settled = "true"; });
  svgElement.dataset.loaded = "true";
}

main().catch((error) => {
  document.getElementById("network-status").textContent = `Could not load: ${error.message}`;
});
