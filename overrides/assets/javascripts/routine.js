// "My routine": the exercises a reader picks, kept in this browser; the "Add to my routine"
// buttons on exercise pages and index cards. Without JavaScript (or storage) no button shows.
(function () {
  "use strict";

  var KEY = "stretchguide.routine"; // a JSON list of exercise slugs, in the reader's order
  var NAME_KEY = "stretchguide.routine-name"; // the name the reader gave it, if any
  var NAME_LIMIT = 60; // characters: a title that fits the printed sheet's band and a calendar's event
  var DEFAULT_NAME = "My routine";
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/; // the shape of every exercise's address

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // storage refused (private mode, blocked cookies): the buttons stay hidden
    }
  }

  // Well-formed, each once; whether each exists in the catalog is checked where it is shown.
  function cleaned(slugs) {
    var seen = {};
    return (Array.isArray(slugs) ? slugs : []).filter(function (slug) {
      if (typeof slug !== "string" || !SLUG.test(slug) || seen[slug]) return false;
      seen[slug] = true;
      return true;
    });
  }

  function read() {
    var store = storage();
    if (!store) return [];
    try {
      return cleaned(JSON.parse(store.getItem(KEY) || "[]"));
    } catch (error) {
      return [];
    }
  }

  function write(slugs) {
    var store = storage();
    if (store) store.setItem(KEY, JSON.stringify(cleaned(slugs)));
  }

  // A name on one line, its spaces single, at most NAME_LIMIT characters (never half of a character outside the BMP).
  function cleanedName(text) {
    var words = typeof text === "string" ? text.replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim() : "";
    return Array.from(words).slice(0, NAME_LIMIT).join("").trim();
  }

  function readName() {
    var store = storage();
    return store ? cleanedName(store.getItem(NAME_KEY) || "") : "";
  }

  function writeName(name) {
    var store = storage();
    if (!store) return;
    if (cleanedName(name)) store.setItem(NAME_KEY, cleanedName(name));
    else store.removeItem(NAME_KEY);
  }

  // One polite live region per page, so each change is said once by screen readers.
  var region = null;
  function announce(text) {
    if (!region) {
      region = document.createElement("p");
      region.className = "sg-visually-hidden";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = text;
  }

  function countText(count) {
    return count + (count === 1 ? " exercise" : " exercises");
  }

  // A toggle: the name stays "Add to my routine"; aria-pressed (and the tick) says whether it is in.
  // On a card the title in its name tells the many buttons of the index apart.
  function addButton(slug, title, place, named) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sg-button sg-button--quiet sg-routine-add";
    button.setAttribute("data-routine-add", slug);
    button.textContent = "Add to my routine";
    if (named) button.setAttribute("aria-label", "Add to my routine: " + title); // starts with what it shows
    function show() {
      button.setAttribute("aria-pressed", read().indexOf(slug) !== -1 ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var slugs = read();
      var at = slugs.indexOf(slug);
      if (at === -1) slugs.push(slug);
      else slugs.splice(at, 1);
      write(slugs);
      show();
      announce(
        (at === -1 ? title + " added to your routine: " : title + " taken out of your routine: ") +
          countText(slugs.length) +
          "."
      );
    });
    window.addEventListener("storage", show); // another tab changed the routine
    show();
    place.insertBefore(button, place.firstChild);
    return button;
  }

  function slugOf(link) {
    var found = /\/exercises\/([a-z0-9-]+)\/$/.exec(new URL(link.href, window.location.href).pathname);
    return found && SLUG.test(found[1]) ? found[1] : null;
  }

  function setUp() {
    if (!storage()) return;
    // Exercise page: the place is in the template; the page's own address names the exercise
    // (templates stay free of Python calls, so every engine can render them).
    Array.prototype.forEach.call(document.querySelectorAll("[data-routine-place]"), function (place) {
      var slug = slugOf(window.location);
      var heading = document.querySelector(".sg-article h1");
      if (!slug) return;
      addButton(slug, heading ? heading.textContent : slug, place);
      place.hidden = false;
    });
    // Index cards: the slug is read from the card's own link.
    Array.prototype.forEach.call(document.querySelectorAll("[data-exercise-card]"), function (card) {
      var link = card.querySelector(".sg-card__title a");
      var slug = link && slugOf(link);
      if (!slug) return;
      var place = card.querySelector(".sg-card__routine");
      if (!place) {
        place = document.createElement("p");
        place.className = "sg-card__routine";
        card.querySelector(".sg-card__body").appendChild(place);
      }
      addButton(slug, link.textContent, place, true);
    });
  }

  window.stretchGuide = window.stretchGuide || {};
  window.stretchGuide.routine = {
    read: read,
    write: write,
    cleaned: cleaned,
    readName: readName,
    writeName: writeName,
    cleanedName: cleanedName,
    NAME_LIMIT: NAME_LIMIT,
    DEFAULT_NAME: DEFAULT_NAME,
    announce: announce,
    countText: countText,
  };
  setUp();
})();
