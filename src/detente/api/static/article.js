// Articles: the stored list, and one article with its actors, event triggers
// and places highlighted from the stored offsets, its events beside it.
// The article's text only ever enters the page as text nodes.
import { actorLabel, api, articlePath, bindForm, clear, el, emptyState, fmt, go, hashFor, int, pager, QUADS,
  safeUrl } from "./lib.js";

const PAGE = 25;

export async function show(params, current) {
  const list = document.getElementById("article-list");
  const view = document.getElementById("article-view");
  list.hidden = Boolean(params.key);
  view.hidden = !params.key;
  if (params.key) return showArticle(params, current);
  return showList(params, current);
}

async function showList(params, current) {
  bindForm(document.getElementById("articles-form"), "article", params);
  const offset = Math.max(0, Number(params.offset) || 0);
  const page = await api("/articles", { search: params.search, publisher: params.publisher, since: params.since,
    until: params.until, offset, limit: PAGE });
  if (!current()) return;
  const table = document.getElementById("articles-table");
  const pagerNode = document.getElementById("articles-pager");
  document.getElementById("articles-summary").textContent = page.total === 0 ? "" :
    `${int(page.total)} articles, newest first; showing ${offset + 1}–${offset + page.items.length}. Open one to see what was read from it.`;
  if (page.total === 0) {
    clear(table, el("tbody", {}, el("tr", {}, el("td", {}, emptyState("No stored articles match.")))));
    clear(pagerNode);
    return;
  }
  clear(table, el("thead", {}, el("tr", {}, ["date", "title", "publisher", "events"].map((h) => el("th", {}, h)))),
    el("tbody", {}, page.items.map((a) => el("tr", {},
      el("td", { class: "nowrap" }, a.date || "–"),
      el("td", {}, el("a", { href: hashFor("article", { key: a.article_key }), class: "article-link" }, a.title || a.article_key)),
      el("td", {}, a.publisher || "–"), el("td", { class: "num" }, a.events)))));
  const move = (to) => go("article", { ...params, offset: to > 0 ? String(to) : "" });
  pager(pagerNode, offset, PAGE, page.total, move);
}

async function showArticle(params, current) {
  const stored = await api(articlePath(params.key));
  if (!current()) return;
  const analysis = stored.analysis;
  document.getElementById("article-title").textContent = stored.title || "(untitled)";
  const url = safeUrl(stored.url);
  clear(document.getElementById("article-meta"),
    [stored.date, stored.publisher, stored.author].filter(Boolean).join(" · "),
    url ? [" · ", el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null,
    ` · ${analysis.events.length} events, ${analysis.actors.length} actors, ${analysis.places.length} places`);
  clear(document.getElementById("article-legend"),
    el("span", { class: "legend-item" }, el("span", { class: "hl-actor sample" }, "actor")),
    el("span", { class: "legend-item" }, el("span", { class: "hl-trigger sample" }, "event trigger")),
    el("span", { class: "legend-item" }, el("span", { class: "hl-place sample" }, "place")),
    el("span", { class: "legend-item" }, el("span", { class: "evidence-active sample" }, "evidence of the selected event")));
  const text = document.getElementById("article-text");
  clear(text, highlighted(stored.text, analysis));
  const side = document.getElementById("article-events");
  clear(side, el("h3", {}, `Coded events (${analysis.events.length})`),
    analysis.events.length ? analysis.events.map((e) => card(e, params)) :
      emptyState("No events were coded from this article."),
    actorsList(analysis));
  if (params.event) select(params.event, false);
}

// Split the text at every annotation boundary; each piece is a span that
// carries the kinds covering it, so sentences can be lit up by range.
function highlighted(text, analysis) {
  const marks = [];
  for (const actor of analysis.actors) {
    for (const m of actor.mentions) marks.push({ start: m.start, end: m.end, kind: "actor", label: actorLabel(actor) });
  }
  for (const place of analysis.places) {
    for (const m of place.mentions) {
      marks.push({ start: m.start, end: m.end, kind: "place", label: `${place.name}${place.country ? " (" + place.country + ")" : ""}` });
    }
  }
  for (const e of analysis.events) {
    marks.push({ start: e.evidence.trigger_start, end: e.evidence.trigger_end, kind: "trigger", event: e.id, label: e.type });
    marks.push({ start: e.evidence.start, end: e.evidence.end, kind: "sentence", event: e.id });
    for (const m of e.mentions || []) {
      marks.push({ start: m.trigger_start, end: m.trigger_end, kind: "mention", event: e.id, label: e.type });
      marks.push({ start: m.start, end: m.end, kind: "sentence", event: e.id });
    }
  }
  const valid = marks.filter((m) => m.start >= 0 && m.end <= text.length && m.start < m.end);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    const over = valid.filter((m) => m.start <= start && m.end >= end);
    const span = el("span", { dataset: { start, end } }, text.slice(start, end));
    const kinds = new Set(over.map((m) => m.kind));
    for (const kind of ["actor", "place", "trigger", "mention"]) if (kinds.has(kind)) span.classList.add("hl-" + kind);
    const triggers = over.filter((m) => m.kind === "trigger").map((m) => m.event);
    if (triggers.length) span.dataset.trigger = triggers.join(" ");
    const sentences = over.filter((m) => m.kind === "sentence").map((m) => m.event);
    if (sentences.length) span.dataset.sentence = [...new Set(sentences)].join(" ");
    const labels = over.filter((m) => m.label).map((m) => `${m.kind === "mention" ? "trigger" : m.kind}: ${m.label}`);
    if (labels.length) span.title = [...new Set(labels)].join("\n");
    if (triggers.length || over.some((m) => m.kind === "mention")) {
      const id = triggers[0] || over.find((m) => m.kind === "mention").event;
      span.addEventListener("click", () => select(id, true));
    }
    pieces.push(span);
  }
  return pieces;
}

