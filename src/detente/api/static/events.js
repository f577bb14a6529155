// Event table: the stored events matching the filters, a page at a time,
// each linked to its article with the evidence highlighted.
import { actorLabel, api, bindForm, clear, el, emptyState, fmt, go, hashFor, int, pager, QUADS } from "./lib.js";

const PAGE = 25;
const DEFAULTS = { sort: "-date" };

export async function show(params, current) {
  const form = document.getElementById("events-form");
  bindForm(form, "events", params, DEFAULTS);
  const p = { ...DEFAULTS, ...params };
  const offset = Math.max(0, Number(p.offset) || 0);
  const page = await api("/events", { source: p.source, target: p.target, both: p.both === "1" ? true : null,
    type: p.type, modality: p.modality, since: p.since, until: p.until, sort: p.sort, offset, limit: PAGE });
  if (!current()) return;
  const table = document.getElementById("events-table");
  const summary = document.getElementById("events-summary");
  const pagerNode = document.getElementById("events-pager");
  if (page.total === 0) {
    summary.textContent = "";
    clear(table, el("tbody", {}, el("tr", {}, el("td", {}, emptyState("No stored events match these filters.")))));
    clear(pagerNode);
    return;
  }
  summary.textContent = `${int(page.total)} events; showing ${offset + 1}–${offset + page.items.length}. ` +
    "Goldstein runs from −10 (most conflictual) to +10 (most cooperative). Click a row to read the event in its article.";
  clear(table,
    el("thead", {}, el("tr", {}, ["date", "source", "event", "target", "modality", "Goldstein", "where", "trigger", "article"]
      .map((h) => el("th", {}, h)))),
    el("tbody", {}, page.items.map(row)));
  const move = (to) => go("events", { ...params, offset: to > 0 ? String(to) : "" });
  pager(pagerNode, offset, PAGE, page.total, move);
}

function row(e) {
  const quad = QUADS[e.quad_class - 1];
  const link = hashFor("article", { key: e.article_key, event: e.id });
  const tr = el("tr", { class: "event-row", dataset: { id: e.id, key: e.article_key } },
    el("td", { class: "nowrap" }, e.date || e.article_date || "–"),
    el("td", { class: "source", title: e.source.code || "" }, actorLabel(e.source)),
    el("td", { class: "type" }, el("span", { class: "quad", style: quad ? `background:${quad.color}` : null,
      title: quad ? quad.label : "" }), e.type + (e.mode ? ` / ${e.mode}` : "")),
    el("td", { class: "target" }, actorLabel(e.target)),
    el("td", { class: "mod" }, el("span", { class: "modality " + e.modality }, e.modality)),
    el("td", { class: "num" }, fmt(e.goldstein)),
    el("td", {}, e.location ? e.location.name : "–"),
    el("td", { class: "trigger" }, e.evidence.trigger),
    el("td", {}, el("a", { href: link, class: "article-link" }, e.article_publisher || "article")));
  tr.addEventListener("click", (event) => { if (event.target.tagName !== "A") location.hash = link; });
  return tr;
}
