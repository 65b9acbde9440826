// The guide's two small behaviours: filtering the exercise index, and playing a figure's animation.
// Both are enhancements: without JavaScript the index is the full list and figures are stills.
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
    readUrl();
    show();
  }

  // Exercise page: the figure arrives as a still (the end pose over the start, faint), which is
  // what readers without JavaScript, or who prefer less motion, keep. Once the page has loaded
  // and the browser is idle, the animated drawing (same file set, same origin) is put inline in
  // its place and played by a slow clock of our own: the browser's would restyle and repaint it
  // sixty times a second, which kept half a core busy. The clock sleeps through the holds, while
  // the figure is out of view and while the tab is hidden, and stops after the drawing's own
  // loops, offering a replay.
  var FRAME_MS = 167; // six pictures a second: smooth enough for a slow stretch, and well within 5 % of a core
  // A drawing with many moving parts (a band, a second limb in view, the masks that cut them)
  // costs more per picture, so it gets four a second, which keeps it about as cheap as a plain one.
  var MANY_PARTS = 60; // animated elements; each picture's cost grows with them
  var MANY_PARTS_FRAME_MS = 250;
  // The drawing lives in a shadow tree of its own, so each frame restyles it against its own few
  // rules, not against every rule of the page (Material's), which was most of a frame's cost.
  // The frame inside carries the figure's state (is-paused, is-still) for the drawing's rules.
  var MOTION_RULES =
    ":host,.frame,svg{display:block;width:100%;height:100%}" +
    "@media print{:host{display:none}}"; // paper shows the still: print.css prints the image

  function setUpFigure(figure) {
    window
      .fetch(figure.getAttribute("data-figure-motion"))
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (text) {
        // Read in one task and put in the page in the next: together they kept a slow phone from
        // answering a tap for about half a second.
        nextIdle(function () {
          var drawing = readDrawing(text);
          if (drawing) {
            nextIdle(function () {
              play(figure, drawing);
            });
          }
        });
      })
      .catch(function () {
        // Offline or opened from disk: the still stays.
      });
  }

  // The drawing's <svg> and its rules, from the text of its file; null where the browser cannot show it.
  function readDrawing(text) {
    // The page's Content-Security-Policy refuses <style> elements, even in a parsed document:
    // the figure's own rules (from this site's file) are taken out and applied through the
    // CSSOM, which the policy leaves to the site's scripts. Without that, the still stays.
    if (!("adoptedStyleSheets" in document)) return null;
    var rules = "";
    text = text.replace(/<style\b[^>]*>([\s\S]*?)<\/style>/g, function (element, css) {
      rules += css;
      return "";
    });
    var svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
    if (svg.nodeName.toLowerCase() !== "svg") return null;
    var sheet = new CSSStyleSheet();
    // Read as the SVG's XML would be, character references and all.
    sheet.replaceSync(new DOMParser().parseFromString("<r>" + rules + "</r>", "application/xml").documentElement.textContent);
    return { svg: svg, sheet: sheet };
  }

  // The moving drawing in the still's place, on its clock.
  function play(figure, drawing) {
    var image = figure.querySelector("[data-figure-art]");
    var button = figure.querySelector("[data-figure-toggle]");
    var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
    var host = document.createElement("div");
    host.className = "sg-figure__motion";
    var shadow = host.attachShadow({ mode: "open" });
    shadow.adoptedStyleSheets = [motionSheet(), drawing.sheet];
    var frame = document.createElement("div");
    frame.className = "frame";
    var svg = document.importNode(drawing.svg, true);
    frame.append(svg);
    shadow.append(frame);
    image.before(host);
    image.hidden = true; // kept for paper: print.css prints the still, not the animation
    var clock = new Clock([figure, frame], svg, button);
    button.addEventListener("click", function () {
      clock.press();
    });
    if (reduceMotion.addEventListener) {
      reduceMotion.addEventListener("change", function () {
        clock.start(!reduceMotion.matches);
      });
    }
    clock.start(!reduceMotion.matches);
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        clock.setOutOfView(!entries[entries.length - 1].isIntersecting);
      }).observe(figure);
    }
    document.addEventListener("visibilitychange", function () {
      clock.wake();
    });
  }

  var motionRules = null;
  function motionSheet() {
    if (!motionRules) {
      motionRules = new CSSStyleSheet();
      motionRules.replaceSync(MOTION_RULES);
    }
    return motionRules;
  }

  // Plays a figure's CSS animations by hand: they stay paused, and the clock moves them on.
  // Their timing (loop length, number of loops, where they hold still) is read from the
  // drawing itself, so it is written only there. `marked` are the elements that say its state.
  function Clock(marked, svg, button) {
    this.marked = marked;
    this.svg = svg;
    this.button = button;
    this.timer = null;
    this.animations = [];
    this.outOfView = false;
  }

  Clock.prototype.start = function (motion) {
    this.stop();
    // Collected again each time: the drawing has no animations while motion is reduced.
    this.animations = motion ? this.svg.getAnimations({ subtree: true }) : [];
    this.animations.forEach(function (animation) {
      animation.pause();
    });
    this.button.hidden = !this.animations.length; // a still figure has nothing to pause
    if (!this.animations.length) return;
    var timing = this.animations[0].effect.getComputedTiming();
    this.loop = timing.duration;
    this.end = timing.endTime;
    this.moving = null; // until they are known, every moment of the loop counts as moving
    var self = this;
    var animations = this.animations;
    movingSpans(animations, function (spans) {
      if (self.animations === animations) self.moving = spans;
    });
    this.frameMs = this.animations.length > MANY_PARTS ? MANY_PARTS_FRAME_MS : FRAME_MS;
    this.userPaused = false;
    this.replay();
  };

  Clock.prototype.replay = function () {
    this.time = 0;
    this.done = false;
    this.show();
    this.wake();
  };

  Clock.prototype.press = function () {
    if (this.done) this.replay();
    else {
      this.userPaused = !this.userPaused;
      this.wake();
    }
  };

  Clock.prototype.setOutOfView = function (outOfView) {
    this.outOfView = outOfView;
    this.wake();
  };

  Clock.prototype.running = function () {
    return this.animations.length > 0 && !this.done && !this.userPaused && !this.outOfView && !document.hidden;
  };

  Clock.prototype.stop = function () {
    window.clearTimeout(this.timer);
    this.timer = null;
  };

  // Start ticking if the figure may move now, or stop; and say which on the page.
  Clock.prototype.wake = function () {
    this.stop();
    var running = this.running();
    var done = this.done;
    this.marked.forEach(function (element) {
      element.classList.toggle("is-paused", !running);
      element.classList.toggle("is-still", done);
    });
    this.button.textContent = this.done ? "Replay animation" : this.userPaused ? "Play animation" : "Pause animation";
    if (running) {
      this.last = window.performance.now();
      this.schedule();
    }
  };

  Clock.prototype.schedule = function () {
    var self = this;
    var phase = (this.time % this.loop) / this.loop;
    var moves = this.moving ? stillUntil(this.moving, phase) : phase;
    var wait = Math.max(this.frameMs, (moves - phase) * this.loop);
    this.timer = window.setTimeout(function () {
      self.tick();
    }, Math.min(wait, this.end - this.time));
  };

  Clock.prototype.tick = function () {
    var now = window.performance.now();
    this.time = Math.min(this.time + now - this.last, this.end);
    this.last = now;
    this.show();
    if (this.time >= this.end) {
      this.done = true;
      this.wake();
    } else this.schedule();
  };

  Clock.prototype.show = function () {
    var time = this.time;
    this.animations.forEach(function (animation) {
      animation.currentTime = time;
    });
  };

  // The parts of a loop (as fractions, 0 to 1) in which some keyframe value changes, given to `done`.
  // Reading every keyframe of a drawing takes long on a phone: it is read a few animations at a
  // time, each few in a task of its own, so a tap meanwhile is answered at once.
  var ANIMATIONS_AT_A_TIME = 8;
  function movingSpans(animations, done) {
    var spans = [];
    var next = 0;
    function readSome() {
      animations.slice(next, next + ANIMATIONS_AT_A_TIME).forEach(function (animation) {
        var frames = animation.effect.getKeyframes();
        for (var i = 1; i < frames.length; i += 1) {
          if (looks(frames[i]) !== looks(frames[i - 1])) spans.push([frames[i - 1].computedOffset, frames[i].computedOffset]);
        }
      });
      next += ANIMATIONS_AT_A_TIME;
      if (next < animations.length) nextIdle(readSome);
      else done(spans);
    }
    nextIdle(readSome);
  }

  function looks(frame) {
    var values = {};
    Object.keys(frame).forEach(function (key) {
      if (!/offset|easing|composite/i.test(key)) values[key] = frame[key];
    });
    return JSON.stringify(values);
  }

  // Where in the loop (from `phase`) the figure next moves: `phase` itself while it moves.
  function stillUntil(spans, phase) {
    var next = Infinity;
    for (var i = 0; i < spans.length; i += 1) {
      if (spans[i][0] <= phase && phase < spans[i][1]) return phase;
      next = Math.min(next, spans[i][0] > phase ? spans[i][0] : spans[i][0] + 1);
    }
    return next === Infinity ? phase : next;
  }

  // Material's search panel is a dialog without a name; screen readers announce it as "Search".
  Array.prototype.forEach.call(document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])'), function (dialog) {
    dialog.setAttribute("aria-label", "Search");
  });

  // After the load event, when the browser has nothing more pressing: the still is on screen
  // by then, and the drawing's download and first frames no longer compete with the page's own.
  function whenIdle(run) {
    function idle() {
      nextIdle(run);
    }
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  }

  // `run` in a task of its own, when the browser has nothing more pressing (or within two seconds).
  function nextIdle(run) {
    if ("requestIdleCallback" in window) window.requestIdleCallback(run, { timeout: 2000 });
    else window.setTimeout(run, 0);
  }

  var filters = document.querySelector("[data-exercise-filters]");
  if (filters) setUpFilters(filters);
  var figures = document.querySelectorAll("[data-figure]");
  if (figures.length) {
    whenIdle(function () {
      Array.prototype.forEach.call(figures, setUpFigure);
    });
  }
})();
