// World map: stored events at their locations (equirectangular, country
// outlines from Natural Earth in world.json), sized by count, coloured by
// mean Goldstein or main quad class.
import { apiAll, bindForm, clear, el, emptyState, fmt, goldsteinColor, goldsteinLegend, hashFor, int, QUADS,
  quadLegend, svg, tip } from "./lib.js";

const DEFAULTS = { modality: "asserted", color: "goldstein" };
const TOP = 6, BOTTOM = 148; // latitudes 84 N .. 58 S
let world = null;

export async function show(params, current) {
  const form = document.getElementById("map-form");
  bindForm(form, "map", params, DEFAULTS);
  const p = { ...DEFAULTS, ...params };
  world ??= fetch("/static/world.json").then((r) => r.json());
  const [outlines, events] = await Promise.all([world, apiAll("/events", {
    type: p.type, since: p.since, until: p.until, modality: p.modality === "all" ? null : p.modality })]);
  if (!current()) return;
  const places = aggregate(events.items);
  const located = places.reduce((s, x) => s + x.count, 0);
  document.getElementById("map-title").textContent =
    `Where events happened${p.type ? ": " + p.type : ""}`;
  document.getElementById("map-summary").textContent = events.total === 0 ? "" :
    `${int(located)} of ${int(events.total)} matching events have a location, at ${int(places.length)} places; ` +
    "the others were told without one. Circle area is proportional to the number of events; countries are shaded by events located in them.";
  clear(document.getElementById("map-legend"), p.color === "quad" ? quadLegend() : goldsteinLegend(),
    el("span", { class: "legend-item" }, el("span", { class: "swatch country-swatch" }), "more events in the country"));
  const chart = document.getElementById("map-chart");
  const table = document.getElementById("map-table");
  const base = drawMap(outlines, places);
  if (located === 0) {
    clear(chart, base, emptyState(events.total === 0 ? "No events match these filters." : "None of the matching events has a location."));
    clear(table);
    return;
  }
  const max = Math.max(...places.map((x) => x.count));
  // Area by count: 1 event ~ 7 px across at full width, the busiest place at most ~40 px.
  const radius = (n) => Math.min(1 + 1.2 * Math.sqrt(n), 1 + 6 * Math.sqrt(n / max));
  for (const place of places.slice().sort((x, y) => y.count - x.count)) {
    const color = p.color === "quad" ? QUADS[place.mainQuad - 1]?.color ?? "#9e9e9e" : goldsteinColor(place.goldstein);
    const dot = svg("circle", { cx: place.lon + 180, cy: 90 - place.lat, r: radius(place.count), fill: color,
      class: "place", dataset: { name: place.name, count: place.count } });
    tip(dot, () => [place.name + (place.country ? ` (${place.country})` : ""), `${place.count} event${place.count > 1 ? "s" : ""}`,
      ...QUADS.filter((q) => place.quads[q.quad]).map((q) => `${q.label}: ${place.quads[q.quad]}`),
      `mean Goldstein: ${fmt(place.goldstein)}`]);
    base.append(dot);
  }
  clear(chart, base);
  const rows = places.slice().sort((x, y) => y.count - x.count || x.name.localeCompare(y.name)).slice(0, 15);
  clear(table, el("thead", {}, el("tr", {}, el("th", {}, "place"), el("th", {}, "country"), el("th", {}, "events"),
    QUADS.map((q) => el("th", {}, q.label)), el("th", {}, "mean Goldstein"), el("th", {}, "example"))),
  el("tbody", {}, rows.map((x) => el("tr", {}, el("td", {}, x.name), el("td", {}, x.country || "–"),
    el("td", {}, x.count), QUADS.map((q) => el("td", {}, x.quads[q.quad] || 0)), el("td", {}, fmt(x.goldstein)),
    el("td", {}, el("a", { href: hashFor("article", { key: x.example.article_key, event: x.example.id }) },
      `${x.example.type} ${x.example.date || ""}`))))));
}

function aggregate(items) {
  const byPlace = new Map();
  for (const e of items) {
    const loc = e.location;
    if (!loc || loc.lat === null || loc.lon === null) continue;
    const key = `${loc.name}|${loc.lat.toFixed(2)}|${loc.lon.toFixed(2)}`;
    let place = byPlace.get(key);
    if (!place) {
      place = { name: loc.name, country: loc.country, lat: loc.lat, lon: loc.lon, count: 0, gsum: 0, gn: 0,
        quads: {}, example: e };
      byPlace.set(key, place);
    }
    place.count += 1;
    if (e.goldstein !== null) { place.gsum += e.goldstein; place.gn += 1; }
    if (e.quad_class) place.quads[e.quad_class] = (place.quads[e.quad_class] || 0) + 1;
  }
  return [...byPlace.values()].map((x) => ({ ...x, goldstein: x.gn ? x.gsum / x.gn : null,
    mainQuad: Number(Object.entries(x.quads).sort((a, b) => b[1] - a[1])[0]?.[0] || 0) }));
}

function drawMap(outlines, places) {
  const perCountry = {};
  for (const x of places) if (x.country) perCountry[x.country] = (perCountry[x.country] || 0) + x.count;
  const most = Math.max(1, ...Object.values(perCountry));
  const root = svg("svg", { viewBox: `0 ${TOP} 360 ${BOTTOM - TOP}`, class: "world", role: "img",
    "aria-label": "world map of event locations" });
  root.append(svg("rect", { x: 0, y: TOP, width: 360, height: BOTTOM - TOP, class: "sea" }));
  for (let lon = -150; lon < 180; lon += 30) {
    root.append(svg("line", { x1: lon + 180, x2: lon + 180, y1: TOP, y2: BOTTOM, class: "graticule" }));
  }
  for (let lat = -30; lat <= 60; lat += 30) {
    root.append(svg("line", { x1: 0, x2: 360, y1: 90 - lat, y2: 90 - lat, class: "graticule" }));
  }
  for (const [code, country] of Object.entries(outlines.countries)) {
    const n = perCountry[code] || 0;
    const shape = svg("path", { d: country.path, class: "country", dataset: { code },
      style: n ? `fill: rgba(70, 110, 160, ${0.12 + 0.45 * Math.sqrt(n / most)})` : null });
    tip(shape, () => [country.name, `${n} located event${n === 1 ? "" : "s"}`]);
    root.append(shape);
  }
  return root;
}
