// The ask box: sends a question to /api/ask, shows a generative model's draft as it is written, then the checked
// answer, whose citation marks open the cited page with the quoted words outlined.

import { toast } from "./api.js";
import { copyLink, pageLink } from "./url-state.js";

const $ = (id) => document.getElementById(id);
let running = null;

// Reads a text/event-stream body, calling back with each event's name and parsed data.
async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const lines = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      const name = lines.find((l) => l.startsWith("event: "))?.slice(7);
      const data = lines.find((l) => l.startsWith("data: "))?.slice(6);
      if (name && data) onEvent(name, JSON.parse(data));
    }
  }
}

function citeButton(citation, label, openCitation) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "cite";
  button.textContent = label;
  button.title = `${citation.path.split("/").pop()}, page ${citation.page}`;
  button.addEventListener("click", () => openCitation(citation));
  return button;
}

// A citation's page, with the question, as a link to send: the page opens on it with the answer beside it.
function copyButton(citation, question) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button small";
  button.textContent = "Copy link";
  button.setAttribute("aria-label", `Copy a link to citation ${citation.number}`);
  button.addEventListener("click", async () => {
    const copied = await copyLink(pageLink(citation.documentId, citation.page, { question }));
    toast(copied ? `A link to ${citation.path.split("/").pop()}, page ${citation.page}, is copied.` : "The link could not be copied.", !copied);
  });
  return button;
}

function renderAnswer(answer, openCitation, question) {
  const text = $("answer-text");
  text.classList.toggle("not-found", !answer.found);
  // Every [n] in the text becomes a button to its citation; the rest stays plain text, never parsed as HTML.
  text.replaceChildren(...answer.text.split(/(\[\d+\])/).map((part) => {
    const number = /^\[(\d+)\]$/.exec(part)?.[1];
    const citation = number && answer.citations.find((c) => c.number === Number(number));
    return citation ? citeButton(citation, part, openCitation) : document.createTextNode(part);
  }));
  $("answer-citations").replaceChildren(...answer.citations.map((citation) => {
    const item = document.createElement("li");
    const where = citeButton(citation, `[${citation.number}] ${citation.path.split("/").pop()}, page ${citation.page}`, openCitation);
    const quote = document.createElement("q");
    quote.textContent = citation.quote;
    item.append(where, copyButton(citation, question), quote);
    return item;
  }));
  const byline = answer.answerer === "extractive"
    ? "Quoted from the shelf's own sentences."
    : `Written by ${answer.answerer}; its citations were checked against the pages.`;
  $("answer-notice").textContent = answer.notice || (answer.found ? byline : "");
  // Heard once, when the answer is whole, not word by word as a draft streams in.
  $("answer-announce").textContent = answer.found
    ? `Answer with ${answer.citations.length} ${answer.citations.length === 1 ? "citation" : "citations"}: ${answer.text}`
    : answer.text;
}

export async function ask(question, openCitation, onUnauthorized) {
  running?.abort();
  const abort = new AbortController();
  running = abort;
  $("answer").hidden = false;
  $("answer-text").textContent = "";
  $("answer-text").classList.remove("not-found");
  $("answer-citations").replaceChildren();
  $("answer-notice").textContent = "Reading the shelf…";
  $("answer-announce").textContent = "";
  let draft = "";
  try {
    const response = await fetch(`/api/ask?q=${encodeURIComponent(question)}`, {
      headers: { Accept: "text/event-stream", "X-DocShelf-Request": "1" },
      signal: abort.signal,
    });
    if (response.status === 401) onUnauthorized();
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || `${response.status} ${response.statusText}`);
    }
    await readEvents(response, (name, data) => {
      if (name === "draft") {
        draft += data.text;
        $("answer-text").textContent = draft;
        $("answer-notice").textContent = "Writing…";
      } else if (name === "answer") {
        renderAnswer(data, openCitation, question);
      }
    });
  } catch (error) {
    if (error.name !== "AbortError") $("answer-notice").textContent = error.message;
  }
}

export function initAsk(openCitation, onUnauthorized) {
  $("ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const question = $("question").value.trim();
    if (!question) return;
    ask(question, openCitation, onUnauthorized);
    document.dispatchEvent(new CustomEvent("asked"));
  });
}
