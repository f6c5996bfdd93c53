// The page viewer: a document's page image with the matched or cited words outlined, its text, zoom, and a way
// through every place the searched words stand in the document, page after page ("hit 3 of 12"), the current one
// picked out from the others.

import { $, api, element, marked } from "./api.js";
import { searchParams } from "./results.js";

const ZoomSteps = ["page", 1, 1.25, 1.5, 2, 3];

// outline: a cited passage to outline instead of the search words ({ documentId, page, boxes, quote }).
// shown: the page on screen, as the API gave it.
// Pages open at page width, where their text can be read; F shows the whole page.
const view = { detail: null, page: 1, shown: null, query: "", typing: false, hits: [], hit: -1, zoom: 1, outline: null };

export const viewing = () => view.detail;
export const currentPage = () => view.page;

// Opens a document at a page. With a query, its hits in this document are fetched so the reader can step through them.
export async function openDocument(id, page, { query = "", typing = false, outline = null } = {}) {
  const detail = await api(`/api/documents/${id}`);
  Object.assign(view, { detail, query, typing, outline, shown: null, hits: [], hit: -1 });
  $("viewer-empty").hidden = true;
  $("viewer-content").hidden = false;
  document.body.classList.add("viewing");
  $("viewer-title").textContent = detail.document.name;
  const about = detail.document;
  $("viewer-path").textContent = [about.title, about.author, about.dated, about.origin, about.path].filter(Boolean).join(" · ");
  $("original-link").hidden = Boolean(detail.originalProblem);
  $("viewer-notice").textContent = detail.originalProblem || "";
  await loadHits(page);
  await showPage(page);
}

export function closeDocument() {
  view.detail = null;
  document.body.classList.remove("viewing");
  $("viewer-content").hidden = true;
  $("viewer-empty").hidden = false;
}

// Every place the query's words stand in the document (the count the results gave it), in page order, and the
// first of them on the page that was opened.
async function loadHits(page) {
  renderHitNav();
  if (!view.query.trim()) return;
  try {
    const params = searchParams(view.query, { typing: view.typing });
    for (const name of ["top", "mode"]) params.delete(name);
    const result = await api(`/api/documents/${view.detail.document.id}/hits?${params}`);
    view.hits = result.hits;
    const onPage = view.hits.findIndex((hit) => hit.page >= page);
    view.hit = onPage >= 0 && view.hits[onPage].page === page ? onPage : -1;
  } catch {
    view.hits = [];
  }
  renderHitNav();
}

// "Hit 3 of 31" while a hit is picked out; on a page without one, how many there are and that none is here.
function renderHitNav() {
  const count = view.hits.length;
  $("hit-nav").hidden = count === 0;
  const current = view.hits[view.hit];
  const here = current && current.page === view.page;
  $("hit-label").textContent = !count ? "" : here ? `Hit ${view.hit + 1} of ${count}` : `${count} hits, none on this page`;
  $("hit-previous").disabled = neighbour(-1) < 0;
  $("hit-next").disabled = neighbour(1) < 0;
}

// The hit before or after the current one; from a page without hits, the nearest before or after that page.
function neighbour(delta) {
  const current = view.hits[view.hit];
  if (current && current.page === view.page) {
    const next = view.hit + delta;
    return next >= 0 && next < view.hits.length ? next : -1;
  }
  if (delta > 0) return view.hits.findIndex((hit) => hit.page > view.page);
  return view.hits.findLastIndex((hit) => hit.page < view.page);
}

export async function stepHit(delta) {
  const next = neighbour(delta);
  if (!view.detail || next < 0) return;
  view.hit = next;
  view.outline = null;
  if (view.hits[next].page === view.page) {
    pickOutCurrent();
    renderHitNav();
  } else {
    await showPage(view.hits[next].page);
  }
}

export async function showPage(number) {
  const detail = view.detail;
  if (!detail) return;
  const count = Math.max(1, detail.document.pages);
  view.page = Math.max(1, Math.min(number, count));
  const id = detail.document.id;
  const typing = view.typing ? "&typing=1" : "";
  const page = await api(`/api/documents/${id}/pages/${view.page}?q=${encodeURIComponent(view.query)}${typing}`);
  $("page-label").textContent = page.label ? `Page ${view.page} of ${count}: ${page.label}` : `Page ${view.page} of ${count}`;
  $("page-previous").disabled = view.page <= 1;
  $("page-next").disabled = view.page >= count;
  // A PDF opens in the browser's own viewer at the page being read.
  $("original-link").href = `/api/documents/${id}/original${detail.document.kind === "pdf" ? `#page=${view.page}` : ""}`;
  const cited = view.outline?.documentId === id && view.outline.page === view.page ? view.outline : null;
  view.shown = page;
  // Turning to another page picks out its first hit, or none when it has none.
  if (view.hits[view.hit]?.page !== view.page) {
    const first = view.hits.findIndex((hit) => hit.page === view.page);
    if (first >= 0) view.hit = first;
  }
  renderImage(detail, page, cited);
  renderQuality(page.reading);
  $("page-text").replaceChildren(marked(page.text, cited ? quoteSpans(page.text, cited.quote) : page.textMatches));
  $("page-text-panel").open = !detail.hasPageImages;
  pickOutCurrent();
  renderHitNav();
  document.dispatchEvent(new CustomEvent("page-shown", { detail: { id, page: view.page } }));
}

