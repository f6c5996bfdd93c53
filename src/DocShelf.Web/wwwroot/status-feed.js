// The service's status, live, over one connection per browser rather than one per tab. A browser opens at most six
// connections to a host over HTTP/1.1; with an event stream in every tab, and in every page kept in the
// back/forward cache, the seventh tab never loaded and even the original PDF timed out. So the tab that holds the
// "docshelf-status" lock keeps the one stream open and passes each status to the other tabs on a
// BroadcastChannel. A tab that is left (closed, or put in the back/forward cache) closes its stream and lets the
// lock go, and another tab takes over; one that comes back from the cache asks for the lock again.

const name = "docshelf-status";
const channel = new BroadcastChannel(name);
let stream = null;
let letGo = null;
let waiting = null;

export function followStatus(onStatus, onLost) {
  channel.onmessage = (event) => onStatus(event.data);
  const lead = () => {
    if (!navigator.locks) {
      open(onStatus, onLost); // no Web Locks outside a secure context: each tab keeps its own stream
      return;
    }
    waiting = new AbortController();
    navigator.locks.request(name, { signal: waiting.signal }, () => new Promise((resolve) => {
      letGo = resolve;
      open(onStatus, onLost);
    })).catch(() => {}); // given up on pagehide
  };
  window.addEventListener("pagehide", () => {
    waiting?.abort(); // a tab still waiting for the lock stops waiting, so it cannot come back holding two
    stream?.close();
    stream = null;
    letGo?.();
    letGo = null;
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) lead();
  });
  lead();
}

function open(onStatus, onLost) {
  stream = new EventSource("/api/events");
  stream.addEventListener("status", (event) => {
    const status = JSON.parse(event.data);
    onStatus(status);
    channel.postMessage(status);
  });
  stream.addEventListener("error", onLost);
}
