// DocShelf's page: the pieces wired together, the keys, and the address kept in step with what the reader does.
// Everything it loads comes from this machine's own API.

import { $, api, toast, whenUnauthorized } from "./api.js";
import { initAsk, ask } from "./ask.js";
import { search, shownHits } from "./results.js";
import { acceptUploads, followUploads } from "./upload.js";
import { renderStatus, requestRetry, showLostTouch } from "./status.js";
import { followStatus } from "./status-feed.js";
import { renderActiveFilters } from "./filter-chips.js";
import { renderWelcome } from "./welcome.js";
import { readState, writeState, pageLink, copyLink } from "./url-state.js";
import { initShelfView, showShelf, hideShelf } from "./shelf-view.js";
import { openDocument, closeDocument, showPage, stepHit, zoom, viewing, currentPage, citationOutline } from "./viewer.js";

const filterIds = { mode: "search-mode", type: "filter-type", source: "filter-source", added: "filter-added", dated: "filter-dated" };
let searchedAs = { text: "", typing: false };
let lastShelfSize = -1;

// ---- The address -------------------------------------------------------------------------------------

function currentState() {
  const detail = viewing();
  return {
    view: document.body.classList.contains("shelf") ? "shelf" : "",
    q: $("query").value,
    ...Object.fromEntries(Object.entries(filterIds).map(([key, id]) => [key, $(id).value])),
    // The best mode is the default, and a link need not name it.
    mode: $("search-mode").selectedIndex > 0 ? $("search-mode").value : "",
    doc: detail?.document.id || "",
    page: currentPage(),
    ask: $("question").value.trim() && !$("answer").hidden ? $("question").value.trim() : "",
  };
}

const remember = (push = false) => writeState(currentState(), { push });

// Puts the page in the state the address describes: on load, and on Back and Forward.
async function restore() {
  const state = readState();
  $("query").value = state.q;
  for (const [key, id] of Object.entries(filterIds)) {
    if (!state[key] || [...$(id).options].some((o) => o.value === state[key])) $(id).value = state[key];
  }
  if (state.mode && $("search-mode").value !== state.mode) $("search-mode").dataset.wanted = state.mode;
  await runSearch(false);
  if (state.doc) await open(state.doc, state.page, { focusViewer: false, push: false });
  else closeDocument();
  await setShelfView(state.view === "shelf");
  if (state.ask && state.ask !== $("question").value.trim()) {
    $("question").value = state.ask;
    ask(state.ask, openCitation, signIn);
  }
}

async function setShelfView(on) {
  $("shelf-button").setAttribute("aria-pressed", String(on));
  if (on) await showShelf();
  else hideShelf();
}

// ---- Searching and opening ---------------------------------------------------------------------------

async function runSearch(typing) {
  searchedAs = { text: $("query").value, typing };
  renderActiveFilters(() => runSearch(false).then(() => remember(true)));
  return search({ typing, onOpen: openHit, onFiltersCleared: () => remember(true) });
}

async function openHit(hit, button) {
  selectHit(button);
  await open(hit.documentId, hit.page);
}

async function open(id, page, { outline = null, focusViewer = true, push = true } = {}) {
  try {
    await openDocument(id, page, { query: searchedAs.text, typing: searchedAs.typing, outline });
    remember(push);
    // On a narrow screen the viewer replaces the results, so the reader is taken to it.
    if (focusViewer && window.matchMedia("(max-width: 720px)").matches) $("viewer-title").focus();
  } catch (error) {
    toast(error.message, true);
  }
}

function openCitation(citation) {
  open(citation.documentId, citation.page, { outline: citationOutline(citation) });
}

function selectHit(button) {
  for (const hit of document.querySelectorAll(".hit")) hit.classList.toggle("selected", hit === button);
  button?.focus();
}

// Moves the selection through the hits on screen; from the search box, ↓ enters the list.
function moveSelection(delta) {
  const buttons = [...document.querySelectorAll(".hit")];
  if (!buttons.length) return;
  const at = buttons.indexOf(document.activeElement);
  if (at === 0 && delta < 0) {
    $("query").focus();
    return;
  }
  selectHit(buttons[Math.max(0, Math.min(buttons.length - 1, at + delta))]);
}

// New documents on the shelf may belong in the results: search again, keeping the reader's place.
function refreshWhenShelfGrows(status) {
  const size = status.shelf.counts.chunks;
  if (lastShelfSize >= 0 && size !== lastShelfSize && $("query").value.trim()) runSearch(searchedAs.typing);
  lastShelfSize = size;
}

// ---- Keyboard ----------------------------------------------------------------------------------------

const typingIn = (target) =>
  target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;

