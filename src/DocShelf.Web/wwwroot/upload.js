// Adding files: the "Add files…" button and drops anywhere on the page. Each added file's line follows it to its
// end: waiting, being read (page by page), read (with an Open button), or quarantined with the reason.

import { $, api, element, toast } from "./api.js";

// Added files not yet read or quarantined, by the document id they will have: their line, name and inbox path.
const pending = new Map();

function openButton(label, documentId) {
  const open = element("button", "button small", "Open");
  open.type = "button";
  open.setAttribute("aria-label", `Open ${label}`);
  open.addEventListener("click", () => document.dispatchEvent(new CustomEvent("open-page", { detail: { id: documentId, page: 1 } })));
  return open;
}

// Moves each added file's line on with the service's status: reading, then read or quarantined.
export async function followUploads(status) {
  const reading = new Map((status.service?.inProgress || []).map((file) => [file.path, file]));
  for (const [documentId, upload] of pending) {
    const file = reading.get(upload.path);
    if (file) {
      upload.reason.textContent = file.pages ? `Reading: page ${file.page} of ${file.pages}.` : "Reading…";
      continue;
    }
    const detail = await api(`/api/documents/${documentId}`).catch(() => null);
    if (!detail || !pending.has(documentId)) continue;
    pending.delete(documentId);
    const document = detail.document;
    if (document.status === "quarantined") {
      upload.line.classList.add("refused");
      upload.reason.textContent = `Not read: ${document.reason}`;
      toast(`${upload.name} was not read: ${document.reason}`, true);
    } else {
      const pages = `${document.pages} ${document.pages === 1 ? "page" : "pages"}`;
      upload.reason.textContent = `Read: ${pages}; it is in the results now.`;
      upload.line.append(openButton(upload.name, documentId));
    }
    $("uploads-announce").textContent = `${upload.name}: ${upload.reason.textContent}`;
  }
}

// One line per file of a drop, kept until cleared: added, already on the shelf as another file, or refused and why.
function renderOutcomes(outcomes) {
  $("uploads-panel").hidden = false;
  $("uploads").prepend(...outcomes.map((outcome) => {
    const line = element("li");
    const name = element("strong", "", outcome.name);
    if (outcome.status === "alreadyOnShelf") {
      line.append(name, element("span", "reason", `Already on the shelf as ${outcome.existingName}; not added again.`), openButton(outcome.existingName, outcome.documentId));
    } else if (outcome.status === "refused") {
      line.classList.add("refused");
      line.append(name, element("span", "reason", `Refused: ${outcome.reason}`));
    } else {
      const reason = element("span", "reason", "Added; waiting to be read.");
      line.append(name, reason);
      pending.set(outcome.documentId, { line, reason, name: outcome.name, path: outcome.path });
    }
    return line;
  }));
  const added = outcomes.filter((o) => o.status === "added").length;
  $("uploads-announce").textContent = `${added} of ${outcomes.length} ${outcomes.length === 1 ? "file" : "files"} added.`;
  // The panel may be far down a narrow screen: a refusal is said where it is seen, over the page.
  const refused = outcomes.filter((o) => o.status === "refused");
  if (refused.length) toast(refused.map((o) => `${o.name}: ${o.reason}`).join(" "), true);
}

async function upload(files) {
  if (!files.length) return;
  const form = new FormData();
  for (const file of files) form.append("files", file, file.name);
  toast(`Uploading ${files.length} ${files.length === 1 ? "file" : "files"}…`);
  try {
    const outcomes = await api("/api/upload", { method: "POST", body: form });
    $("toast").hidden = true;
    renderOutcomes(outcomes);
  } catch (error) {
    // The whole drop was refused: the reply names every file's reason.
    $("toast").hidden = true;
    renderOutcomes([{ name: files.length === 1 ? files[0].name : `${files.length} files`, status: "refused", reason: error.message }]);
  }
}

export function acceptUploads() {
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
  $("uploads-clear").addEventListener("click", () => {
    pending.clear();
    $("uploads").replaceChildren();
    $("uploads-panel").hidden = true;
  });
  $("upload-input").addEventListener("change", (event) => {
    upload([...event.target.files]);
    event.target.value = "";
  });
}
