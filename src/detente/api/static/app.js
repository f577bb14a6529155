// The dashboard: one page, five views, state in the URL hash (#view?name=value).
import { api, clear, countries, countryLabel, el, fillSelect, int, MODALITIES, readHash, TYPES } from "./lib.js";
import * as article from "./article.js";
import * as events from "./events.js";
import * as map from "./map.js";
import * as network from "./network.js";
import * as relations from "./relations.js";

const VIEWS = { relations, map, network, events, article };
let rendering = 0;

async function route() {
  const { view, params } = readHash();
  const name = VIEWS[view] ? view : "relations";
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== "view-" + name;
  for (const tab of document.querySelectorAll("#tabs a")) {
    tab.classList.toggle("active", tab.dataset.view === name);
  }
  const error = document.getElementById("error");
  error.hidden = true;
  const ticket = ++rendering;
  const drawing = location.hash;
  document.body.dataset.ready = "";
  try {
    await VIEWS[name].show(params, () => ticket === rendering);
  } catch (failure) {
    if (ticket !== rendering) return;
    error.textContent = "Could not load this view: " + failure.message;
    error.hidden = false;
  }
  // Tests and screenshots wait for this: the current view has drawn.
  // It also records which address was drawn: the hash can change before
  // its hashchange event starts the next rendering.
  if (ticket === rendering) {
    document.body.dataset.drawn = drawing;
    document.body.dataset.ready = name;
  }
}

async function start() {
  for (const select of document.querySelectorAll("select.types")) fillSelect(select, TYPES, { any: "any type" });
  for (const select of document.querySelectorAll("select.modalities")) {
    fillSelect(select, select.classList.contains("any") ? MODALITIES : [...MODALITIES, "all"],
      { any: select.classList.contains("any") ? "any modality" : null });
  }
  window.addEventListener("hashchange", route);
  try {
    const known = await countries();
    clear(document.getElementById("countries"), known.map((c) => el("option", { value: c.node }, countryLabel(c))));
    const stored = await api("/articles", { limit: 1 });
    document.getElementById("store-summary").textContent =
      `${int(stored.total)} articles stored · ${int(known.length)} countries in events`;
  } catch (failure) {
    document.getElementById("store-summary").textContent = "store unavailable: " + failure.message;
  }
  await route();
}

start();