function renderImage(detail, page, cited) {
  const image = $("page-image");
  const boxes = $("page-boxes");
  boxes.replaceChildren();
  $("page-frame").hidden = !detail.hasPageImages;
  $("zoom").hidden = !detail.hasPageImages;
  if (!detail.hasPageImages) return;
  const source = { ocr: "read by OCR", textLayer: "text layer", plainText: "text file" }[page.source] || page.source;
  image.alt = `Page ${view.page} of ${detail.document.name} (${source})`;
  image.onerror = () => explainMissingImage(image.src);
  image.onload = showFirstBox;
  image.src = `/api/documents/${detail.document.id}/pages/${view.page}/image`;
  const outlined = cited ? cited.boxes : page.matches.map((index) => page.words[index]);
  for (const word of outlined) {
    const box = element("div", cited ? "box cited" : "box");
    box.title = word.text;
    if (!cited) Object.assign(box.dataset, { start: word.start, end: word.start + word.text.length });
    Object.assign(box.style, { left: `${word.x * 100}%`, top: `${word.y * 100}%`, width: `${word.width * 100}%`, height: `${word.height * 100}%` });
    boxes.append(box);
  }
  applyZoom();
}

// A page image that would not load: say why (the service's reason) and leave the page's text to read.
async function explainMissingImage(source) {
  const response = await fetch(source, { headers: { "X-DocShelf-Request": "1" } }).catch(() => null);
  if (response?.ok || $("page-image").src !== source) return;
  const problem = await response?.json().catch(() => ({}));
  $("page-frame").hidden = true;
  $("page-text-panel").open = true;
  $("viewer-notice").textContent = problem?.detail || "This page's image could not be loaded; its text is below.";
}

// "page": the whole page in view; a number: that many times the viewer's width (1 is "page width").
export function zoom(change) {
  if (change === "page" || change === "width") {
    view.zoom = change === "page" ? "page" : 1;
  } else {
    const at = ZoomSteps.indexOf(view.zoom);
    view.zoom = ZoomSteps[Math.max(0, Math.min(ZoomSteps.length - 1, at + change))];
  }
  applyZoom();
}

function applyZoom() {
  const figure = $("page");
  figure.classList.toggle("fit-page", view.zoom === "page");
  figure.style.width = view.zoom === "page" ? "" : `${view.zoom * 100}%`;
  $("zoom-label").textContent = view.zoom === "page" ? "Whole page" : view.zoom === 1 ? "Page width" : `${Math.round(view.zoom * 100)}% of width`;
  $("zoom-out").disabled = view.zoom === ZoomSteps[0];
  $("zoom-in").disabled = view.zoom === ZoomSteps[ZoomSteps.length - 1];
}

// Picks out the current hit from the other matches: its boxes on the image and its words in the page's text.
function pickOutCurrent() {
  const hit = view.hits[view.hit];
  const here = hit && hit.page === view.page && view.shown ? hit : null;
  for (const box of $("page-boxes").querySelectorAll(".box")) {
    const overlaps = Boolean(here) && Number(box.dataset.start) < here.start + here.length && Number(box.dataset.end) > here.start;
    box.classList.toggle("current", overlaps);
  }
  for (const mark of $("page-text").querySelectorAll("mark")) {
    const isCurrent = Boolean(here) && Number(mark.dataset.start) === here.start;
    mark.classList.toggle("current", isCurrent);
    if (isCurrent) mark.setAttribute("aria-current", "true");
    else mark.removeAttribute("aria-current");
  }
  showFirstBox();
}

// Brings the current hit, or else the first outlined word, into view inside the page's frame, without moving the window.
function showFirstBox() {
  const frame = $("page-frame");
  const box = $("page-boxes").querySelector(".box.current") || $("page-boxes").querySelector(".box");
  if (!box) return;
  const figure = $("page");
  frame.scrollTop = Math.max(0, figure.offsetTop + box.offsetTop - frame.clientHeight / 2);
  frame.scrollLeft = Math.max(0, figure.offsetLeft + box.offsetLeft - frame.clientWidth / 2);
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
  if (reading.isBlank) {
    line.textContent = "A blank page: the scan holds no text to read.";
    return;
  }
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

// Citation boxes are in page units; the viewer's in fractions of the page.
export function citationOutline(citation) {
  const width = citation.pageWidth || 1;
  const height = citation.pageHeight || 1;
  return {
    documentId: citation.documentId,
    page: citation.page,
    quote: citation.quote,
    boxes: citation.boxes.map((b) => ({ x: b.x / width, y: b.y / height, width: b.width / width, height: b.height / height, text: "" })),
  };
}
