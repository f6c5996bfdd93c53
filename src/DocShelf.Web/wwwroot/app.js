// DocShelf's page: search as you type, a page viewer with the hit words outlined, live ingestion status,
// drag-and-drop upload and the quarantine list. Everything it loads comes from this machine's own API.

import { initAsk } from "./ask.js";

const $ = (id) => document.getElementById(id);
// outline: a cited passage to outline instead of the search words ({ documentId, page, boxes, quote }).
const state = { query: "", hits: [], selected: -1, document: null, page: 1, searchAbort: null, outline: null };

// ---- API ---------------------------------------------------------------------------------------------

class ApiError extends Error {}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { "X-DocShelf-Request": "1", ...(options.headers || {}) },
  });
  if (response.status === 401 && !path.startsWith("/api/session")) {
    signIn();
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(problem.detail || `${response.status} ${response.statusText}`);
  }
  return response.status === 204 ? null : response.json();
}

function toast(message, isError = false) {
  const box = $("toast");
  box.textContent = message;
  box.classList.toggle("error", isError);
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

// ---- Search ------------------------------------------------------------------------------------------

function searchUrl() {
  const params = new URLSearchParams({ q: state.query, top: "20", mode: $("search-mode").value });
  const type = $("filter-type").value;
  const source = $("filter-source").value;
  const days = Number($("filter-added").value);
  if (type) params.set("type", type);
  if (source) params.set("source", source);
  if (days) params.set("since", new Date(Date.now() - days * 86400000).toISOString().slice(0, 10));
  return `/api/search?${params}`;
}

async function search() {
  state.query = $("query").value.trim();
  state.searchAbort?.abort();
  if (!state.query) {
    renderHits([]);
    $("results-summary").textContent = "Type words to search every page on the shelf.";
    return;
  }
  const abort = new AbortController();
  state.searchAbort = abort;
  try {
    const result = await api(searchUrl(), { signal: abort.signal });
    renderHits(result.results);
    $("results-summary").textContent = result.results.length
      ? `${result.results.length === 20 ? "Top 20" : result.results.length} ${result.results.length === 1 ? "result" : "results"} for “${result.query}”`
      : `Nothing on this shelf matches “${result.query}”.`;
  } catch (error) {
    if (error.name !== "AbortError") $("results-summary").textContent = error.message;
  }
}

function marked(text, spans) {
  // Builds text with <mark> around each span, as DOM nodes, so no document text is ever parsed as HTML.
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    fragment.append(text.slice(at, span.start));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(span.start, span.start + span.length);
    fragment.append(mark);
    at = span.start + span.length;
  }
  fragment.append(text.slice(at));
  return fragment;
}

function renderHits(hits) {
  state.hits = hits;
  state.selected = -1;
  const list = $("results");
  list.replaceChildren(...hits.map((hit, index) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "hit";
    button.dataset.index = index;
    const title = document.createElement("span");
    title.className = "hit-title";
    title.textContent = hit.path.split("/").pop();
    const page = document.createElement("span");
    page.className = "hit-page";
    page.textContent = `page ${hit.page}`;
    const snippet = document.createElement("span");
    snippet.className = "snippet";
    snippet.append(marked(hit.snippet, hit.highlights));
    button.append(title, page, snippet);
    button.addEventListener("click", () => select(index, true));
    item.append(button);
    return item;
  }));
}

function select(index, open) {
  const buttons = [...document.querySelectorAll(".hit")];
  if (!buttons.length) return;
  state.selected = Math.max(0, Math.min(index, buttons.length - 1));
  buttons.forEach((b, i) => b.classList.toggle("selected", i === state.selected));
  buttons[state.selected].focus();
  if (open) {
    const hit = state.hits[state.selected];
    state.outline = null;
    openDocument(hit.documentId, hit.page);
  }
}

// ---- Viewer ------------------------------------------------------------------------------------------