const keys = {
  "/": () => { $("query").focus(); $("query").select(); },
  ArrowRight: () => turnPage(1),
  ArrowLeft: () => turnPage(-1),
  PageDown: () => turnPage(1),
  PageUp: () => turnPage(-1),
  n: () => stepHit(1).then(() => remember()),
  p: () => stepHit(-1).then(() => remember()),
  "+": () => zoom(1),
  "=": () => zoom(1),
  "-": () => zoom(-1),
  w: () => zoom("width"),
  f: () => zoom("page"),
};

function turnPage(delta) {
  if (!viewing()) return false;
  showPage(currentPage() + delta).then(() => remember());
  return true;
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || $("sign-in").open) return;
  const inHits = event.target.classList?.contains("hit");
  if (event.key === "ArrowDown" && (event.target === $("query") || inHits)) {
    event.preventDefault();
    moveSelection(1);
  } else if (event.key === "ArrowUp" && inHits) {
    event.preventDefault();
    moveSelection(-1);
  } else if (event.key === "Escape") {
    if (viewing() && window.matchMedia("(max-width: 720px)").matches) backToResults();
    else $("query").focus();
  } else if (!typingIn(event.target) && keys[event.key]) {
    // Each key does one thing: a page key turns the page and does not also scroll the window.
    const handled = keys[event.key]() !== false;
    if (handled) event.preventDefault();
  }
});

function backToResults() {
  closeDocument();
  remember(true);
  document.querySelector(".hit.selected")?.focus();
}

// ---- Start -------------------------------------------------------------------------------------------

let debounce;
$("query").addEventListener("input", () => {
  clearTimeout(debounce);
  // A short pause lets a fast typist's keys go out as one search; the previous search is aborted either way.
  debounce = setTimeout(() => runSearch(true).then(() => remember()), 25);
});
$("search-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  clearTimeout(debounce);
  const hits = await runSearch(false);
  remember(true);
  const first = document.querySelector(".hit");
  if (hits?.length && first) await openHit(shownHits()[0], first);
});
for (const id of Object.values(filterIds)) {
  $(id).addEventListener("change", () => runSearch(false).then(() => remember(true)));
}
$("page-previous").addEventListener("click", () => turnPage(-1));
$("page-next").addEventListener("click", () => turnPage(1));
$("hit-previous").addEventListener("click", () => keys.p());
$("hit-next").addEventListener("click", () => keys.n());
$("zoom-in").addEventListener("click", () => zoom(1));
$("zoom-out").addEventListener("click", () => zoom(-1));
$("zoom-width").addEventListener("click", () => zoom("width"));
$("zoom-page").addEventListener("click", () => zoom("page"));
$("back-to-results").addEventListener("click", backToResults);
$("copy-link").addEventListener("click", async () => {
  const detail = viewing();
  if (!detail) return;
  const copied = await copyLink(pageLink(detail.document.id, currentPage(), { query: searchedAs.text }));
  toast(copied ? "A link to this page is copied." : "The link could not be copied; copy it from the address bar.", !copied);
});
$("retry-all").addEventListener("click", () => requestRetry(null));
$("filters-toggle").addEventListener("click", () => {
  const open = document.body.classList.toggle("filters-open");
  $("filters-toggle").setAttribute("aria-expanded", String(open));
});
document.addEventListener("open-page", (event) => open(event.detail.id, event.detail.page));
window.addEventListener("shelf-open", async (event) => {
  await setShelfView(false);
  await open(event.detail.id, 1);
});
$("shelf-button").addEventListener("click", async () => {
  await setShelfView(!document.body.classList.contains("shelf"));
  remember(true);
  if (document.body.classList.contains("shelf")) $("shelf-heading").focus();
});
document.addEventListener("asked", () => remember(true));
window.addEventListener("popstate", restore);

$("sign-in-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await api("/api/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: $("token").value }),
    });
    $("sign-in").close();
    location.reload();
  } catch (error) {
    $("sign-in-error").textContent = error.message;
  }
});

const signIn = () => { if (!$("sign-in").open) $("sign-in").showModal(); };
whenUnauthorized(signIn);
acceptUploads();
initShelfView();
initAsk(openCitation, signIn);
const onStatus = (status) => {
  renderStatus(status);
  renderWelcome(status);
  followUploads(status);
  refreshWhenShelfGrows(status);
  const wanted = $("search-mode").dataset.wanted;
  if (wanted && [...$("search-mode").options].some((o) => o.value === wanted)) {
    delete $("search-mode").dataset.wanted;
    $("search-mode").value = wanted;
    runSearch(false);
  }
};
api("/api/status").then(onStatus).catch(() => {});
followStatus(onStatus, showLostTouch);
restore();