function card(e, params) {
  const quad = QUADS[e.quad_class - 1];
  return el("div", { class: "event-card", dataset: { event: e.id }, tabindex: "0",
    onclick: () => { history.replaceState(null, "", hashFor("article", { ...params, event: e.id })); select(e.id, true); } },
  el("div", { class: "event-head" },
    el("span", { class: "quad", style: quad ? `background:${quad.color}` : null, title: quad ? quad.label : "" }),
    el("strong", {}, e.type + (e.mode ? ` / ${e.mode}` : "")), " ",
    el("span", { class: "modality " + e.modality }, e.modality)),
  el("div", {}, actorLabel(e.source), " → ", actorLabel(e.target)),
  el("div", { class: "note" }, [e.date ? `on ${e.date}` + (e.date_precision && e.date_precision !== "day" ? ` (${e.date_precision})` : "") : "undated",
    e.location ? `in ${e.location.name}` : null, `Goldstein ${fmt(e.goldstein)}`, `confidence ${Math.round(e.confidence * 100)}%`,
    e.background ? "background" : null].filter(Boolean).join(" · ")),
  el("blockquote", { class: "evidence" }, e.evidence.sentence),
  el("div", { class: "note" }, `trigger “${e.evidence.trigger}”`,
    e.mentions && e.mentions.length ? `, told in ${e.mentions.length + 1} sentences` : ""));
}

function actorsList(analysis) {
  if (!analysis.actors.length) return null;
  return el("details", { class: "actors" }, el("summary", {}, `Actors (${analysis.actors.length}) and places (${analysis.places.length})`),
    el("ul", {}, analysis.actors.map((a) => el("li", {}, el("span", { class: "hl-actor" }, a.name),
      ` ${a.code || "no code"} · ${a.kind}${a.role ? " · " + a.role : ""} · ${a.mentions.length}×`))),
    el("ul", {}, analysis.places.map((p) => el("li", {}, el("span", { class: "hl-place" }, p.name),
      ` ${p.kind}${p.country ? " · " + p.country : ""} · ${p.mentions.length}×`))));
}

function select(id, scroll) {
  for (const node of document.querySelectorAll(".evidence-active")) node.classList.remove("evidence-active");
  for (const node of document.querySelectorAll(".event-card.selected")) node.classList.remove("selected");
  const pieces = [...document.querySelectorAll("#article-text span[data-sentence]")]
    .filter((node) => node.dataset.sentence.split(" ").includes(id));
  for (const node of pieces) node.classList.add("evidence-active");
  const cardNode = [...document.querySelectorAll(".event-card")].find((node) => node.dataset.event === id);
  if (cardNode) cardNode.classList.add("selected");
  const trigger = [...document.querySelectorAll("#article-text [data-trigger]")]
    .find((node) => node.dataset.trigger.split(" ").includes(id)) || pieces[0];
  if (trigger) trigger.scrollIntoView({ block: "center", behavior: scroll ? "smooth" : "instant" });
  if (cardNode && !scroll) cardNode.scrollIntoView({ block: "nearest" });
}

