// The timeline: events per period stacked by type; brushing a range calls onBrush(start, end) (ISO dates or nulls).
import { PLOVER_TYPES, typeColour } from "./common.js";

const d3 = window.d3;
const STEP = { day: d3.utcDay, week: d3.utcMonday, month: d3.utcMonth };
const iso = d3.utcFormat("%Y-%m-%d");

export function createTimeline(svgElement, onBrush) {
  const svg = d3.select(svgElement);
  const { width, height } = svgElement.getBoundingClientRect();
  svg.attr("viewBox", `0 0 ${width} ${height}`);
  const margin = { top: 8, right: 12, bottom: 22, left: 34 };

  function update(items, interval) {
    svg.selectAll("*").remove();
    if (!items.length) {
      svg.append("text").attr("x", 10).attr("y", 20).text("No dated events.");
      return;
    }
    const step = STEP[interval];
    const parse = d3.utcParse("%Y-%m-%d");
    const byPeriod = d3.rollup(items, (rows) => Object.fromEntries(rows.map((r) => [r.type, r.count])), (r) => r.period);
    const periods = [...byPeriod.keys()].sort();
    const rows = periods.map((period) => ({ period: parse(period), ...byPeriod.get(period) }));
    const types = PLOVER_TYPES.filter((type) => items.some((item) => item.type === type));
    const stacked = d3.stack().keys(types).value((row, key) => row[key] || 0)(rows);
    const first = rows[0].period;
    const last = step.offset(rows[rows.length - 1].period, 1);
    const x = d3.scaleUtc().domain([first, last]).range([margin.left, width - margin.right]);
    const y = d3.scaleLinear().domain([0, d3.max(stacked.at(-1), (d) => d[1]) || 1]).nice()
      .range([height - margin.bottom, margin.top]);
    svg.append("g").selectAll("g").data(stacked).join("g").attr("fill", (s) => typeColour(s.key))
      .selectAll("rect").data((s) => s.map((d) => Object.assign(d, { key: s.key }))).join("rect")
      .attr("class", "bar")
      .attr("x", (d) => x(d.data.period))
      .attr("width", (d) => Math.max(1, x(step.offset(d.data.period, 1)) - x(d.data.period) - 1))
      .attr("y", (d) => y(d[1]))
      .attr("height", (d) => y(d[0]) - y(d[1]))
      .append("title").text((d) => `${iso(d.data.period)} ${d.key}: ${d.data[d.key] || 0}`);
    svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x).ticks(width / 90));
    svg.append("g").attr("transform", `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(4));
    const brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
      .on("end", (event) => {
        if (!event.sourceEvent) return;
        if (!event.selection) { onBrush(null, null); return; }
        const [from, to] = event.selection.map(x.invert);
        onBrush(iso(d3.utcDay.floor(from)), iso(d3.utcDay.offset(d3.utcDay.floor(to), 0)));
      });
    svg.append("g").attr("class", "brush").call(brush);
  }
  return { update };
}
