// The ingestion panel: what the worker is doing (waiting for files to settle, reading, or idle), the shelf's
// counts, the quarantine with its retries, and the pages worth rescanning.

import { $, api, element, fileName, toast } from "./api.js";

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
    const chosen = select.value;
    select.replaceChildren(...offered.map((mode) => new Option(modeNames[mode] || mode, mode)));
    if (offered.includes(chosen)) select.value = chosen;
  }
  const embedding = status.service?.embedding;
  $("search-line").textContent = status.embeddingModel
    ? `Search by words and meaning with ${status.embeddingModel}${embedding?.remaining ? `; ${embedding.remaining} chunks still to embed` : ""}.`
    : "Search by words only: no embedding model is in use (see docshelf models).";
}

// One sentence that is true: reading, waiting for files to settle, or idle, and the quarantine beside it.
export function activity(service, quarantined) {
  const held = quarantined ? `; ${quarantined} ${quarantined === 1 ? "file is" : "files are"} in quarantine` : "";
  if (!service) return "The worker is starting…";
  const reading = service.inProgress.length + service.queueDepth;
  if (reading) {
    const eta = duration(service.etaSeconds);
    const settling = service.settling ? `, ${service.settling} more arriving` : "";
    return `Reading ${reading} ${reading === 1 ? "file" : "files"}${settling}, ${service.pagesPerMinute} pages/min${eta ? `, ${eta}` : ""}${held}.`;
  }
  if (service.settling) {
    return `Waiting for ${service.settling} ${service.settling === 1 ? "file" : "files"} to finish arriving before reading${held}.`;
  }
  return `Idle: every file that arrived has been read${held}.`;
}

export function renderStatus(status) {
  renderModes(status);
  const service = status.service;
  const shelf = status.shelf;
  $("status-line").textContent = activity(service, shelf.files.quarantined);
  $("in-progress").replaceChildren(...(service?.inProgress || []).map((file) => {
    const item = element("li", "", file.pages ? `${fileName(file.path)}: OCR page ${file.page} of ${file.pages}` : `${fileName(file.path)}: reading`);
    const bar = element("progress");
    bar.max = Math.max(1, file.pages);
    bar.value = file.page;
    bar.setAttribute("aria-label", `${fileName(file.path)} progress`);
    item.append(bar);
    return item;
  }));
  renderWorkers(service?.workers);
  const counts = [
    ["Documents", shelf.counts.indexedDocuments], ["Pages", shelf.counts.pages], ["By OCR", shelf.counts.ocrPages],
    ["Chunks", shelf.counts.chunks], ["Queued", shelf.files.queued], ["Quarantined", shelf.files.quarantined],
  ];
  $("counts").replaceChildren(...counts.flatMap(([label, value]) => [element("dt", "", label), element("dd", "", value.toLocaleString())]));
  renderQuarantine(shelf.quarantine);
  renderLowConfidence(shelf.lowConfidence);
}

// When workers on other machines read (serve --queue): the files with them, and each worker's pace and last word.
function renderWorkers(workers) {
  $("workers-line").hidden = $("workers").hidden = !workers;
  if (!workers) return;
  $("workers-line").textContent =
    `Read by workers through ${workers.broker}: ${workers.waiting} waiting, ${workers.atWorkers} at workers; ${workers.published} published and ${workers.failed} failed since the service started.`;
  $("workers").replaceChildren(...workers.workers.map((worker) => {
    const state = worker.refused ? `refused: ${worker.refused}`
      : !worker.answering ? `not answering since ${new Date(worker.lastContactUtc).toLocaleString()}`
      : worker.reading ? `reading ${worker.reading}`
      : "idle";
    return element("li", worker.answering && !worker.refused ? "" : "warning", `${worker.name}: ${state}; ${worker.filesRead} ${worker.filesRead === 1 ? "file" : "files"}, ${worker.pagesPerMinute} pages/min`);
  }));
}

// Pages read so poorly that their scans are worth redoing, each one click from its page.
function renderLowConfidence(pages) {
  $("rescan-panel").hidden = pages.length === 0;
  $("rescan").replaceChildren(...pages.map((page) => {
    const entry = element("li");
    const name = element("strong", "", `${fileName(page.path)}, page ${page.page}`);
    const open = element("button", "button small", "Open");
    open.type = "button";
    open.setAttribute("aria-label", `Open ${name.textContent}`);
    open.addEventListener("click", () => document.dispatchEvent(new CustomEvent("open-page", { detail: { id: page.documentId, page: page.page } })));
    entry.append(name, element("span", "reason", `${Math.round(page.confidence)}% confidence`), open);
    return entry;
  }));
}

function renderQuarantine(items) {
  $("quarantine-empty").hidden = items.length > 0;
  $("retry-all").hidden = items.length < 2;
  $("quarantine").replaceChildren(...items.map((item) => {
    const entry = element("li");
    const retry = element("button", "button small", "Retry");
    retry.type = "button";
    retry.setAttribute("aria-label", `Retry ${fileName(item.path)}`);
    retry.addEventListener("click", () => requestRetry(item.documentId));
    entry.append(element("strong", "", fileName(item.path)), element("span", "reason", item.reason), retry);
    // What the tool said, for whoever wants it, without making the list read like a log.
    if (item.detail) {
      const detail = element("details", "tool-words");
      detail.append(element("summary", "", "What the reader said"), element("pre", "", item.detail));
      entry.append(detail);
    }
    return entry;
  }));
}

export async function requestRetry(documentId) {
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

export function showLostTouch() {
  $("status-line").textContent = "Lost touch with the service; reconnecting…";
}
