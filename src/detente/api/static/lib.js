// Shared helpers: API calls, DOM and SVG building (text only ever goes in as
// text nodes), URL hash state, colours, the tooltip.

export const QUADS = [
  { key: "verbal_coop", quad: 1, label: "verbal cooperation", color: "#7fbf7b" },
  { key: "material_coop", quad: 2, label: "material cooperation", color: "#1b7837" },
  { key: "verbal_conflict", quad: 3, label: "verbal conflict", color: "#f4a582" },
  { key: "material_conflict", quad: 4, label: "material conflict", color: "#b2182b" },
];

export const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
export const MODALITIES = ["asserted", "future", "negated", "hypothetical"];

export class ApiError extends Error {}

export async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(name, value);
  }
  const url = path + (query.toString() ? "?" + query : "");
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `${response.status} ${response.statusText}`;
    throw new ApiError(message);
  }
  return body;
}

// Every page of a paged endpoint, up to `max` rows.
export async function apiAll(path, params = {}, max = 10000) {
  const items = [];
  let total = 0;
  for (let offset = 0; offset < max; offset += 1000) {
    const page = await api(path, { ...params, offset, limit: 1000 });
    items.push(...page.items);
    total = page.total;
    if (items.length >= page.total || page.items.length === 0) break;
  }
  return { items, total };
}

// The key of a stored article as a path: ':' and '/' stay, the rest is encoded.
export function articlePath(key) {
  return "/articles/" + encodeURIComponent(key).replace(/%3A/gi, ":").replace(/%2F/gi, "/");
}

function build(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const el = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);
export const svg = (tag, attrs, ...children) =>
  build(document.createElementNS("http://www.w3.org/2000/svg", tag), attrs, children);

export function clear(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
  return node;
}

// Hash state: #view?name=value&...
export function readHash() {
  const [view, query] = location.hash.replace(/^#/, "").split("?");
  return { view: view || "relations", params: Object.fromEntries(new URLSearchParams(query || "")) };
}

export function hashFor(view, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(name, value);
  }
  const text = query.toString();
  return "#" + view + (text ? "?" + text : "");
}

export function go(view, params, replace = false) {
  const hash = hashFor(view, params);
  if (hash === location.hash) return;
  if (replace) {
    history.replaceState(null, "", hash);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    location.hash = hash;
  }
}

// A form's fields from the hash params, and its changes back to the hash.
export function bindForm(form, view, params, defaults = {}) {
  // A redraw that this form's own change started must not undo what the
  // user typed while it loaded (a second field filled right after the
  // first): fields that differ from what the form sent are left alone.
  const sent = form.sentParams;
  form.sentParams = null;
  for (const field of form.elements) {
    if (!field.name) continue;
    if (sent && fieldValue(field) !== (sent[field.name] ?? "")) continue;
    const value = params[field.name] ?? defaults[field.name] ?? "";
    if (field.type === "checkbox") field.checked = value === "1";
    else field.value = value;
  }
  const send = () => { form.sentParams = formParams(form); go(view, form.sentParams); };
  form.onchange = send;
  form.onsubmit = (event) => { event.preventDefault(); send(); };
  form.onreset = () => setTimeout(() => go(view, {}), 0);
}

function fieldValue(field) {
  if (field.type === "checkbox") return field.checked ? "1" : "";
  return field.value.trim();
}

export function formParams(form) {
  const params = {};
  for (const field of form.elements) {
    if (field.name && fieldValue(field) !== "") params[field.name] = fieldValue(field);
  }
  return params;
}

export function fillSelect(select, values, { any = null } = {}) {
  const current = select.value;
  clear(select, any !== null ? el("option", { value: "" }, any) : null,
    values.map((v) => (Array.isArray(v) ? el("option", { value: v[0] }, v[1]) : el("option", { value: v }, v))));
  select.value = current;
}

// Goldstein -10 (red) .. 0 (grey) .. +10 (green).
export function goldsteinColor(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "#9e9e9e";
  const t = Math.max(-1, Math.min(1, value / 10));
  const mix = (a, b, f) => Math.round(a + (b - a) * f);
  const [from, to] = t < 0 ? [[158, 158, 158], [178, 24, 43]] : [[158, 158, 158], [27, 120, 55]];
  const f = Math.pow(Math.abs(t), 0.6);
  return `rgb(${mix(from[0], to[0], f)},${mix(from[1], to[1], f)},${mix(from[2], to[2], f)})`;
}

export function goldsteinLegend(title = "mean Goldstein") {
  const stops = [-10, -5, -2, 0, 2, 5, 10];
  return el("span", { class: "legend-item" }, title + ": ",
    stops.map((v) => el("span", { class: "swatch wide", style: `background:${goldsteinColor(v)}` }, v > 0 ? "+" + v : v)));
}

export function quadLegend() {
  return QUADS.map((q) => el("span", { class: "legend-item" }, el("span", { class: "swatch", style: `background:${q.color}` }), q.label));
}

export const fmt = (n, digits = 1) =>
  n === null || n === undefined ? "–" : (n > 0 ? "+" : "") + Number(n).toFixed(digits);
export const int = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en"));

// Nice round axis ticks from 0 to at least max.
export function ticks(max, count = 5) {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = 0; v <= max + step * 0.999; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

// A floating tooltip; lines are plain strings.
const tooltip = () => document.getElementById("tooltip");
export function tip(target, lines) {
  target.addEventListener("mousemove", (event) => {
    const box = tooltip();
    clear(box, lines().map((line, i) => el("div", { class: i === 0 ? "tip-title" : null }, line)));
    box.hidden = false;
    const x = Math.min(event.clientX + 14, window.innerWidth - box.offsetWidth - 8);
    box.style.left = x + "px";
    box.style.top = event.clientY + 14 + "px";
  });
  target.addEventListener("mouseleave", () => { tooltip().hidden = true; });
}

// The countries that take part in stored happenings, busiest first: [{node, name, events}].
let countriesCache = null;
export function countries() {
  countriesCache ??= api("/network", { level: "country", limit: 5000, modality: "all" })
    .then((net) => net.nodes.filter((c) => c.node && c.name).sort((x, y) => y.events - x.events || x.node.localeCompare(y.node)))
    .catch((error) => { countriesCache = null; throw error; });
  return countriesCache;
}

export const countryLabel = (c) => (c.name ? `${c.name} (${c.node})` : c.node);

export function emptyState(message) {
  return el("div", { class: "empty" }, message);
}

export function actorLabel(ref) {
  if (!ref) return "–";
  return ref.code ? `${ref.name} (${ref.code})` : ref.name;
}

// Only web links are ever made clickable (no javascript: or data: URLs).
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

// Previous / next buttons for a paged table; move(offset) shows that page.
export function pager(node, offset, size, total, move) {
  clear(node,
    el("button", { type: "button", disabled: offset === 0, onclick: () => move(Math.max(0, offset - size)) }, "← previous"),
    el("span", {}, `page ${Math.floor(offset / size) + 1} of ${Math.max(1, Math.ceil(total / size))}`),
    el("button", { type: "button", disabled: offset + size >= total, onclick: () => move(offset + size) }, "next →"));
}
