// Results as the words are typed: the last word matches as a prefix, the results on screen stay until the next
// ones arrive, hits are grouped by document with their best snippets, and a screen reader hears the count once
// the typing has settled, not at every keystroke. Documents holding the words come first, each with how often the
// words stand in it; results found only by meaning follow under their own heading, and words no document holds
// are named.

import { $, api, element, fileName, marked } from "./api.js";
import { beforeSearching } from "./welcome.js";

// Hits fetched: enough to fill the groups on screen while typing, more once the words are settled.
const TopWhileTyping = 30;
const Top = 50;
const SnippetsPerDocument = 3;
const SettleMilliseconds = 700;

let running = null;
let shown = { query: "", hits: [] };
let settleTimer;
let lastAnnounced = "";

export function filters() {
  const days = Number($("filter-added").value);
  return {
    mode: $("search-mode").value,
    type: $("filter-type").value,
    source: $("filter-source").value,
    // A day is the last 24 hours, to the minute, not everything since yesterday's midnight.
    since: days ? new Date(Date.now() - days * 86400000).toISOString() : "",
    dated: $("filter-dated").value,
  };
}

export function hasFilters() {
  return Boolean($("filter-type").value || $("filter-source").value || $("filter-added").value || $("filter-dated").value);
}

export function clearFilters() {
  for (const id of ["filter-type", "filter-source", "filter-added", "filter-dated"]) $(id).value = "";
}

// The search parameters for `text`: as typed, its last word is a prefix unless a space follows it.
export function searchParams(text, { typing = false, documentId = "", top = Top } = {}) {
  const chosen = filters();
  const params = new URLSearchParams({ q: text, top: String(top), mode: chosen.mode });
  if (typing) params.set("typing", "1");
  if (chosen.type) params.set("type", chosen.type);
  if (chosen.source) params.set("source", chosen.source);
  if (chosen.since) params.set("since", chosen.since);
  if (chosen.dated) params.set("dated", chosen.dated);
  if (documentId) params.set("document", documentId);
  return params;
}

// Searches for what the box holds. Returns the hits shown, or null when a newer search replaced this one.
export async function search({ typing = false, onOpen, onFiltersCleared }) {
  const text = $("query").value;
  running?.abort();
  clearTimeout(settleTimer);
  // A new key means typing goes on: the count of the last results is not announced, whenever they came.
  clearTimeout(announceLater.timer);
  if (!text.trim()) {
    shown = { query: "", hits: [] };
    render([], onOpen);
    $("results-summary").replaceChildren(beforeSearching());
    announceLater("");
    return [];
  }

  const abort = new AbortController();
  running = abort;
  $("results").setAttribute("aria-busy", "true");
  try {
    const top = typing ? TopWhileTyping : Top;
    const result = await api(`/api/search?${searchParams(text, { typing, top })}`, { signal: abort.signal });
    if (abort.signal.aborted) return null;
    // While typing, a word that matches nothing yet keeps the last results on screen, dimmed, until typing stops.
    if (typing && result.results.length === 0 && shown.hits.length > 0) {
      $("results").classList.add("stale");
      settleTimer = setTimeout(() => show(result, onOpen, onFiltersCleared), SettleMilliseconds);
      return shown.hits;
    }
    show(result, onOpen, onFiltersCleared);
    return result.results;
  } catch (error) {
    if (error.name === "AbortError") return null;
    $("results-summary").replaceChildren(error.message);
    return [];
  } finally {
    if (running === abort) $("results").removeAttribute("aria-busy");
  }
}

export function shownHits() {
  return shown.hits;
}

function show(result, onOpen, onFiltersCleared) {
  shown = { query: result.query, hits: result.results };
  $("results").classList.remove("stale");
  const counts = new Map(result.documents.map((each) => [each.documentId, each]));
  render(result.results, counts, onOpen);
  const places = result.documents.reduce((sum, each) => sum + each.count, 0);
  const related = new Set(result.results.filter((hit) => hit.match === "meaning" && !counts.has(hit.documentId)).map((hit) => hit.documentId)).size;
  const absent = result.absent.length ? `No document holds ${quoted(result.absent)}. ` : "";
  if (places) {
    const more = related ? `, and ${plural(related, "document")} related by meaning` : "";
    $("results-summary").replaceChildren(`${absent}${plural(places, "hit")} in ${plural(counts.size, "document")} for “${result.query}”${more}`);
    announceLater(`${plural(places, "hit")} in ${plural(counts.size, "document")}${more}`);
  } else if (related) {
    const none = hasFilters() ? `No document holds “${result.query}” with the filters set. ` : `No document holds “${result.query}”. `;
    $("results-summary").replaceChildren(`${none}${plural(related, "document")} related by meaning:`);
    announceLater(`No document holds the words; ${plural(related, "document")} related by meaning`);
  } else {
    renderNothingFound(result, onOpen, onFiltersCleared);
  }
}

