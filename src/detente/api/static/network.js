// Actor network: countries (or actor codes) as nodes sized by happenings,
// one line per pair weighted by happenings both ways and coloured by their
// mean Goldstein score; a deterministic force layout.
import { api, bindForm, clear, el, emptyState, fmt, go, goldsteinColor, goldsteinLegend, int, svg, tip } from "./lib.js";

const DEFAULTS = { level: "country", modality: "asserted", min_events: "1", top: "30" };

export async function show(params, current) {
  const form = document.getElementById("network-form");
  bindForm(form, "network", params, DEFAULTS);
  const p = { ...DEFAULTS, ...params };
  const net = await api("/network", { level: p.level, modality: p.modality, since: p.since, until: p.until,
    min_events: p.min_events, limit: 5000 });
  if (!current()) return;
  const top = Number(p.top) || 30;
  let nodes = net.nodes.filter((x) => x.node).sort((x, y) => y.events - x.events || x.node.localeCompare(y.node)).slice(0, top);
  const keep = new Set(nodes.map((x) => x.node));
  const pairs = new Map();
  for (const edge of net.edges) {
    if (!keep.has(edge.source) || !keep.has(edge.target) || edge.source === edge.target) continue;
    const [a, b] = [edge.source, edge.target].sort();
    const pair = pairs.get(a + "|" + b) || { a, b, events: 0, gsum: 0, directions: [] };
    pair.events += edge.events;
    pair.gsum += edge.goldstein_sum;
    pair.directions.push(edge);
    pairs.set(a + "|" + b, pair);
  }
  const links = [...pairs.values()];
  // Nodes without a partner among those shown would only crowd the edges.
  const linked = new Set(links.flatMap((x) => [x.a, x.b]));
  const alone = nodes.filter((x) => !linked.has(x.node)).length;
  nodes = nodes.filter((x) => linked.has(x.node));
  document.getElementById("network-title").textContent =
    `Who deals with whom: ${p.level === "country" ? "countries" : "actor codes"}`;
  document.getElementById("network-summary").textContent = net.nodes.length === 0 ? "" :
    `${int(nodes.length)} of the ${int(net.nodes.length)} nodes and the ${int(links.length)} pairs between them` +
    (alone ? ` (${alone} of the ${top} busiest have no partner among the others and are left out). ` : ". ") +
    "Circle area: happenings a node takes part in; line width: happenings between the pair (both ways). " +
    "Click a line for the pair's timeline.";
  clear(document.getElementById("network-legend"), goldsteinLegend("line colour, mean Goldstein"),
    el("span", { class: "legend-item" }, el("span", { class: "swatch node-swatch" }), "country"),
    el("span", { class: "legend-item" }, el("span", { class: "swatch node-swatch other" }),
      "actors with no known country, by sector (GOV, REB, IGO, ...)"));
  const chart = document.getElementById("network-chart");
  if (nodes.length === 0) {
    clear(chart, emptyState("No happenings between two actors match these filters."));
    return;
  }
  clear(chart, draw(nodes, links, p.level));
}

function layout(nodes, links, W, H) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / n;
    return { x: W / 2 + (W / 3) * Math.cos(angle), y: H / 2 + (H / 3) * Math.sin(angle) };
  });
  const index = new Map(nodes.map((x, i) => [x.node, i]));
  const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.6;
  for (let step = 0; step < 300; step++) {
    const t = 30 * (1 - step / 300) + 0.5;
    const move = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(Math.hypot(dx, dy), 1);
        const f = (k * k) / d;
        move[i].x += (dx / d) * f; move[i].y += (dy / d) * f;
        move[j].x -= (dx / d) * f; move[j].y -= (dy / d) * f;
      }
    }
    for (const link of links) {
      const i = index.get(link.a), j = index.get(link.b);
      const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      const d = Math.max(Math.hypot(dx, dy), 1);
      const f = ((d * d) / k) * (0.5 + Math.log1p(link.events) / 4);
      move[i].x -= (dx / d) * f; move[i].y -= (dy / d) * f;
      move[j].x += (dx / d) * f; move[j].y += (dy / d) * f;
    }
    pos.forEach((q, i) => {
      // A pull to the centre keeps unconnected nodes on the canvas.
      move[i].x += (W / 2 - q.x) * 0.6;
      move[i].y += (H / 2 - q.y) * 0.6;
      const d = Math.max(Math.hypot(move[i].x, move[i].y), 1e-9);
      q.x += (move[i].x / d) * Math.min(d, t);
      q.y += (move[i].y / d) * Math.min(d, t);
    });
  }
  // Fit into the canvas with a margin for labels.
  const xs = pos.map((q) => q.x), ys = pos.map((q) => q.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const m = 50;
  return pos.map((q) => ({
    x: x1 > x0 ? m + ((q.x - x0) / (x1 - x0)) * (W - 2 * m) : W / 2,
    y: y1 > y0 ? m + ((q.y - y0) / (y1 - y0)) * (H - 2 * m) : H / 2,
  }));
}

function draw(nodes, links, level) {
  const W = 1000, H = 560;
  const pos = layout(nodes, links, W, H);
  const at = new Map(nodes.map((x, i) => [x.node, pos[i]]));
  const maxNode = Math.max(...nodes.map((x) => x.events));
  const maxLink = Math.max(1, ...links.map((x) => x.events));
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", role: "img", "aria-label": "actor network" });
  for (const link of links.sort((x, y) => x.events - y.events)) {
    const a = at.get(link.a), b = at.get(link.b);
    const mean = link.gsum / link.events;
    const line = svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge", stroke: goldsteinColor(mean),
      "stroke-width": 1 + 9 * Math.sqrt(link.events / maxLink), dataset: { a: link.a, b: link.b, events: link.events } });
    tip(line, () => [`${link.a} – ${link.b}: ${link.events} happening${link.events > 1 ? "s" : ""}`,
      ...link.directions.map((d) => `${d.source} → ${d.target}: ${d.events}, mean Goldstein ${fmt(d.goldstein_mean)}`)]);
    line.addEventListener("click", () => go("relations", { a: link.a, b: link.b, dir: "both", by: "month" }));
    root.append(line);
  }
  nodes.forEach((node, i) => {
    const r = 5 + 20 * Math.sqrt(node.events / maxNode);
    const group = svg("g", { class: node.name ? "node" : "node other", dataset: { node: node.node } },
      svg("circle", { cx: pos[i].x, cy: pos[i].y, r }),
      svg("text", { x: pos[i].x, y: pos[i].y - r - 4, "text-anchor": "middle" }, node.node));
    tip(group, () => [node.name ? `${node.name} (${node.node})` : `${node.node}: actors of this sector with no known country`,
      `${node.events} happenings`,
      `${node.outgoing} as source, ${node.incoming} as target`, `${node.partners} partner${node.partners === 1 ? "" : "s"}`]);
    if (level === "country") group.addEventListener("click", () => go("events", { source: node.node }));
    root.append(group);
  });
  return root;
}
