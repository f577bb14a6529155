// Relations timeline: happenings per period between two countries, stacked
// by quad class, with the mean Goldstein score as a line.
import { api, clear, countries, countryLabel, el, emptyState, fillSelect, fmt, go, goldsteinColor, hashFor, int,
  QUADS, svg, ticks, tip, bindForm } from "./lib.js";

const form = () => document.getElementById("relations-form");
const DEFAULTS = { dir: "both", by: "month", modality: "asserted" };

// Period end (inclusive) for links to the event table.
function periodEnd(start, by) {
  const d = new Date(start + "T00:00:00Z");
  if (by === "day") return start;
  if (by === "week") d.setUTCDate(d.getUTCDate() + 6);
  else { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

function periodLabel(start, by) {
  if (by === "month") {
    return new Date(start + "T00:00:00Z").toLocaleDateString("en", { month: "short", year: "numeric", timeZone: "UTC" });
  }
  return start;
}

async function defaultDyad(countryList) {
  const known = new Set(countryList.map((c) => c.node));
  const net = await api("/network", { level: "country", limit: 5000 });
  const pairs = new Map();
  for (const edge of net.edges) {
    if (!edge.source || !edge.target || edge.source === edge.target || !known.has(edge.source) || !known.has(edge.target)) continue;
    const key = [edge.source, edge.target].sort().join("|");
    pairs.set(key, (pairs.get(key) || 0) + edge.events);
  }
  const best = [...pairs.entries()].sort((x, y) => y[1] - x[1])[0];
  if (!best) return [null, null];
  // The busier country first.
  const busy = new Map(net.nodes.map((x) => [x.node, x.events]));
  return best[0].split("|").sort((x, y) => (busy.get(y) || 0) - (busy.get(x) || 0));
}

export async function show(params, current) {
  const known = await countries();
  const options = known.map((c) => [c.node, countryLabel(c)]);
  fillSelect(form().a, options);
  fillSelect(form().b, options);
  if (!params.a || !params.b) {
    const [a, b] = await defaultDyad(known);
    if (!a) {
      clear(document.getElementById("relations-chart"), emptyState("No happenings between countries are stored yet: ingest some news first (detente ingest)."));
      return;
    }
    go("relations", { ...DEFAULTS, ...params, a: params.a || a, b: params.b || b }, true);
    return;
  }
  bindForm(form(), "relations", params, DEFAULTS);
  const p = { ...DEFAULTS, ...params };
  const [a, b] = p.dir === "ba" ? [p.b, p.a] : [p.a, p.b];
  const data = await api("/relations", { a, b, both: p.dir === "both", by: p.by, since: p.since,
    until: p.until, modality: p.modality });
  if (!current()) return;
  const name = (code) => (known.find((c) => c.node === code) || {}).name || code;
  const arrow = p.dir === "both" ? "↔" : "→";
  document.getElementById("relations-title").textContent =
    `${name(a)} ${arrow} ${name(b)}: happenings per ${p.by}`;
  draw(data, p.by, { a, b, both: p.dir === "both" });
}

function draw(data, by, dyad) {
  const periods = data.periods;
  const total = periods.reduce((s, x) => s + x.events, 0);
  const gsum = periods.reduce((s, x) => s + x.goldstein_sum, 0);
  const summary = document.getElementById("relations-summary");
  const chart = document.getElementById("relations-chart");
  const table = document.getElementById("relations-table");
  clear(document.getElementById("relations-legend"),
    QUADS.map((q) => el("span", { class: "legend-item" }, el("span", { class: "swatch", style: `background:${q.color}` }), q.label)),
    el("span", { class: "legend-item" }, el("span", { class: "swatch line" }), "mean Goldstein (right axis, −10 conflict … +10 cooperation)"));
  if (total === 0) {
    summary.textContent = "";
    clear(chart, emptyState("No happenings between these two in the chosen period and modality. Try both directions, another modality or a wider date range."));
    clear(table);
    return;
  }
  summary.textContent = `${int(total)} happenings over ${periods.length} ${by}${periods.length === 1 ? "" : "s"}` +
    ` (${periods[0].period} to ${periods[periods.length - 1].period}); mean Goldstein ${fmt(gsum / total)}.` +
    " A happening is one real-world event, however many articles report it.";

  const W = 1000, H = 320, M = { left: 52, right: 52, top: 14, bottom: 46 };
  const iw = W - M.left - M.right, ih = H - M.top - M.bottom;
  const max = Math.max(...periods.map((x) => x.events));
  const yt = ticks(max, Math.min(5, max));
  const top = yt[yt.length - 1];
  const band = iw / periods.length;
  const bar = Math.max(1, Math.min(48, band * 0.8));
  const y = (v) => M.top + ih - (v / top) * ih;
  const g = (v) => M.top + ih / 2 - (v / 10) * (ih / 2);
  const xc = (i) => M.left + band * i + band / 2;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline", role: "img",
    "aria-label": "happenings per period by quad class, with mean Goldstein" });

  // Axes and grid.
  for (const v of yt) {
    root.append(svg("line", { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: "grid" }),
      svg("text", { x: M.left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, v));
  }
  root.append(svg("text", { x: 14, y: M.top + ih / 2, class: "axis-title", transform: `rotate(-90 14 ${M.top + ih / 2})`,
    "text-anchor": "middle" }, "happenings"));
  for (const v of [-10, -5, 0, 5, 10]) {
    root.append(svg("text", { x: W - M.right + 6, y: g(v) + 4, class: "tick gold" }, v > 0 ? "+" + v : v));
  }
  root.append(svg("line", { x1: M.left, x2: W - M.right, y1: g(0), y2: g(0), class: "zero" }),
    svg("text", { x: W - 12, y: M.top + ih / 2, class: "axis-title gold", transform: `rotate(90 ${W - 12} ${M.top + ih / 2})`,
      "text-anchor": "middle" }, "Goldstein"));
  const every = Math.max(1, Math.ceil(periods.length / Math.floor(iw / 70)));
  periods.forEach((x, i) => {
    if (i % every === 0) {
      root.append(svg("line", { x1: xc(i), x2: xc(i), y1: M.top + ih, y2: M.top + ih + 4, class: "axis" }),
        svg("text", { x: xc(i), y: M.top + ih + 18, class: "tick", "text-anchor": "middle" }, periodLabel(x.period, by)));
    }
  });
  root.append(svg("line", { x1: M.left, x2: W - M.right, y1: M.top + ih, y2: M.top + ih, class: "axis" }));

  // Stacked bars.
  periods.forEach((x, i) => {
    let base = 0;
    for (const q of QUADS) {
      const n = x[q.key];
      if (!n) continue;
      const rect = svg("rect", { x: xc(i) - bar / 2, width: bar, y: y(base + n), height: y(base) - y(base + n),
        fill: q.color, class: "bar", dataset: { period: x.period, quad: q.quad, count: n } });
      tip(rect, () => [periodLabel(x.period, by), `${q.label}: ${n}`, `all happenings: ${x.events}`,
        `mean Goldstein: ${fmt(x.goldstein_mean)}`]);
      rect.addEventListener("click", () => go("events", eventParams(dyad, x.period, by)));
      root.append(rect);
      base += n;
    }
  });

  // Goldstein line, broken where a period has no happenings.
  let segment = [];
  const flush = () => {
    if (segment.length > 1) root.append(svg("polyline", { points: segment.join(" "), class: "gold-line" }));
    segment = [];
  };
  periods.forEach((x, i) => {
    if (x.goldstein_mean === null) { flush(); return; }
    segment.push(`${xc(i)},${g(x.goldstein_mean)}`);
    const dot = svg("circle", { cx: xc(i), cy: g(x.goldstein_mean), r: 3.5, class: "gold-dot",
      fill: goldsteinColor(x.goldstein_mean), dataset: { period: x.period, goldstein: x.goldstein_mean } });
    tip(dot, () => [periodLabel(x.period, by), `mean Goldstein: ${fmt(x.goldstein_mean)}`, `happenings: ${x.events}`]);
    root.append(dot);
  });
  flush();
  clear(chart, root);

  // The numbers, periods with happenings only.
  const shown = periods.filter((x) => x.events > 0);
  const head = el("tr", {}, el("th", {}, by), el("th", {}, "happenings"), QUADS.map((q) => el("th", {}, q.label)),
    el("th", {}, "mean Goldstein"), el("th", {}, "Goldstein sum"), el("th", {}, ""));
  const rows = shown.map((x) => el("tr", { dataset: { period: x.period } },
    el("td", {}, periodLabel(x.period, by)), el("td", { class: "events" }, x.events),
    QUADS.map((q) => el("td", { class: q.key }, x[q.key])),
    el("td", {}, fmt(x.goldstein_mean)), el("td", {}, fmt(x.goldstein_sum)),
    el("td", {}, el("a", { href: hashFor("events", eventParams(dyad, x.period, by)) }, "events →"))));
  const skipped = periods.length - shown.length;
  clear(table, el("caption", {}, `The numbers behind the chart${skipped ? ` (${skipped} ${by}${skipped === 1 ? "" : "s"} without happenings left out)` : ""}`),
    el("thead", {}, head), el("tbody", {}, rows));
}

function eventParams(dyad, period, by) {
  return { source: dyad.a, target: dyad.b, both: dyad.both ? "1" : "", since: period, until: periodEnd(period, by) };
}