// “a”, “a” or “b”, “a”, “b” or “c”.
function quoted(words) {
  const each = words.map((word) => `“${word}”`);
  return each.length === 1 ? each[0] : `${each.slice(0, -1).join(", ")} or ${each.at(-1)}`;
}

// No hit: say so honestly, and when filters narrowed the search, say that and offer to clear them.
function renderNothingFound(result, onOpen, onFiltersCleared) {
  const summary = $("results-summary");
  const query = result.query;
  if (document.body.dataset.shelf === "empty") {
    summary.replaceChildren(`No document holds “${query}”: the shelf is empty.`);
    announceLater("No results: the shelf is empty");
    return;
  }
  if (!hasFilters()) {
    summary.replaceChildren(`No document holds “${query}”.`);
    announceLater("No results");
    return;
  }
  const clear = element("button", "button small", "Clear filters");
  clear.type = "button";
  clear.addEventListener("click", () => {
    clearFilters();
    onFiltersCleared?.();
    search({ onOpen, onFiltersCleared });
  });
  summary.replaceChildren(`Nothing matches “${query}” with the filters set. `, clear);
  announceLater("No results with the filters set");
}

function announceLater(message) {
  clearTimeout(announceLater.timer);
  announceLater.timer = setTimeout(() => {
    if (message === lastAnnounced) return;
    lastAnnounced = message;
    $("results-announce").textContent = message;
  }, SettleMilliseconds);
}

const plural = (count, word) => `${count.toLocaleString()} ${word}${count === 1 ? "" : "s"}`;

// One group per document, in the order of its best hit, each with how often the words stand in it and its best
// snippets; the documents holding none of the words follow under "Related by meaning".
function render(hits, counts, onOpen) {
  const focusedChunk = document.activeElement?.dataset?.chunk;
  const groups = new Map();
  hits.forEach((hit, index) => {
    if (!groups.has(hit.documentId)) groups.set(hit.documentId, []);
    groups.get(hit.documentId).push({ hit, index });
  });
  const holding = [...groups.values()].filter((members) => counts.has(members[0].hit.documentId));
  const related = [...groups.values()].filter((members) => !counts.has(members[0].hit.documentId));
  const items = holding.map((members) => renderGroup(members, counts.get(members[0].hit.documentId), onOpen));
  if (related.length) {
    const heading = element("li", "related-heading");
    heading.append(element("h3", "", "Related by meaning"), element("p", "muted", "These hold none of the words searched for; the search model found them close in meaning."));
    items.push(heading, ...related.map((members) => renderGroup(members, null, onOpen)));
  }
  $("results").replaceChildren(...items);
  // Results that refresh under the reader keep the hit they were on.
  if (focusedChunk) document.querySelector(`.hit[data-chunk="${CSS.escape(focusedChunk)}"]`)?.focus();
}

// wordHits: how often and on how many pages the words stand in the document; null for a document related by meaning.
function renderGroup(members, wordHits, onOpen) {
  const first = members[0].hit;
  const group = element("li", wordHits ? "group" : "group related");
  const head = element("div", "group-head");
  const titleId = `group-${first.documentId}`;
  const title = element("h3", "hit-title", fileName(first.path));
  title.id = titleId;
  const count = wordHits ? `${plural(wordHits.count, "hit")}${wordHits.pages > 1 ? ` on ${wordHits.pages} pages` : ""}` : "related by meaning";
  head.append(title, element("span", "hit-count", count));
  // What the document calls itself (its title, an e-mail's subject), who wrote it and when, and, for an
  // attachment, the message it came from.
  const about = [first.title, first.author, first.dated, first.origin].filter(Boolean).join(" · ");
  if (about) head.append(element("p", "hit-about muted", about));
  const list = element("ol", "group-hits");
  list.setAttribute("aria-labelledby", titleId);
  for (const { hit, index } of members.slice(0, SnippetsPerDocument)) {
    const item = element("li");
    const button = element("button", "hit");
    button.type = "button";
    button.dataset.index = index;
    button.dataset.chunk = hit.chunkId;
    const snippet = element("span", "snippet");
    snippet.append(marked(hit.snippet, hit.highlights));
    const where = hit.pageLabel ? `Page ${hit.page}: ${hit.pageLabel}` : `Page ${hit.page}`;
    // A passage of a document holding the words elsewhere, found here by meaning alone, says so.
    button.append(element("span", "hit-page", wordHits && hit.match === "meaning" ? `${where} · related by meaning` : where), snippet);
    button.addEventListener("click", () => onOpen(hit, button));
    item.append(button);
    list.append(item);
  }
  group.append(head, list);
  if (wordHits && wordHits.count > 1) {
    group.append(element("p", "more muted", `Open it to step through all ${plural(wordHits.count, "hit")} with N and P.`));
  }
  return group;
}