async function openDocument(id, page) {
  try {
    const detail = await api(`/api/documents/${id}`);
    state.document = detail;
    $("viewer-empty").hidden = true;
    $("viewer-content").hidden = false;
    $("viewer-title").textContent = detail.document.name;
    $("viewer-path").textContent = detail.document.path;
    const link = $("original-link");
    link.href = `/api/documents/${id}/original`;
    link.hidden = Boolean(detail.originalProblem);
    $("viewer-notice").textContent = detail.originalProblem || "";
    await showPage(page);
  } catch (error) {
    toast(error.message, true);
  }
}

async function showPage(number) {
  const detail = state.document;
  if (!detail) return;
  const count = Math.max(1, detail.document.pages);
  state.page = Math.max(1, Math.min(number, count));
  const id = detail.document.id;
  const view = await api(`/api/documents/${id}/pages/${state.page}?q=${encodeURIComponent(state.query)}`);
  $("page-label").textContent = `Page ${state.page} of ${count}`;
  $("page-previous").disabled = state.page <= 1;
  $("page-next").disabled = state.page >= count;
  const cited = state.outline?.documentId === id && state.outline.page === state.page ? state.outline : null;
  const source = { ocr: "read by OCR", textLayer: "text layer", plainText: "text file" }[view.source] || view.source;
  const image = $("page-image");
  const boxes = $("page-boxes");
  boxes.replaceChildren();
  if (detail.hasPageImages) {
    $("page").hidden = false;
    image.alt = `Page ${state.page} of ${detail.document.name} (${source})`;
    image.src = `/api/documents/${id}/pages/${state.page}/image`;
    const outlined = cited ? cited.boxes : view.matches.map((index) => view.words[index]);
    for (const word of outlined) {
      const box = document.createElement("div");
      box.className = cited ? "box cited" : "box";
      box.title = word.text;
      box.style.left = `${word.x * 100}%`;
      box.style.top = `${word.y * 100}%`;
      box.style.width = `${word.width * 100}%`;
      box.style.height = `${word.height * 100}%`;
      boxes.append(box);
    }
  } else {
    $("page").hidden = true;
  }
  renderQuality(view.reading);
  $("page-text").replaceChildren(marked(view.text, cited ? quoteSpans(view.text, cited.quote) : view.textMatches));
  $("page-text-panel").open = !detail.hasPageImages;
  boxes.querySelector(".box")?.scrollIntoView({ block: "center", behavior: "smooth" });
}

// How an OCR'd page was read: its confidence, a warning when the scan is worth redoing, and how it was straightened.
function renderQuality(reading) {
  const line = $("page-quality");
  line.classList.toggle("warning", Boolean(reading?.isLowConfidence));
  if (!reading) {
    line.textContent = "";
    return;
  }
  const steps = [];
  if (reading.geometry.rotation) steps.push(`turned ${reading.geometry.rotation}°`);
  if (reading.geometry.skew) steps.push(`straightened ${Math.abs(reading.geometry.skew).toFixed(1)}°`);
  const straightened = steps.length ? `; the scan was ${steps.join(" and ")} to read it` : "";
  line.textContent = reading.isLowConfidence
    ? `Low confidence: OCR read this page at ${Math.round(reading.confidence)}%, so its text may be wrong. Consider rescanning it${straightened}.`
    : `Read by OCR at ${Math.round(reading.confidence)}% confidence${straightened}.`;
}

// Where a citation's quote lies in the page text, which may break its lines where the quote has spaces.
function quoteSpans(text, quote) {
  const pattern = quote.trim().split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
  const found = new RegExp(pattern).exec(text);
  return found ? [{ start: found.index, length: found[0].length }] : [];
}

// Opens the cited page with the quoted words outlined; citation boxes are in page units, the viewer's in fractions.
function openCitation(citation) {
  const width = citation.pageWidth || 1;
  const height = citation.pageHeight || 1;
  state.outline = {
    documentId: citation.documentId,
    page: citation.page,
    quote: citation.quote,
    boxes: citation.boxes.map((b) => ({ x: b.x / width, y: b.y / height, width: b.width / width, height: b.height / height, text: "" })),
  };
  openDocument(citation.documentId, citation.page);
}

