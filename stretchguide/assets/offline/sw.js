// The guide's service worker, written into the site root with its VERSION by stretchguide/site/offline.py.
// Online, every file comes from the network, and a copy is kept; offline, the copy answers.
// One cache per build (VERSION is a digest of the built files): a new build's worker fills its own
// cache from the network before it takes over, then deletes the old one, so no page mixes two builds.
"use strict";

const VERSION = "__VERSION__";
const ROOT = new URL("./", self.location.href).href;
const PREFIX = `stretchguide ${new URL(ROOT).pathname} `; // two guides on one host keep their own copies
const CACHE = PREFIX + VERSION;
const MANIFEST = ROOT + "offline.json"; // kept in the cache once the whole guide is saved
const FETCHING_AT_ONCE = 6;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(carryOver)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // Other hosts and other methods are left to the browser: never answered from, nor kept in, the copy.
  if (request.method !== "GET" || !ours(request.url)) return;
  event.respondWith(networkElseCopy(event));
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "keep" && Array.isArray(message.urls)) {
    event.waitUntil(keep(message.urls));
  } else if (message.type === "save-guide") {
    event.waitUntil(
      saveGuide().then(
        (count) => event.source.postMessage({ type: "guide-saved", count }),
        () => event.source.postMessage({ type: "guide-not-saved" }),
      ),
    );
  }
});

function ours(url) {
  return url.startsWith(ROOT) && url !== self.location.href;
}

// A page is kept once, whatever its query (?h= from search, the list's filters).
function keyOf(url, isPage) {
  const address = new URL(url);
  address.hash = "";
  if (isPage) address.search = "";
  return address.href;
}

async function networkElseCopy(event) {
  const request = event.request;
  const isPage = request.mode === "navigate";
  const key = keyOf(request.url, isPage);
  try {
    const response = await fetch(request);
    if (keepable(response) && !request.headers.has("range")) {
      event.waitUntil(store(key, response.clone()));
    }
    return response;
  } catch (offline) {
    const saved = await caches.match(key, { cacheName: CACHE });
    if (saved) return isPage && isHtml(saved) ? markedAsCopy(saved) : saved; // a sheet opened offline stays as it is
    if (!isPage) throw offline;
    return new Response("You are offline, and this page is not in the offline copy of the guide yet.\n", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

// Only while this build's cache exists: once a newer worker has deleted it, a late write from
// this one would bring back an old build's copy.
async function store(url, response) {
  if (await caches.has(CACHE)) await (await caches.open(CACHE)).put(url, response);
}

function keepable(response) {
  return response.ok && response.status === 200 && response.type === "basic";
}

function isHtml(response) {
  return (response.headers.get("Content-Type") || "").startsWith("text/html");
}

// offline.js reads this attribute to tell the reader the page is the saved copy.
async function markedAsCopy(response) {
  const page = await response.text();
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  headers.delete("Content-Encoding");
  return new Response(page.replace("<body", "<body data-offline-copy"), { status: 200, headers });
}

// The files of a page the reader opened (the page reports them: it loaded before the worker ran).
async function keep(urls) {
  const wanted = [...new Set(urls.filter((url) => typeof url === "string" && ours(url)).map((url) => keyOf(url, false)))];
  const missing = [];
  for (const url of wanted) if (!(await caches.match(url, { cacheName: CACHE }))) missing.push(url);
  await fetchInto(missing, { tolerant: true, fresh: false }); // as the page just got them
}

async function saveGuide() {
  const manifest = await fetch(MANIFEST, { cache: "no-cache" });
  if (!keepable(manifest)) throw new Error("no manifest");
  const files = (await manifest.clone().json()).map((name) => new URL(name, ROOT).href);
  await fetchInto(files, { tolerant: false, fresh: true });
  await store(MANIFEST, manifest);
  return files.length;
}

// What the old copy held, fetched again from this build; if anything fails, this worker is not
// installed and the old one goes on serving its own consistent copy.
async function carryOver() {
  const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  if (old.length === 0) return;
  const held = new Set();
  let whole = false;
  for (const name of old) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (request.url === MANIFEST) whole = true;
      else held.add(request.url);
    }
  }
  const manifest = await fetch(MANIFEST, { cache: "no-cache" });
  if (!keepable(manifest)) throw new Error("no manifest");
  const files = new Set((await manifest.clone().json()).map((name) => new URL(name, ROOT).href));
  await fetchInto(whole ? [...files] : [...held].filter((url) => files.has(url)), { tolerant: false, fresh: true });
  if (whole) await store(MANIFEST, manifest);
}

// A few at a time. Fresh ones ask the server ("no-cache"), so a file the browser cached from an
// older build is not kept as part of this one.
async function fetchInto(urls, { tolerant, fresh }) {
  const queue = [...urls];
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      try {
        const response = await fetch(url, { cache: fresh ? "no-cache" : "default" });
        if (!keepable(response)) throw new Error(`${url}: ${response.status}`);
        await store(url, response);
      } catch (error) {
        if (!tolerant) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: FETCHING_AT_ONCE }, worker));
}
