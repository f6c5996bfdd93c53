// Adding files: the "Add files…" button and drops anywhere on the page.

import { $, api, toast } from "./api.js";

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
  $("upload-input").addEventListener("change", (event) => {
    upload([...event.target.files]);
    event.target.value = "";
  });
}