// ---- Status, quarantine and retry --------------------------------------------------------------------

function duration(seconds) {
  if (seconds == null) return "";
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}

const modeNames = { hybrid: "Words + meaning", semantic: "Meaning", lexical: "Words" };

function renderModes(status) {
  const select = $("search-mode");
  const offered = [...status.searchModes].reverse(); // the fullest mode first, as the default
  if ([...select.options].map((o) => o.value).join() !== offered.join()) {
    select.replaceChildren(...offered.map((mode) => new Option(modeNames[mode] || mode, mode)));
  }
  const embedding = status.service?.embedding;
  $("search-line").textContent = status.embeddingModel
    ? `Search by words and meaning with ${status.embeddingModel}${embedding?.remaining ? `; ${embedding.remaining} chunks still to embed` : ""}.`
    : "Search by words only: no embedding model is in use (see docshelf models).";
}

function renderStatus(status) {
  renderModes(status);
  const service = status.service;
  const shelf = status.shelf;
  if (!service) {
    $("status-line").textContent = "The worker is starting…";
  } else if (service.queueDepth || service.inProgress.length || service.settling) {
    const eta = duration(service.etaSeconds);
    $("status-line").textContent =
      `${service.queueDepth} queued, ${service.settling} arriving, ${service.pagesPerMinute} pages/min${eta ? `, ${eta}` : ""}`;
  } else {
    $("status-line").textContent = "Idle: every file in the inbox is on the shelf.";
  }
  $("in-progress").replaceChildren(...(service?.inProgress || []).map((file) => {
    const item = document.createElement("li");
    const name = file.path.split("/").pop();
    item.textContent = file.pages ? `${name}: OCR page ${file.page} of ${file.pages}` : `${name}: reading`;
    const bar = document.createElement("progress");
    bar.max = Math.max(1, file.pages);
    bar.value = file.page;
    item.append(bar);
    return item;
  }));
  const counts = [
    ["Documents", shelf.counts.indexedDocuments], ["Pages", shelf.counts.pages], ["By OCR", shelf.counts.ocrPages],
    ["Chunks", shelf.counts.chunks], ["Queued", shelf.files.queued], ["Quarantined", shelf.files.quarantined],
  ];
  $("counts").replaceChildren(...counts.flatMap(([label, value]) => {
    const term = document.createElement("dt");
    term.textContent = label;
    const number = document.createElement("dd");
    number.textContent = value.toLocaleString();
    return [term, number];
  }));
  renderQuarantine(shelf.quarantine);
  renderLowConfidence(shelf.lowConfidence);
}

// Pages read so poorly that their scans are worth redoing, each one click from its page.
function renderLowConfidence(pages) {
  $("rescan-panel").hidden = pages.length === 0;
  $("rescan").replaceChildren(...pages.map((page) => {
    const entry = document.createElement("li");
    const name = document.createElement("strong");
    name.textContent = `${page.path.split("/").pop()}, page ${page.page}`;
    const reason = document.createElement("span");
    reason.className = "reason";
    reason.textContent = `${Math.round(page.confidence)}% confidence`;
    const open = document.createElement("button");
    open.type = "button";
    open.className = "button small";
    open.textContent = "Open";
    open.setAttribute("aria-label", `Open ${name.textContent}`);
    open.addEventListener("click", () => openDocument(page.documentId, page.page));
    entry.append(name, reason, open);
    return entry;
  }));
}

function renderQuarantine(items) {
  $("quarantine-empty").hidden = items.length > 0;
  $("retry-all").hidden = items.length < 2;
  $("quarantine").replaceChildren(...items.map((item) => {
    const entry = document.createElement("li");
    const name = document.createElement("strong");
    name.textContent = item.path.split("/").pop();
    const reason = document.createElement("span");
    reason.className = "reason";
    reason.textContent = item.reason;
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "button small";
    retry.textContent = "Retry";
    retry.setAttribute("aria-label", `Retry ${item.path.split("/").pop()}`);
    retry.addEventListener("click", () => requestRetry(item.documentId));
    entry.append(name, reason, retry);
    return entry;
  }));
}

