// The shelf view: every document in a table to sort and filter (a card per document on a narrow screen), with its
// title, author, folder, type, size, pages and confidence, and Open, Remove (never the file itself), and Retry or
// Dismiss for a quarantined file, whose outcome is shown when it has been read again.

import { $, api, element, toast } from "./api.js";

const folderOf = (d) => d.path.slice(0, Math.max(0, d.path.length - d.name.length - 1)) || "/";

const columns = [
  { key: "name", label: "Name", value: (d) => d.name.toLowerCase() },
  { key: "folder", label: "Folder", value: (d) => folderOf(d).toLowerCase() },
  { key: "kind", label: "Type", value: (d) => d.kind },
  { key: "bytes", label: "Size", value: (d) => d.bytes },
  { key: "added", label: "Added", value: (d) => d.addedUtc },
  { key: "dated", label: "Dated", value: (d) => d.dated || "" },
  { key: "pages", label: "Pages", value: (d) => d.pages },
  { key: "confidence", label: "OCR confidence", value: (d) => confidence(d) ?? 101 },
  { key: "status", label: "Status", value: (d) => d.status },
];

const table = { documents: [], sort: "added", descending: true, retries: new Map() };

// The mean over the pages that had something to read: blank paper is left out.
const confidence = (d) => {
  const read = d.ocrReadings.filter((r) => !r.isBlank);
  return read.length ? read.reduce((sum, r) => sum + r.confidence, 0) / read.length : null;
};

export async function showShelf() {
  document.body.classList.add("shelf");
  $("shelf-view").hidden = false;
  await reload();
}

export function hideShelf() {
  document.body.classList.remove("shelf");
  $("shelf-view").hidden = true;
}

async function reload() {
  try {
    table.documents = await api("/api/documents");
    render();
  } catch (error) {
    toast(error.message, true);
  }
}

function visible() {
  const words = $("shelf-filter").value.trim().toLowerCase();
  const status = $("shelf-status").value;
  const column = columns.find((c) => c.key === table.sort);
  return table.documents
    .filter((d) => (!status || d.status === status) && (!words || d.path.toLowerCase().includes(words)))
    .sort((a, b) => {
      const [x, y] = [column.value(a), column.value(b)];
      const order = x < y ? -1 : x > y ? 1 : 0;
      return table.descending ? -order : order;
    });
}

function render() {
  const rows = visible();
  $("shelf-head").replaceChildren(...columns.map(headerCell), element("th", "", "Actions"));
  $("shelf-rows").replaceChildren(...rows.map(row));
  $("shelf-summary").textContent = `${rows.length} of ${table.documents.length} documents`;
}

function headerCell(column) {
  const cell = element("th");
  cell.scope = "col";
  if (column.key === table.sort) cell.setAttribute("aria-sort", table.descending ? "descending" : "ascending");
  const button = element("button", "sort", column.label + (column.key === table.sort ? (table.descending ? " ↓" : " ↑") : ""));
  button.type = "button";
  button.addEventListener("click", () => {
    table.descending = column.key === table.sort ? !table.descending : column.key !== "name";
    table.sort = column.key;
    render();
    $("shelf-head").querySelector(`th[aria-sort] button`)?.focus();
  });
  cell.append(button);
  return cell;
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// A cell that names its column, which a narrow screen shows beside the value since the header row is not there.
function cell(label, text) {
  const item = element("td", "", text);
  item.dataset.label = label;
  return item;
}

function row(document) {
  const line = element("tr");
  const name = element("th", "");
  name.scope = "row";
  name.append(element("span", "doc-name", document.name));
  const about = [document.title, document.author].filter(Boolean).join(" · ");
  if (about) name.append(element("span", "doc-about muted", about));
  const level = confidence(document);
  const status = cell("Status", document.status === "quarantined" ? `Quarantined: ${document.reason}` : "On the shelf");
  const retry = table.retries.get(document.id);
  if (retry) status.append(element("span", "retry-outcome", ` ${retry}`));
  line.append(
    name,
    cell("Folder", folderOf(document)),
    cell("Type", document.kind),
    cell("Size", size(document.bytes)),
    cell("Added", new Date(document.addedUtc).toLocaleString()),
    cell("Dated", document.dated || "—"),
    cell("Pages", String(document.pages)),
    cell("OCR confidence", level === null ? "—" : `${Math.round(level)}%`),
    status,
    actions(document));
  return line;
}

function actions(document) {
  const cell = element("td", "actions");
  const add = (label, handler, description) => {
    const button = element("button", "button small", label);
    button.type = "button";
    button.setAttribute("aria-label", `${description} ${document.name}`);
    button.addEventListener("click", handler);
    cell.append(button);
  };
  if (document.status === "indexed") {
    add("Open", () => window.dispatchEvent(new CustomEvent("shelf-open", { detail: { id: document.id } })), "Open");
    add("Remove", () => remove(document, "Remove"), "Remove from the shelf");
  } else {
    add("Retry", () => retry(document), "Retry");
    add("Dismiss", () => remove(document, "Dismiss"), "Dismiss");
  }
  return cell;
}

async function remove(document, verb) {
  const question = verb === "Remove"
    ? `Take ${document.name} off the shelf? The file itself stays where it is, and is read again only if it changes.`
    : `Dismiss ${document.name} from the quarantine? The file stays where it is, and is read again only if it changes.`;
  if (!window.confirm(question)) return;
  try {
    await api(`/api/documents/${document.id}`, { method: "DELETE" });
    toast(`${document.name} is off the shelf; the file is kept.`);
    await reload();
  } catch (error) {
    toast(error.message, true);
  }
}

// Retries a quarantined file and follows it until it is read again: on the shelf, or quarantined once more.
async function retry(document) {
  try {
    await api("/api/retry", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ documentId: document.id }) });
  } catch (error) {
    toast(error.message, true);
    return;
  }
  table.retries.set(document.id, "Queued to be read again…");
  render();
  const deadline = Date.now() + 180000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await api(`/api/documents/${document.id}`).then((d) => d.document).catch(() => null);
    if (now?.status === "indexed") {
      table.retries.set(document.id, "Read again: it is on the shelf now.");
      break;
    }
    if (now && now.addedUtc !== document.addedUtc) {
      table.retries.set(document.id, `Failed again: ${now.reason}`);
      break;
    }
  }
  if (Date.now() >= deadline) table.retries.set(document.id, "Still waiting to be read; see the Ingestion panel.");
  $("shelf-announce").textContent = `${document.name}: ${table.retries.get(document.id)}`;
  await reload();
}

export function initShelfView() {
  $("shelf-filter").addEventListener("input", render);
  $("shelf-status").addEventListener("change", render);
}
