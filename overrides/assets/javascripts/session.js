// The guided session ("Start the routine"): one exercise at a time, timed from its dose, in a full-screen dialog.
//
// For other pages (My routine), on window.stretchGuide.session:
//   loadExercises(slugs) -> Promise of records, in the order of `slugs` (unknown slugs left out): the entries of
//     the site's open data exercises.json (slug, url, title, dose, steps, cues, ...), each with `picture`:
//     {src, alt}, src relative to the site root (the moving figure, else the photo), or null. From session.json.
//   start(records, {title, returnUrl}) -> Promise, resolved once the session is open. Of each record it reads
//     title, dose (hold_seconds, breaths, reps, sets, per_side: the timing comes from these alone), steps,
//     cues (the first is shown as the key point), note and picture; the paces come from the page's data or
//     session.json (stretchguide/site/session.py says them once). Leave (or Escape) closes the dialog and
//     gives the focus back; the end screen links to returnUrl when it is another page.
// On a series page its exercises, with the series' doses, are in the page ([data-session]), so a page opened
// once starts offline too. Without JavaScript noscript.css hides the box and the page is the normal page.
// Times come from Date and setTimeout, so a test can drive them (Playwright's page.clock).
(function () {
  "use strict";
  const root = new URL("../../", document.currentScript.src); // this file is assets/javascripts/session.js
  const guide = (window.stretchGuide = window.stretchGuide || {});
  const TICK_MS = 250; // how often the count on screen is brought up to date
  let pageTiming = null; // the paces, when the page carries its own session data
  let sessionFile = null;

  function json(name) {
    return fetch(new URL(name, root)).then((response) => {
      if (!response.ok) throw new Error(`${name}: ${response.status}`);
      return response.json();
    });
  }

  function loadSessionFile() {
    if (!sessionFile) sessionFile = json("session.json");
    return sessionFile;
  }

  function loadExercises(slugs) {
    return Promise.all([json("exercises.json"), loadSessionFile()]).then(([open, extra]) => {
      const bySlug = new Map(open.exercises.map((record) => [record.slug, record]));
      const records = slugs.filter((slug) => bySlug.has(slug)).map((slug) => Object.assign({}, bySlug.get(slug), { picture: extra.pictures[slug] || null }));
      keepForOffline(records);
      return records;
    });
  }

  // The pictures, kept by the offline copy (sw.js) as the page's own files are, so the session runs offline too.
  function keepForOffline(records) {
    if (!("serviceWorker" in navigator)) return;
    const urls = records.filter((record) => record.picture).map((record) => new URL(record.picture.src, root).href);
    navigator.serviceWorker.ready.then((registration) => {
      if (registration.active) registration.active.postMessage({ type: "keep", urls });
    });
  }

  function start(records, options) {
    const timing = pageTiming ? Promise.resolve(pageTiming) : loadSessionFile().then((extra) => extra.timing);
    return timing.then((paces) => {
      new Session(records, options || {}, paces).open();
    });
  }

  // The session as a list of steps, each with its length in seconds, from the doses alone.
  function plan(records, timing) {
    const steps = [];
    records.forEach((record, index) => {
      const dose = record.dose || {};
      const sets = Math.max(1, dose.sets || 1);
      if (index > 0) steps.push({ kind: "rest", index, seconds: timing.between_exercises });
      (dose.per_side ? [1, 2] : [0]).forEach((side) => {
        steps.push({ kind: "ready", index, side, seconds: timing.get_ready });
        for (let set = 1; set <= sets; set += 1) {
          if (set > 1) steps.push({ kind: "set-rest", index, side, set, sets, seconds: timing.between_sets });
          work(dose, timing).forEach((step) => steps.push(Object.assign({ index, side, set, sets }, step)));
        }
      });
    });
    steps.push({ kind: "end", index: records.length - 1, seconds: 0 });
    return steps;
  }

  // One set: a hold counted down; or reps or breaths counted at their pace. With reps, a hold (in seconds
  // or in breaths) is done once per rep, with a moment to let go between.
  function work(dose, timing) {
    const breaths = { kind: "breaths", count: dose.breaths, pace: timing.breath, seconds: dose.breaths * timing.breath };
    if (dose.hold_seconds || (dose.breaths && dose.reps)) {
      const one = dose.hold_seconds ? { kind: "hold", seconds: dose.hold_seconds } : breaths;
      const rounds = dose.reps || 1;
      const steps = [];
      for (let round = 1; round <= rounds; round += 1) {
        if (round > 1) steps.push({ kind: "release", round, rounds, seconds: timing.rep });
        steps.push(Object.assign({ round, rounds }, one));
      }
      return steps;
    }
    if (dose.reps) return [{ kind: "reps", count: dose.reps, pace: timing.rep, seconds: dose.reps * timing.rep }];
    return [breaths];
  }

  function plural(count, one, many) {
    return `${count} ${count === 1 ? one : many}`;
  }

  function seconds(count) {
    return plural(count, "second", "seconds");
  }

  class Session {
    constructor(records, options, timing) {
      this.records = records;
      this.title = options.title || "Your routine";
      this.returnUrl = options.returnUrl || "";
      this.steps = plan(records, timing);
      this.at = 0;
      this.elapsed = 0; // ms of the current step before the last pause
      this.since = null; // Date.now() when the step last started or resumed; null while paused
      this.timer = null;
      this.wakeLock = null;
      this.sound = false;
      this.vibration = false;
      this.audio = null;
      this.opener = document.activeElement;
      this.build();
    }

    // The dialog

    build() {
      const make = element;
      this.dialog = make("div", { class: "sg-session md-typeset", role: "dialog", "aria-modal": "true", "aria-labelledby": "sg-session-title" });
      const head = make("div", { class: "sg-session__head" });
      this.progress = make("p", { class: "sg-session__progress", "data-session-progress": "" });
      const name = make("p", { class: "sg-session__routine", id: "sg-session-title" }, this.title);
      this.leave = make("button", { class: "sg-button sg-button--quiet sg-session__leave", type: "button", "data-session-leave": "" }, "Leave");
      this.leave.setAttribute("aria-keyshortcuts", "Escape");
      head.append(name, this.progress, this.leave);

      const body = make("div", { class: "sg-session__body" });
      this.art = make("div", { class: "sg-session__art" });
      const now = make("div", { class: "sg-session__now" });
      this.phase = make("p", { class: "sg-session__phase", "data-session-phase": "" });
      this.count = make("p", { class: "sg-session__count", "data-session-count": "", "aria-hidden": "true" });
      this.unit = make("p", { class: "sg-session__unit", "data-session-unit": "" });
      this.detail = make("p", { class: "sg-session__detail", "data-session-detail": "" });
      this.pace = make("p", { class: "sg-session__pace", "data-session-pace": "" });
      now.append(this.phase, this.count, this.unit, this.detail, this.pace);
      this.about = make("div", { class: "sg-session__about" });
      body.append(this.art, now, this.about);

      const controls = make("div", { class: "sg-session__controls", role: "group", "aria-label": "Session controls" });
      this.back = make("button", { class: "sg-button", type: "button", "data-session-back": "", "aria-keyshortcuts": "ArrowLeft" }, "Back");
      this.pauseButton = make("button", { class: "sg-button sg-button--primary", type: "button", "data-session-pause": "", "aria-keyshortcuts": "Space" }, "Pause");
      this.skip = make("button", { class: "sg-button", type: "button", "data-session-skip": "", "aria-keyshortcuts": "ArrowRight" }, "Skip");
      controls.append(this.back, this.pauseButton, this.skip);

      const signals = make("div", { class: "sg-session__signals", role: "group", "aria-label": "Signal each change" });
      this.soundButton = make("button", { class: "sg-button sg-button--quiet", type: "button", "aria-pressed": "false", "data-session-sound": "" }, "Sound");
      signals.append(this.soundButton);
      if ("vibrate" in navigator) {
        this.vibrationButton = make("button", { class: "sg-button sg-button--quiet", type: "button", "aria-pressed": "false", "data-session-vibration": "" }, "Vibration");
        signals.append(this.vibrationButton);
      }
      signals.append(make("span", { class: "sg-session__keys" }, "Keys: Space pauses, arrows go back or skip, Escape leaves."));

      this.announcer = make("p", { class: "sg-session__announce", role: "status", "aria-live": "polite", "data-session-announce": "" });
      this.dialog.append(head, body, controls, signals, this.announcer);

      this.leave.addEventListener("click", () => this.close());
      this.back.addEventListener("click", () => this.go(this.at - 1));
      this.skip.addEventListener("click", () => this.go(this.at + 1));
      this.pauseButton.addEventListener("click", () => this.togglePause());
      this.soundButton.addEventListener("click", () => {
        this.sound = !this.sound;
        this.soundButton.setAttribute("aria-pressed", String(this.sound));
        if (this.sound) this.beep();
      });
      if (this.vibrationButton) {
        this.vibrationButton.addEventListener("click", () => {
          this.vibration = !this.vibration;
          this.vibrationButton.setAttribute("aria-pressed", String(this.vibration));
        });
      }
      this.dialog.addEventListener("keydown", (event) => this.key(event));
      this.dialog.addEventListener("keyup", (event) => {
        if (event.key === " ") event.preventDefault(); // Space pauses; it must not also press the focused button
      });
      // A hidden page loses its wake lock to the browser; it is asked for again when the page is back.
      this.onVisibility = () => {
        if (document.hidden) this.wakeLock = null;
        else if (this.running()) this.keepAwake();
      };
    }

    open() {
      // The rest of the page is out of reach while the session is open, as for any modal dialog.
      this.outside = [...document.body.children].filter((child) => !child.inert);
      this.outside.forEach((child) => {
        child.inert = true;
      });
      document.body.append(this.dialog);
      document.documentElement.classList.add("sg-session-open");
      document.addEventListener("visibilitychange", this.onVisibility);
      this.dialog.tabIndex = -1;
      this.dialog.focus();
      this.go(0);
    }

    close() {
      this.stopClock();
      this.letSleep();
      document.removeEventListener("visibilitychange", this.onVisibility);
      this.dialog.remove();
      document.documentElement.classList.remove("sg-session-open");
      this.outside.forEach((child) => {
        child.inert = false;
      });
      if (this.opener && this.opener.focus) this.opener.focus();
    }

    key(event) {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const actions = {
        " ": () => this.togglePause(),
        ArrowLeft: () => this.go(this.at - 1),
        ArrowRight: () => this.go(this.at + 1),
        Escape: () => this.close(),
      };
      const action = actions[event.key];
      if (event.target.closest && event.target.closest("a") && event.key === " ") return;
      if (!action) return;
      event.preventDefault();
      event.stopPropagation(); // Material's own keys (search, previous and next page) wait
      action();
    }

    // The clock

    running() {
      return this.since !== null && this.step().kind !== "end";
    }

    step() {
      return this.steps[this.at];
    }

    now() {
      return this.elapsed + (this.since === null ? 0 : Date.now() - this.since);
    }

    go(at) {
      if (at < 0 || at >= this.steps.length) return;
      const paused = this.since === null && this.started;
      this.started = true;
      this.at = at;
      this.elapsed = 0;
      this.since = paused ? null : Date.now();
      this.show();
      this.announce(this.describe() + (paused ? " Paused." : ""));
      this.signal();
      if (this.step().kind === "end") {
        this.stopClock();
        this.letSleep();
      } else if (!paused) {
        this.keepAwake();
        this.schedule();
      }
    }

    schedule() {
      this.stopClock();
      const left = this.step().seconds * 1000 - this.now();
      if (left <= 0) {
        this.go(this.at + 1);
        return;
      }
      this.timer = setTimeout(() => this.tick(), Math.min(left, TICK_MS - (this.now() % TICK_MS)));
    }

    tick() {
      this.timer = null;
      if (this.now() >= this.step().seconds * 1000) this.go(this.at + 1);
      else {
        this.showCount();
        this.schedule();
      }
    }

    stopClock() {
      clearTimeout(this.timer);
      this.timer = null;
    }

    togglePause() {
      if (this.step().kind === "end") return;
      if (this.since === null) {
        this.since = Date.now();
        this.keepAwake();
        this.schedule();
        this.announce("Resumed.");
      } else {
        this.elapsed = this.now();
        this.since = null;
        this.stopClock();
        this.letSleep();
        this.announce("Paused. Press Resume, or Space, to go on.");
      }
      this.showControls();
    }

    // What the screen says

    show() {
      const step = this.step();
      const record = this.records[step.index];
      const count = this.records.length;
      this.dialog.classList.toggle("is-resting", step.kind === "rest" || step.kind === "set-rest" || step.kind === "release");
      this.dialog.classList.toggle("is-finished", step.kind === "end");
      this.progress.textContent = step.kind === "end" ? "Finished" : `${step.index + 1} of ${count}`;
      if (step.kind === "end") this.showEnd();
      else this.showExercise(record, step);
      this.showCount();
      this.showControls();
      // The button that was pressed may have gone (Skip on the end screen): keys still reach the dialog.
      if (!this.dialog.contains(document.activeElement)) this.dialog.focus();
    }

    showExercise(record, step) {
      if (this.shown !== record) {
        this.shown = record;
        this.art.replaceChildren(picture(record));
        const about = [];
        about.push(element("h2", { class: "sg-session__title" }, record.title));
        if (record.note) about.push(element("p", { class: "sg-session__note" }, record.note));
        if (record.cues && record.cues.length) {
          const cue = element("p", { class: "sg-session__cue" });
          cue.append(element("strong", {}, "Key point: "), record.cues[0]);
          about.push(cue);
        }
        const steps = element("ol", { class: "sg-session__steps" });
        (record.steps || []).forEach((text) => steps.append(element("li", {}, text)));
        about.push(steps);
        this.about.replaceChildren(...about);
      }
      this.detail.textContent = this.detailText(step);
      this.pace.textContent = step.pace ? (step.kind === "breaths" ? `A slow breath takes about ${step.pace} s: in, then out.` : `About ${step.pace} s a rep.`) : "";
    }

    showEnd() {
      this.shown = null;
      this.art.replaceChildren();
      this.detail.textContent = "";
      this.pace.textContent = "";
      const safety = element("a", { href: new URL("safety/", root).href }, "When to stop, and when to see a professional");
      const pointers = element("ul", { class: "sg-session__feel" });
      pointers.append(
        element("li", {}, "Looser or warmer than before: that is the aim. Come back to it later today or tomorrow."),
        element("li", {}, "A little sore: do fewer reps or shorter holds next time, and build up slowly."),
        element("li", {}, "Pain, numbness or tingling: stop, and leave that exercise out until you have asked a doctor or physiotherapist."),
      );
      const more = element("p", {});
      more.append(safety);
      const again = element("button", { class: "sg-button sg-button--primary", type: "button", "data-session-again": "" }, "Start again");
      again.addEventListener("click", () => this.go(0));
      const actions = element("p", { class: "sg-session__end-actions" });
      actions.append(again);
      if (this.returnUrl && new URL(this.returnUrl, location.href).href !== location.href) {
        actions.append(" ", element("a", { class: "sg-button", href: this.returnUrl }, "Back to the routine"));
      } else {
        const done = element("button", { class: "sg-button", type: "button" }, "Close");
        done.addEventListener("click", () => this.close());
        actions.append(" ", done);
      }
      this.about.replaceChildren(element("h2", { class: "sg-session__title" }, "How did that feel?"), pointers, more, actions);
    }

    showCount() {
      const step = this.step();
      const now = this.now();
      this.phase.textContent = this.label(step);
      this.unit.textContent = "";
      if (step.kind === "end") {
        this.count.textContent = "";
      } else if (step.kind === "reps" || step.kind === "breaths") {
        const pace = step.pace * 1000;
        const number = Math.min(Math.floor(now / pace) + 1, step.count);
        this.count.textContent = String(number);
        this.unit.textContent =
          step.kind === "reps" ? `Rep ${number} of ${step.count}` : `Breath ${number} of ${step.count}: breathe ${now % pace < pace / 2 ? "in" : "out"}`;
      } else {
        this.count.textContent = String(Math.ceil((step.seconds * 1000 - now) / 1000));
      }
    }

    // What the step is called on screen; the live region says it too.
    label(step) {
      const round = step.rounds > 1 ? ` ${step.round} of ${step.rounds}` : "";
      const labels = {
        end: "Well done: that was the whole routine",
        ready: step.side === 2 ? "Now the other side" : "Get ready",
        rest: "Rest",
        "set-rest": `Rest before set ${step.set} of ${step.sets}`,
        release: "Let go and breathe",
        hold: `Hold${round}`,
        reps: "Reps",
        breaths: step.rounds > 1 ? `Hold${round}, for slow breaths` : "Slow breaths",
      };
      return labels[step.kind];
    }

    detailText(step) {
      const parts = [];
      if (step.kind === "rest") parts.push(`Next: ${this.records[step.index].title}`);
      if (step.kind === "release") parts.push(`Then hold ${step.round} of ${step.rounds}`);
      if (step.side) parts.push(step.side === 1 ? "First side" : "Other side");
      if (step.sets > 1 && step.kind !== "set-rest") parts.push(`Set ${step.set} of ${step.sets}`);
      return parts.join(" · ");
    }

    // The sentence the live region says at each change: the same facts as the screen, once.
    describe() {
      const step = this.step();
      const count = this.records.length;
      const record = this.records[step.index];
      const detail = this.detailText(step);
      const also = detail && step.kind !== "rest" ? ` ${detail}.` : "";
      switch (step.kind) {
        case "end":
          return "Finished: that was the whole routine. How did that feel? Stop if you felt pain, numbness or tingling.";
        case "rest":
          return `Rest, ${seconds(step.seconds)}. Next: exercise ${step.index + 1} of ${count}, ${record.title}.`;
        case "ready":
          return `${step.side === 2 ? "Now the other side" : `Exercise ${step.index + 1} of ${count}: ${record.title}. Get ready`}, ${seconds(step.seconds)}.${also}`;
        case "set-rest":
          return `Rest, ${seconds(step.seconds)}, before set ${step.set} of ${step.sets}.`;
        case "release":
          return `Let go and breathe, ${seconds(step.seconds)}.${also}`;
        case "hold":
          return `${this.label(step)}, ${seconds(step.seconds)}.${also}`;
        case "reps":
          return `${plural(step.count, "rep", "reps")}, about ${seconds(step.pace)} each.${also}`;
        default:
          return `${step.rounds > 1 ? `Hold ${step.round} of ${step.rounds} for ` : ""}${plural(step.count, "slow breath", "slow breaths")}, about ${seconds(step.pace)} each.${also}`;
      }
    }

    showControls() {
      const finished = this.step().kind === "end";
      this.pauseButton.hidden = finished;
      this.skip.hidden = finished;
      this.back.disabled = this.at === 0;
      this.pauseButton.textContent = this.since === null ? "Resume" : "Pause";
      this.dialog.classList.toggle("is-paused", this.since === null && !finished);
    }

    announce(text) {
      this.announcer.textContent = text;
    }

    // The device: screen kept awake while the clock runs, and the optional signals

    keepAwake() {
      if (!("wakeLock" in navigator) || this.wakeLock || document.hidden) return;
      this.wakeLock = navigator.wakeLock.request("screen").catch(() => null);
    }

    letSleep() {
      if (!this.wakeLock) return;
      this.wakeLock.then((lock) => lock && lock.release());
      this.wakeLock = null;
    }

    signal() {
      if (this.sound) this.beep();
      if (this.vibration) navigator.vibrate(150);
    }

    beep() {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      if (!this.audio) this.audio = new Context();
      const tone = this.audio.createOscillator();
      const volume = this.audio.createGain();
      tone.frequency.value = 880;
      volume.gain.setValueAtTime(0.2, this.audio.currentTime);
      volume.gain.exponentialRampToValueAtTime(0.001, this.audio.currentTime + 0.25);
      tone.connect(volume).connect(this.audio.destination);
      tone.start();
      tone.stop(this.audio.currentTime + 0.25);
    }
  }

  function picture(record) {
    if (!record.picture) return element("div", { class: "sg-session__placeholder", "aria-hidden": "true" });
    // The moving figure as an image: it plays its own animation, and keeps still when motion is reduced.
    return element("img", { src: new URL(record.picture.src, root).href, alt: record.picture.alt || "" });
  }

  function element(name, attributes, text) {
    const made = document.createElement(name);
    for (const [attribute, value] of Object.entries(attributes)) made.setAttribute(attribute, value);
    if (text) made.textContent = text;
    return made;
  }

  guide.session = { loadExercises, start };

  // A series page: its data is in the page, written by stretchguide/site/templates/series.html.j2.
  const holder = document.querySelector("[data-session]");
  if (!holder) return;
  let data;
  try {
    data = JSON.parse(holder.getAttribute("data-session"));
  } catch (unreadable) {
    holder.hidden = true; // a box whose buttons could not work
    return;
  }
  pageTiming = data.timing;
  const button = holder.querySelector("[data-session-start]");
  button.addEventListener("click", () => start(data.exercises, { title: data.title, returnUrl: location.href }));
  holder.hidden = false;
  keepForOffline(data.exercises);
})();
