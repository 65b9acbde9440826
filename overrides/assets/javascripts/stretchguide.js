// The guide's two small behaviours: filtering the exercise index, and pausing a figure's animation.
// Both are enhancements: without JavaScript the index is the full list and figures simply play.
(function () {
  "use strict";

  // Exercise index: each <select> narrows the cards at once; the choice lives in the URL
  // (?equipment=chair&level=beginner) so a filtered view can be shared, reloaded and
  // stepped through with back and forward.
  function setUpFilters(form) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-exercise-card]"));
    var count = document.querySelector("[data-exercise-count]");
    var empty = document.querySelector("[data-exercise-empty]");
    var clear = document.querySelector("[data-clear-filters]");

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        var wanted = params.get(select.name) || "";
        var known = Array.prototype.some.call(select.options, function (option) {
          return option.value === wanted;
        });
        select.value = known ? wanted : "";
      });
    }

    function writeUrl() {
      var params = new URLSearchParams();
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value);
      });
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "");
      if (address !== window.location.pathname + window.location.search) {
        window.history.pushState(null, "", address);
      }
    }

    function show() {
      var shown = 0;
      cards.forEach(function (card) {
        var matches = selects.every(function (select) {
          return !select.value || (card.getAttribute("data-" + select.name) || "").split(" ").indexOf(select.value) !== -1;
        });
        card.hidden = !matches;
        if (matches) shown += 1;
      });
      var filtered = selects.some(function (select) {
        return select.value;
      });
      count.textContent = filtered
        ? shown + " of " + cards.length + " exercises"
        : cards.length + " exercises";
      empty.hidden = shown > 0;
      clear.hidden = !filtered;
      selects.forEach(function (select) {
        select.classList.toggle("is-chosen", Boolean(select.value));
      });
    }

    form.addEventListener("change", function () {
      writeUrl();
      show();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    clear.addEventListener("click", function () {
      selects.forEach(function (select) {
        select.value = "";
      });
      writeUrl();
      show();
      selects[0].focus();
    });
    window.addEventListener("popstate", function () {
      readUrl();
      show();
    });
    form.hidden = false;
    readUrl();
    show();
  }

  // Exercise page: the figure arrives as an image so the page stays light; here it is
  // put inline (same file, same origin), where its own CSS pauses it when its wrapper
  // has the class is-paused, and stops it for readers who prefer reduced motion.
  function setUpFigure(figure) {
    var image = figure.querySelector("[data-figure-art]");
    var button = figure.querySelector("[data-figure-toggle]");
    var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

    function setPaused(paused) {
      figure.classList.toggle("is-paused", paused);
      button.textContent = paused ? "Play animation" : "Pause animation";
    }

    function offerButton() {
      button.hidden = reduceMotion.matches; // the figure is still then: nothing to pause
    }

    window
      .fetch(image.currentSrc || image.src)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (text) {
        // The page's Content-Security-Policy refuses <style> elements, even in a parsed document:
        // the figure's own rules (from this site's file) are taken out and applied through the
        // CSSOM, which the policy leaves to the site's scripts. Without that, the image stays.
        if (!("adoptedStyleSheets" in document)) return;
        var rules = "";
        text = text.replace(/<style\b[^>]*>([\s\S]*?)<\/style>/g, function (element, css) {
          rules += css;
          return "";
        });
        var svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
        if (svg.nodeName.toLowerCase() !== "svg") return;
        var sheet = new CSSStyleSheet();
        // Read as the SVG's XML would be, character references and all.
        sheet.replaceSync(new DOMParser().parseFromString("<r>" + rules + "</r>", "application/xml").documentElement.textContent);
        document.adoptedStyleSheets = document.adoptedStyleSheets.concat(sheet);
        image.replaceWith(document.importNode(svg, true));
        button.addEventListener("click", function () {
          setPaused(!figure.classList.contains("is-paused"));
        });
        if (reduceMotion.addEventListener) reduceMotion.addEventListener("change", offerButton);
        setPaused(false);
        offerButton();
      })
      .catch(function () {
        // Offline or opened from disk: the image still plays by itself.
      });
  }

  // Material's search panel is a dialog without a name; screen readers announce it as "Search".
  Array.prototype.forEach.call(document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])'), function (dialog) {
    dialog.setAttribute("aria-label", "Search");
  });

  var filters = document.querySelector("[data-exercise-filters]");
  if (filters) setUpFilters(filters);
  Array.prototype.forEach.call(document.querySelectorAll("[data-figure]"), setUpFigure);
})();
