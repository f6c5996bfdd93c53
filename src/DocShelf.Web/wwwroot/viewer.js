// The page viewer: a document's page image with the matched or cited words outlined, its text, zoom, and a way
// through the document's hits across its pages ("hit 3 of 12").

import { $, api, element, marked } from "./api.js";
import { searchParams } from "./results.js";

const ZoomSteps = ["page", 1, 1.25, 1.5, 2, 3];

// outline: a cited passage to outline instead of the search words ({ documentId, page, boxes, quote }).
const view = { detail: null, page: 1, query: "", typing: false, hits: [], hit: -1, zoom: "page", outline: null };

export const viewing = () => view.detail;
export const currentPage = () => view.page;

// Opens a document at a page. With a query, its hits in this document are fetched so the reader can step through them.
export async function openDocument(id, page, { query = "", typing = false, chunkId = "", outline = null } = {}) {
  const detail = await api(`/api/documents/${id}`);
  Object.assign(view, { detail, query, typing, outline, hits: [], hit: -1 });
  $("viewer-empty").hidden = true;
  $("viewer-content").hidden = false;
  document.body.classList.add("viewing");
  $("viewer-title").textContent = detail.document.name;
  $("viewer-path").textContent = [detail.document.title, detail.document.origin, detail.document.path].filter(Boolean).join(" · ");
  $("original-link").hidden = Boolean(detail.originalProblem);
  $("viewer-notice").textContent = detail.originalProblem || "";
  await loadHits(chunkId, page);
  await showPage(page);
}

export function closeDocument() {
  view.detail = null;
  document.body.classList.remove("viewing");
  $("viewer-content").hidden = true;
  $("viewer-empty").hidden = false;
}

// The document's hits for the query, in page order, and which of them was opened.
async function loadHits(chunkId, page) {
  renderHitNav();
  if (!view.query.trim()) return;
  try {
    const params = searchParams(view.query, { typing: view.typing, documentId: view.detail.document.id, top: 100 });
    const result = await api(`/api/search?${params}`);
    view.hits = result.results.sort((a, b) => a.page - b.page || a.chunkId.localeCompare(b.chunkId, undefined, { numeric: true }));
    const opened = view.hits.findIndex((hit) => hit.chunkId === chunkId);
    view.hit = opened >= 0 ? opened : view.hits.findIndex((hit) => hit.page >= page);
  } catch {
    view.hits = [];
  }
  renderHitNav();
}

function renderHitNav() {
  const count = view.hits.length;
  $("hit-nav").hidden = count === 0;
  $("hit-label").textContent = count ? `Hit ${Math.max(1, view.hit + 1)} of ${count}` : "";
  $("hit-previous").disabled = view.hit <= 0;
  $("hit-next").disabled = view.hit >= count - 1;
}

export async function stepHit(delta) {
  const next = view.hit + delta;
  if (!view.detail || next < 0 || next >= view.hits.length) return;
  view.hit = next;
  view.outline = null;
  renderHitNav();
  await showPage(view.hits[next].page);
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
  renderImage(detail, page, cited);
  renderQuality(page.reading);
  $("page-text").replaceChildren(marked(page.text, cited ? quoteSpans(page.text, cited.quote) : page.textMatches));
  $("page-text-panel").open = !detail.hasPageImages;
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

// Brings the first outlined word into view inside the page's frame, without moving the window.
function showFirstBox() {
  const frame = $("page-frame");
  const box = $("page-boxes").querySelector(".box");
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
