// The My routine page: the chosen exercises in order (from this browser, or from a shared link's
// ?e=slug,slug&t=name), named, moved, removed, shared, started, put in a calendar, and printed on one page.
// Every text from the catalog or the link is set as text, never as HTML; a slug the catalog lacks is dropped.
(function () {
  "use strict";

  var routine = window.stretchGuide && window.stretchGuide.routine;
  var page = document.querySelector("[data-routine]");
  if (!routine || !page) return;

  var script = document.querySelector('script[src*="routine-page.js"]');
  var ROOT = new URL("../../", script.src); // the site's root, wherever the guide is published
  var PRINTED_STEPS = 4; // as stretchguide/sheet/printed.py: the first four steps are promised to print

  function find(selector) {
    return page.querySelector(selector);
  }

  var catalog = {}; // slug: record of exercises.json
  var slugs = []; // what the page shows
  var name = ""; // the name the reader gave it, or the link's
  var shared = null; // the list from the address, until kept
  var sharedName = "";

  // The still of a drawn figure (end pose over a faint start), or a contributor's photo: exercises.json says where.
  function pictureUrl(record) {
    return record.picture ? new URL(record.picture, ROOT).href : null;
  }

  function element(name, className, text) {
    var made = document.createElement(name);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function title() {
    return name || routine.DEFAULT_NAME;
  }

  function shareUrl() {
    var url = new URL(window.location.pathname, window.location.href);
    if (slugs.length) url.search = "?e=" + slugs.join(",") + (name ? "&t=" + encodeURIComponent(name) : "");
    return url.href;
  }

  // The name as one word for a POSIX shell, whatever it holds: in single quotes, each ' written as '\''.
  function shellWord(text) {
    return "'" + text.replace(/'/g, "'\\''") + "'";
  }

  function say(text) {
    find("[data-routine-status]").textContent = text;
  }

  // The list -------------------------------------------------------------------------------

  function render(focus) {
    var list = find("[data-routine-list]");
    list.textContent = "";
    slugs.forEach(function (slug, index) {
      list.appendChild(item(catalog[slug], index));
    });
    find("[data-routine-empty]").hidden = slugs.length > 0;
    find("[data-routine-chosen]").hidden = slugs.length === 0;
    showName();
    showShared();
    showApis();
    buildSheet();
    if (focus) {
      var target = list.querySelector('[data-slug="' + focus.slug + '"] [data-action="' + focus.action + '"]');
      if (!target || target.disabled) target = list.querySelector('[data-slug="' + focus.slug + '"] button:not([disabled])');
      if (target) target.focus();
    }
  }

  function item(record, index) {
    var li = element("li", "sg-routine__item");
    li.setAttribute("data-slug", record.slug);
    var url = pictureUrl(record);
    if (url) {
      var image = element("img", "sg-routine__thumb");
      image.src = url;
      image.alt = "";
      image.width = 72;
      image.height = 72;
      li.appendChild(image);
    } else li.appendChild(element("span", "sg-routine__thumb sg-routine__thumb--none"));
    var body = element("div", "sg-routine__body");
    var heading = element("h2", "sg-routine__title");
    var link = element("a", "", record.title);
    link.href = new URL("exercises/" + record.slug + "/", ROOT).href;
    heading.appendChild(link);
    body.appendChild(heading);
    body.appendChild(element("p", "sg-routine__dose", record.dose_text));
    li.appendChild(body);
    if (!shared) {
      var tools = element("div", "sg-routine__tools");
      tools.appendChild(tool("up", "Move up", "Move " + record.title + " up", index === 0));
      tools.appendChild(tool("down", "Move down", "Move " + record.title + " down", index === slugs.length - 1));
      tools.appendChild(tool("remove", "Remove", "Remove " + record.title));
      li.appendChild(tools);
    }
    return li;
  }

  function tool(action, text, label, disabled) {
    var button = element("button", "sg-button sg-button--quiet sg-routine__tool", text);
    button.type = "button";
    button.setAttribute("data-action", action);
    button.setAttribute("aria-label", label);
    button.disabled = Boolean(disabled);
    return button;
  }

  function change(event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    var slug = button.closest("[data-slug]").getAttribute("data-slug");
    var title = catalog[slug].title;
    var at = slugs.indexOf(slug);
    var action = button.getAttribute("data-action");
    if (action === "remove") {
      slugs.splice(at, 1);
      routine.write(slugs);
      var next = slugs[Math.min(at, slugs.length - 1)];
      render(next ? { slug: next, action: "remove" } : null);
      if (!next) find("[data-routine-empty] a").focus();
      say(title + " removed. " + routine.countText(slugs.length) + " left.");
      return;
    }
    var to = action === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= slugs.length) return;
    slugs.splice(at, 1);
    slugs.splice(to, 0, slug);
    routine.write(slugs);
    render({ slug: slug, action: action });
    say(title + " moved to " + (to + 1) + " of " + slugs.length + ".");
  }

  // A shared link ---------------------------------------------------------------------------

  function fromAddress() {
    var query = new URLSearchParams(window.location.search);
    var wanted = query.get("e");
    if (wanted === null) return null;
    sharedName = routine.cleanedName(query.get("t") || "");
    var asked = routine.cleaned(wanted.split(","));
    var known = asked.filter(function (slug) {
      return Object.prototype.hasOwnProperty.call(catalog, slug);
    });
    var unknown = wanted.split(",").filter(function (slug) {
      return slug && known.indexOf(slug) === -1;
    }).length;
    var ignored = find("[data-routine-ignored]");
    ignored.hidden = unknown === 0;
    ignored.textContent =
      unknown === 1
        ? "One exercise in the link is not in the guide, so it was left out."
        : unknown + " exercises in the link are not in the guide, so they were left out.";
    return known;
  }

  function showShared() {
    var box = find("[data-routine-shared]");
    box.hidden = !shared;
    if (!shared) return;
    var mine = kept();
    find("[data-routine-shared-text]").textContent =
      "This link holds " +
      (name ? "\u201c" + name + "\u201d, " : "") +
      "a routine of " +
      routine.countText(shared.length) +
      "." +
      (mine.length ? " Keeping it replaces the " + routine.countText(mine.length) + " of your own routine." : "");
  }

  function kept() {
    return routine.read().filter(function (slug) {
      return Object.prototype.hasOwnProperty.call(catalog, slug);
    });
  }

  function keep() {
    routine.write(shared);
    routine.writeName(name);
    shared = null;
    window.history.replaceState(null, "", window.location.pathname);
    find("[data-routine-name]").value = name;
    render();
    say("Kept: this is now your routine, " + routine.countText(slugs.length) + ".");
    var first = find("[data-routine-list] button:not([disabled])");
    if (first) first.focus();
  }

  // Start and Add to calendar, when the guided session's script is on the page ---------------

  function apis() {
    var guide = window.stretchGuide || {};
    return {
      session: guide.session && typeof guide.session.start === "function" && typeof guide.session.loadExercises === "function" ? guide.session : null,
      calendar: guide.calendar && typeof guide.calendar.download === "function" ? guide.calendar : null,
    };
  }

  var calendarForm = null;

  function showApis() {
    var found = apis();
    find("[data-routine-start]").hidden = !found.session;
    find("[data-routine-calendar]").hidden = !found.calendar;
    if (found.calendar && !calendarForm) {
      // The series page's form; the title and the link are read when the file is made, so they follow any change.
      calendarForm = found.calendar.offer(find("[data-routine-calendar]"), function () {
        return { title: title(), url: shareUrl() };
      });
    }
  }

  function start() {
    var session = apis().session;
    if (!session) return;
    session.loadExercises(slugs.slice()).then(function (records) {
      session.start(records, { title: title(), returnUrl: window.location.href });
    });
  }

  // The name ---------------------------------------------------------------------------------

  // Wherever the name shows: the link, the printed title, the PDF command; the field keeps what the reader types.
  function showName() {
    find("[data-routine-link]").value = shareUrl();
    find("[data-sheet-title]").textContent = title();
    find("[data-routine-command]").textContent =
      "scripts/build_pdf.py --exercises " + slugs.join(",") + " --title " + shellWord(title());
  }

  function rename() {
    name = routine.cleanedName(find("[data-routine-name]").value);
    if (!shared) routine.writeName(name);
    else if (window.location.search) window.history.replaceState(null, "", shareUrl());
    showName();
    showShared();
    buildSheet();
  }

  // The printed sheet ------------------------------------------------------------------------

  function buildSheet() {
    var sheet = find("[data-routine-sheet]");
    var records = slugs.map(function (slug) {
      return catalog[slug];
    });
    find("[data-sheet-purpose]").textContent =
      routine.countText(records.length) + " chosen from the stretch guide.";
    find("[data-sheet-legend]").hidden = !records.some(function (record) {
      return record.figure;
    });
    var list = find("[data-sheet-exercises]");
    list.textContent = "";
    records.forEach(function (record, index) {
      list.appendChild(sheetBlock(record, index + 1));
    });
    var address = shareUrl();
    find("[data-sheet-url]").textContent = address;
    var qr = find("[data-sheet-qr]");
    qr.textContent = "";
    if (window.qrcode) qr.appendChild(qrCode(address));
    paper(sheet);
    fit(sheet);
  }

  function sheetBlock(record, number) {
    var li = element("li", "sg-sheet__exercise");
    var picture = element("span", "sg-sheet__picture");
    var url = pictureUrl(record);
    if (url) {
      var image = element("img");
      image.src = url;
      image.alt = "";
      picture.appendChild(image);
    }
    li.appendChild(picture);
    var text = element("div", "sg-sheet__text");
    var heading = element("h2");
    heading.appendChild(element("span", "sg-sheet__number", String(number)));
    heading.appendChild(document.createTextNode(" " + record.title + " "));
    heading.appendChild(element("span", "sg-sheet__dose", record.dose_text));
    text.appendChild(heading);
    var steps = element("ol", "sg-sheet__steps");
    (record.steps || []).slice(0, PRINTED_STEPS).forEach(function (step) {
      steps.appendChild(element("li", "", step));
    });
    text.appendChild(steps);
    if (record.cues && record.cues.length) {
      var hints = element("p", "sg-sheet__hints");
      hints.appendChild(element("strong", "", "Tip"));
      hints.appendChild(document.createTextNode("\u00a0" + record.cues[0]));
      text.appendChild(hints);
    }
    li.appendChild(text);
    return li;
  }

  // The address as a QR code, drawn as one SVG path: one square per dark module.
  function qrCode(address) {
    var code = window.qrcode(0, "M");
    code.addData(address);
    code.make();
    var count = code.getModuleCount();
    var quiet = 2;
    var d = "";
    for (var row = 0; row < count; row += 1) {
      for (var column = 0; column < count; column += 1) {
        if (code.isDark(row, column)) d += "M" + (column + quiet) + " " + (row + quiet) + "h1v1h-1z";
      }
    }
    var svgNs = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(svgNs, "svg");
    svg.setAttribute("viewBox", "0 0 " + (count + 2 * quiet) + " " + (count + 2 * quiet));
    svg.setAttribute("class", "sg-sheet__qr-code");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code linking to " + address);
    var path = document.createElementNS(svgNs, "path");
    path.setAttribute("d", d);
    svg.appendChild(path);
    return svg;
  }

  function paper(sheet) {
    var size = find("[data-routine-paper]").value;
    sheet.classList.toggle("sg-sheet--letter", size === "letter");
    sheet.classList.toggle("sg-sheet--a4", size !== "letter");
  }

  // Says so if even the smallest type leaves the sheet too tall for one page (print.js fits it).
  function fit(sheet) {
    var printing = window.stretchGuide.print;
    var fits = !printing || printing.fit(sheet, find("[data-routine-paper]").value);
    var warning = find("[data-routine-fit]");
    warning.hidden = fits;
    warning.textContent = fits
      ? ""
      : "This routine is too long for one page, even in the smallest type: it will print on two. Remove an exercise to keep it on one.";
  }

  // Start ------------------------------------------------------------------------------------

  window
    .fetch(new URL("exercises.json", ROOT).href)
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (data) {
      (data.exercises || []).forEach(function (record) {
        catalog[record.slug] = record;
      });
      shared = fromAddress();
      var mine = kept();
      // The link holds what is kept already.
      if (shared && shared.join(",") === mine.join(",") && sharedName === routine.readName()) shared = null;
      slugs = shared || mine;
      name = shared ? sharedName : routine.readName();
      var field = find("[data-routine-name]");
      field.value = name;
      field.placeholder = routine.DEFAULT_NAME;
      field.maxLength = routine.NAME_LIMIT;
      field.addEventListener("input", rename);
      field.addEventListener("change", function () {
        field.value = name; // as it is used: on one line, without spaces at its ends
      });
      find("[data-routine-needs-script]").hidden = true;
      find("[data-routine-app]").hidden = false;
      find("[data-routine-list]").addEventListener("click", change);
      find("[data-routine-keep]").addEventListener("click", keep);
      find("[data-routine-start]").addEventListener("click", start);
      find("[data-routine-print]").addEventListener("click", function () {
        window.print();
      });
      find("[data-routine-paper]").addEventListener("change", buildSheet);
      find("[data-routine-copy]").addEventListener("click", function () {
        var field = find("[data-routine-link]");
        field.select();
        var done = navigator.clipboard ? navigator.clipboard.writeText(field.value) : Promise.reject();
        done.then(
          function () {
            say("Link copied.");
          },
          function () {
            say("Select the link and copy it.");
          }
        );
      });
      window.addEventListener("storage", function () {
        if (shared) return;
        slugs = kept();
        name = routine.readName();
        field.value = name;
        render();
      });
      window.addEventListener("load", showApis); // the session's script may arrive after this one
      render();
      // Measured again in the real type once the fonts are in: the fit depends on them.
      if (document.fonts) document.fonts.ready.then(buildSheet);
      page.setAttribute("data-routine-ready", "");
    })
    .catch(function () {
      find("[data-routine-needs-script]").textContent =
        "The list of exercises could not be loaded. Check your connection and reload the page.";
    });
})();
