// What the reader is doing, kept in the address: the query and its filters, the open document and page, and the
// question asked. Back, reload and bookmarks bring it all back, and a link to a page can be sent to a colleague.

const keys = ["view", "q", "mode", "type", "source", "added", "dated", "doc", "page", "ask"];

export function readState() {
  const params = new URLSearchParams(location.search);
  const state = Object.fromEntries(keys.map((key) => [key, params.get(key) || ""]));
  state.page = Math.max(1, Number.parseInt(state.page, 10) || 1);
  return state;
}

// Writes the state into the address: a new history entry when the reader went somewhere (opened a document, asked,
// changed a filter), the same entry as they type or turn pages.
export function writeState(state, { push = false } = {}) {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = key === "page" ? (state.doc ? String(state.page) : "") : state[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

// The address of one page of one document, found by a query or cited for a question: what "Copy link" copies.
export function pageLink(documentId, page, { query = "", question = "" } = {}) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (question) params.set("ask", question);
  params.set("doc", documentId);
  params.set("page", String(page));
  return `${location.origin}${location.pathname}?${params}`;
}

export async function copyLink(url) {
  try {
    await navigator.clipboard.writeText(url);
    return true;
  } catch {
    return false;
  }
}
