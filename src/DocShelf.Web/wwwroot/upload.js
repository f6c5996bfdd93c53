// Adding files: the "Add files…" button and drops anywhere on the page.

import { $, api, element, toast } from "./api.js";

// One line per file of a drop, kept until cleared: added, already on the shelf as another file, or refused and why.
function renderOutcomes(outcomes) {
  $("uploads-panel").hidden = false;
  $("uploads").prepend(...outcomes.map((outcome) => {
    const line = element("li");
    const name = element("strong", "", outcome.name);
    if (outcome.status === "alreadyOnShelf") {
      const open = element("button", "button small", "Open");
      open.type = "button";
      open.setAttribute("aria-label", `Open ${outcome.existingName}`);
      open.addEventListener("click", () => document.dispatchEvent(new CustomEvent("open-page", { detail: { id: outcome.documentId, page: 1 } })));
      line.append(name, element("span", "reason", `Already on the shelf as ${outcome.existingName}; not added again.`), open);
    } else if (outcome.status === "refused") {
      line.classList.add("refused");
      line.append(name, element("span", "reason", `Refused: ${outcome.reason}`));
    } else {
      line.append(name, element("span", "reason", "Added; it appears in results once it is read."));
    }
    return line;
  }));
  const added = outcomes.filter((o) => o.status === "added").length;
  $("uploads-announce").textContent = `${added} of ${outcomes.length} ${outcomes.length === 1 ? "file" : "files"} added.`;
}

async function upload(files) {
  if (!files.length) return;
  const form = new FormData();
  for (const file of files) form.append("files", file, file.name);
  toast(`Uploading ${files.length} ${files.length === 1 ? "file" : "files"}…`);
  try {
    renderOutcomes(await api("/api/upload", { method: "POST", body: form }));
    $("toast").hidden = true;
  } catch (error) {
    // The whole drop was refused: the reply names every file's reason.
    renderOutcomes([{ name: files.length === 1 ? files[0].name : `${files.length} files`, status: "refused", reason: error.message }]);
    $("toast").hidden = true;
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
    $("uploads").replaceChildren();
    $("uploads-panel").hidden = true;
  });
  $("upload-input").addEventListener("change", (event) => {
    upload([...event.target.files]);
    event.target.value = "";
  });
}
