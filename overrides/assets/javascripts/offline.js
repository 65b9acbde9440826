// The guide's offline copy, seen from a page: registers the service worker (sw.js at the site root),
// tells it which files this page used, says when the page is the saved copy, and offers on the
// home page to save the whole guide. Without service workers, nothing of this shows.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  const root = new URL("../../", document.currentScript.src); // this file is assets/javascripts/offline.js
  const here = new URL(location.href);
  here.hash = "";
  here.search = "";

  // After the page has loaded, so the worker's first install never competes with the page itself.
  const register = () => navigator.serviceWorker.register(new URL("sw.js", root).href, { updateViaCache: "none" }).catch(() => {});
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });

  // The files this page loaded, and the series' sheets it links to, for the worker to keep.
  function keep(urls) {
    navigator.serviceWorker.ready.then((registration) => {
      if (registration.active) registration.active.postMessage({ type: "keep", urls });
    });
  }
  const sheets = () =>
    [...document.querySelectorAll('a[href$=".pdf"]')].map((link) => link.href).filter((url) => url.startsWith(new URL("downloads/", root).href));
  keep([here.href, ...sheets(), ...[...document.images].map((image) => image.currentSrc || image.src)]);
  new PerformanceObserver((found) => keep(found.getEntries().map((entry) => entry.name))).observe({ type: "resource", buffered: true });

  const article = document.querySelector("article.md-content__inner");
  if (!article) return;

  // Marked by the worker when the network failed; offline, the browser's own cache may have answered instead.
  if (document.body.hasAttribute("data-offline-copy") || !navigator.onLine) {
    const notice = element("div", { class: "admonition info", role: "status" });
    notice.append(
      element("div", { class: "admonition-title" }, "Offline copy"),
      element("p", {}, "You are offline: this is the copy of the guide saved on this device. It may be older than the guide online."),
    );
    article.prepend(notice);
  }

  if (here.href === root.href) offerToSave(article);

  function offerToSave(parent) {
    const section = element("p", { class: "sg-save-offline" });
    const button = element("button", { type: "button", class: "sg-button" }, "Save the guide for offline use");
    const status = element("span", { role: "status" });
    section.append(button, " ", status);
    parent.append(section);
    button.addEventListener("click", () => {
      button.disabled = true;
      status.textContent = "Saving the guide on this device…";
      navigator.serviceWorker.ready.then((registration) => registration.active.postMessage({ type: "save-guide" }));
    });
    navigator.serviceWorker.addEventListener("message", (event) => {
      const message = event.data || {};
      if (message.type === "guide-saved") {
        status.textContent = `Saved: the whole guide (${message.count} files) now opens without a connection.`;
      } else if (message.type === "guide-not-saved") {
        status.textContent = "The guide could not be saved. Try again with a connection.";
        button.disabled = false;
      }
    });
  }

  function element(name, attributes, text) {
    const made = document.createElement(name);
    for (const [attribute, value] of Object.entries(attributes)) made.setAttribute(attribute, value);
    if (text) made.textContent = text;
    return made;
  }
})();
