// The event map: country outlines from world-atlas, one circle per place (sized by fatalities, coloured by the
// commonest type), zoom and pan. Circles carry data-event-id (the deadliest event there) and open it on click.
// Places located only to a province or a country are drawn as pale, dashed circles (the event is somewhere in that
// area, not at the point); the busiest places are labelled; the legend says all this.
import { PLOVER_TYPES, typeColour } from "./common.js";

const COARSE = new Set(["admin1", "country"]);
const LABELS = 12; // places labelled: the busiest

export function drawLegend(element) {
  element.innerHTML = PLOVER_TYPES.map(
    (type) => `<span><i style="background:${typeColour(type)}"></i>${type}</span>`).join(" ") +
    ' <span class="note">colour: the commonest type there · circle size: people killed</span>' +
    ' <span class="note"><span class="town-key"></span>a town or place</span>' +
    ' <span class="note"><span class="coarse-key"></span>only a province or country is known</span>';
}

const d3 = window.d3;
const topojson = window.topojson;

export async function createMap(svgElement, worldUrl) {
  const svg = d3.select(svgElement);
  const { width, height } = svgElement.getBoundingClientRect();
  svg.attr("viewBox", `0 0 ${width} ${height}`);
  const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const layer = svg.append("g");
  layer.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  try {
    const world = await (await fetch(worldUrl)).json();
    const countries = topojson.feature(world, world.objects.countries);
    layer.append("g").attr("class", "countries").selectAll("path").data(countries.features)
      .join("path").attr("d", path).append("title").text((d) => d.properties.name);
  } catch (error) {
    svg.append("text").attr("x", 10).attr("y", 20).text("Country outlines unavailable (run make install).");
  }
  const pointLayer = layer.append("g").attr("class", "points");
  const labelLayer = layer.append("g").attr("class", "labels");
  const radius = d3.scaleSqrt().domain([0, 100]).range([3, 14]).clamp(true);
  let scale = 1;
  const zoom = d3.zoom().scaleExtent([1, 400]).on("zoom", (event) => {
    scale = event.transform.k;
    layer.attr("transform", event.transform);
    pointLayer.selectAll("circle").attr("r", (d) => radius(d.killed) / scale);
    labelLayer.selectAll("text").attr("font-size", 11 / scale).attr("stroke-width", 3 / scale)
      .attr("dx", (d) => (radius(d.killed) + 2) / scale);
  });
  svg.call(zoom);

  // Zoom to where most events are: around the median position (weighted by events per place), keeping places
  // within three median distances of it, so a few far-away places do not force a world view.
  function fitTo(points) {
    if (!points.length) return;
    const weighted = points.flatMap((d) => Array(Math.min(d.count, 1000)).fill(projection([d.lon, d.lat])));
    const mx = d3.median(weighted, (p) => p[0]);
    const my = d3.median(weighted, (p) => p[1]);
    const distance = (p) => Math.hypot(p[0] - mx, p[1] - my);
    const cut = 3 * d3.median(weighted, distance) + 10;
    const kept = weighted.filter((p) => distance(p) <= cut);
    const [x0, x1] = d3.extent(kept, (p) => p[0]);
    const [y0, y1] = d3.extent(kept, (p) => p[1]);
    const k = Math.min(40, 0.8 / Math.max((x1 - x0 + 20) / width, (y1 - y0 + 20) / height));
    const t = d3.zoomIdentity.translate(width / 2, height / 2).scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
    svg.call(zoom.transform, t);
  }

  function update(points, { fit = false } = {}) {
    pointLayer.selectAll("circle").data(points, (d) => `${d.lat},${d.lon}`)
      .join("circle")
      .attr("class", (d) => (COARSE.has(d.precision) ? "point coarse" : "point"))
      .attr("data-precision", (d) => d.precision || "")
      .attr("data-event-id", (d) => d.event_id)
      .attr("data-count", (d) => d.count)
      .attr("cx", (d) => projection([d.lon, d.lat])[0])
      .attr("cy", (d) => projection([d.lon, d.lat])[1])
      .attr("r", (d) => radius(d.killed) / scale)
      .attr("fill", (d) => typeColour(d.type))
      .on("click", (event, d) => { window.location.href = `/events/${encodeURIComponent(d.event_id)}`; })
      .selectAll("title").data((d) => [d]).join("title")
      .text((d) => `${d.name || "?"}${COARSE.has(d.precision) ? ` (somewhere in this ${d.precision === "country" ? "country" : "province"})` : ""}: ${d.count} event(s), ${d.killed} killed; commonest ${d.type}. Click: deadliest event.`);
    const labelled = [...points].filter((d) => d.name).sort((a, b) => b.count - a.count).slice(0, LABELS);
    labelLayer.selectAll("text").data(labelled, (d) => `${d.lat},${d.lon}`)
      .join("text")
      .attr("class", "label")
      .attr("x", (d) => projection([d.lon, d.lat])[0])
      .attr("y", (d) => projection([d.lon, d.lat])[1])
      .attr("dx", (d) => (radius(d.killed) + 2) / scale)
      .attr("dy", "0.35em")
      .attr("font-size", 11 / scale)
      .attr("stroke-width", 3 / scale)
      .text((d) => d.name);
    if (fit) fitTo(points);
  }
  return { update };
}