async function requestRetry(documentId) {
  try {
    await api("/api/retry", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ documentId }),
    });
    toast(documentId ? "Queued to be read again." : "Every quarantined file is queued to be read again.");
  } catch (error) {
    toast(error.message, true);
  }
}

function followStatus() {
  const events = new EventSource("/api/events");
  events.addEventListener("status", (event) => renderStatus(JSON.parse(event.data)));
  events.addEventListener("error", () => {
    $("status-line").textContent = "Lost touch with the service; reconnecting…";
  });
}

// ---- Upload ------------------------------------------------------------------------------------------

async function upload(files) {
  if (!files.length) return;
  const form = new FormData();
  for (const file of files) form.append("files", file, file.name);
  toast(`Uploading ${files.length} ${files.length === 1 ? "file" : "files"}…`);
  try {
    const saved = await api("/api/upload", { method: "POST", body: form });
    toast(`Added ${saved.map((f) => f.name).join(", ")}; ${saved.length === 1 ? "it appears" : "they appear"} in results once read.`);
  } catch (error) {
    toast(error.message, true);
  }
}

function acceptDrops() {
  const zone = $("drop-zone");
  let depth = 0;
  const hasFiles = (event) => [...(event.dataTransfer?.types || [])].includes("Files");
  window.addEventListener("dragenter", (event) => {
    if (!hasFiles(event)) return;
    depth++;
    zone.hidden = false;
  });
  window.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (!depth) zone.hidden = true;
  });
  window.addEventListener("dragover", (event) => { if (hasFiles(event)) event.preventDefault(); });
  window.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    zone.hidden = true;
    upload([...event.dataTransfer.files]);
  });
  $("upload-button").addEventListener("click", () => $("upload-input").click());
  $("upload-input").addEventListener("change", (event) => {
    upload([...event.target.files]);
    event.target.value = "";
  });
}

// ---- Signing in --------------------------------------------------------------------------------------

function signIn() {
  const dialog = $("sign-in");
  if (!dialog.open) dialog.showModal();
}

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

// ---- Keyboard ----------------------------------------------------------------------------------------

function typingIn(target) {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

document.addEventListener("keydown", (event) => {
  if (event.key === "/" && !typingIn(event.target)) {
    event.preventDefault();
    $("query").focus();
    $("query").select();
  } else if (event.key === "ArrowDown" && (event.target === $("query") || event.target.classList.contains("hit"))) {
    event.preventDefault();
    select(state.selected + 1, false);
  } else if (event.key === "ArrowUp" && event.target.classList.contains("hit")) {
    event.preventDefault();
    if (state.selected <= 0) $("query").focus();
    else select(state.selected - 1, false);
  } else if (!typingIn(event.target) && state.document && (event.key === "ArrowRight" || event.key === "PageDown")) {
    showPage(state.page + 1);
  } else if (!typingIn(event.target) && state.document && (event.key === "ArrowLeft" || event.key === "PageUp")) {
    showPage(state.page - 1);
  } else if (event.key === "Escape" && !$("sign-in").open) {
    $("query").focus();
  }
});

// ---- Start -------------------------------------------------------------------------------------------

let debounce;
$("query").addEventListener("input", () => {
  clearTimeout(debounce);
  debounce = setTimeout(search, 120);
});
$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  search().then(() => select(0, true));
});
for (const id of ["search-mode", "filter-type", "filter-source", "filter-added"]) $(id).addEventListener("change", search);
$("page-previous").addEventListener("click", () => showPage(state.page - 1));
$("page-next").addEventListener("click", () => showPage(state.page + 1));
$("retry-all").addEventListener("click", () => requestRetry(null));
acceptDrops();
initAsk(openCitation, signIn);
api("/api/status").then(renderStatus).catch(() => {});
followStatus();
search();
