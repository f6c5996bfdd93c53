// Talking to this machine's own API, and the one line of feedback that floats over the page.

export const $ = (id) => document.getElementById(id);

let onUnauthorized = () => {};

// What to do when the service asks for its access token (the sign-in dialog).
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { "X-DocShelf-Request": "1", ...(options.headers || {}) },
  });
  if (response.status === 401 && !path.startsWith("/api/session")) onUnauthorized();
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || `${response.status} ${response.statusText}`);
  }
  return response.status === 204 ? null : response.json();
}

// The errors on show, newest last: a refusal that comes a moment after another is said beside it, not in its place.
const errorsShown = [];

export function toast(message, isError = false) {
  const box = $("toast");
  if (!isError || box.hidden || !box.classList.contains("error")) errorsShown.length = 0;
  if (isError) {
    errorsShown.push(message);
    errorsShown.splice(0, errorsShown.length - 3); // the last three, so a drop of many refused files stays readable
  }
  box.replaceChildren(...(isError ? errorsShown.flatMap((shown, i) => (i ? [element("br"), shown] : [shown])) : [message]));
  box.classList.toggle("error", isError);
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, isError ? 12000 : 6000);
}

export const fileName = (path) => path.split("/").pop();

// Text with <mark> around each span, built as DOM nodes, so no document text is ever parsed as HTML.
export function marked(text, spans) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    fragment.append(text.slice(at, span.start));
    const mark = document.createElement("mark");
    mark.dataset.start = span.start;
    mark.textContent = text.slice(span.start, span.start + span.length);
    fragment.append(mark);
    at = span.start + span.length;
  }
  fragment.append(text.slice(at));
  return fragment;
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
