// What DocShelf is and how to fill it, said where a new reader looks first: the viewer's column before a page is
// opened, and the results when the shelf is still empty.

import { $ } from "./api.js";

export function renderWelcome(status) {
  const counts = status.shelf.counts;
  const empty = counts.indexedDocuments === 0;
  document.body.dataset.shelf = empty ? "empty" : "filled";
  const inboxes = status.service?.inboxes || [];
  $("welcome-shelf").textContent = empty
    ? "This shelf is empty."
    : `This shelf holds ${plural(counts.indexedDocuments, "document")}, ${plural(counts.pages, "page")} in all.`;
  $("welcome-inbox").textContent = inboxes.length
    ? `To add papers, drop files anywhere on this page, use Add files…, or copy them into the inbox folder ${inboxes.join(" or ")}; they are read and searchable within moments.`
    : "To add papers, drop files anywhere on this page or use Add files….";
  // On a narrow screen the viewer's column is hidden until a page is opened, so an empty shelf says so here too.
  $("shelf-empty-note").hidden = !empty;
  $("shelf-empty-note").textContent = empty ? `DocShelf searches scanned papers, PDFs and documents on this machine. This shelf is empty. ${$("welcome-inbox").textContent}` : "";
}

// What the results say before any words are typed.
export function beforeSearching() {
  return document.body.dataset.shelf === "empty"
    ? "Nothing to search yet: the shelf is empty."
    : "Type words to search every page on the shelf, by their words and their meaning.";
}

const plural = (count, word) => `${count.toLocaleString()} ${word}${count === 1 ? "" : "s"}`;
