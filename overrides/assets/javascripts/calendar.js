// Reminders without an app: "Add to calendar" makes an iCalendar (.ics) file in the browser, with a weekly
// event at each time the reader picks, titled with the routine and linking back to it. Nothing is sent anywhere.
//
// For other pages (My routine), on window.stretchGuide.calendar:
//   download({title, url, times: ["10:30", "15:00"], days: ["MO", "TU", "WE", "TH", "FR"], minutes}) -> the
//     file's text, after the browser has been handed it as a download. `minutes` (optional) is each event's length.
//   file(options, now) -> the same text without downloading it; `now` (a Date) sets DTSTAMP and the first day.
//   form(options) -> a <form> element that asks for the times and days (defaults above) and downloads the file;
//     options as for download, without times and days, or a function giving them when the file is made.
//   offer(opener, options) -> that form, hidden after the opener's box until the opener (a button) shows it.
(function () {
  "use strict";
  const guide = (window.stretchGuide = window.stretchGuide || {});
  const DEFAULT_TIMES = ["10:30", "15:00"];
  const WEEK = [
    ["MO", "Monday"],
    ["TU", "Tuesday"],
    ["WE", "Wednesday"],
    ["TH", "Thursday"],
    ["FR", "Friday"],
    ["SA", "Saturday"],
    ["SU", "Sunday"],
  ];
  const WEEKDAYS = WEEK.slice(0, 5).map(([code]) => code);
  const LINE_OCTETS = 75; // RFC 5545 3.1: longer lines are folded
  const encoder = new TextEncoder();

  function file(options, now) {
    now = now || new Date();
    const title = options.title || "Stretch break";
    const url = new URL(options.url || location.href, location.href).href;
    const days = WEEK.map(([code]) => code).filter((code) => (options.days || WEEKDAYS).includes(code));
    const times = [...new Set((options.times || DEFAULT_TIMES).filter((time) => /^\d{2}:\d{2}$/.test(time)))].sort();
    if (!days.length || !times.length) throw new Error("choose at least one time and one day");
    const first = firstDay(now, days);
    const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const id = typeof crypto !== "undefined" && crypto.randomUUID ? crypto.randomUUID() : `${now.getTime()}-${Math.random().toString(36).slice(2)}`;
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Stretch Guide//Reminders//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    times.forEach((time) => {
      lines.push(
        "BEGIN:VEVENT",
        `UID:${id}-${time.replace(":", "")}@stretchguide`,
        `DTSTAMP:${stamp}`,
        `DTSTART:${first}T${time.replace(":", "")}00`, // floating: at this time wherever the reader is
        ...(options.minutes ? [`DURATION:PT${Math.round(options.minutes)}M`] : []),
        `RRULE:FREQ=WEEKLY;BYDAY=${days.join(",")}`,
        `SUMMARY:${text(title)}`,
        `URL:${url}`,
        `DESCRIPTION:${text(`Time for ${title}. Open the routine: ${url}`)}`,
        "END:VEVENT",
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  // The first of the chosen days from today on, as YYYYMMDD, so the first event is one the rule gives too.
  function firstDay(now, days) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    while (!days.includes(WEEK[(day.getDay() + 6) % 7][0])) day.setDate(day.getDate() + 1);
    const two = (number) => String(number).padStart(2, "0");
    return `${day.getFullYear()}${two(day.getMonth() + 1)}${two(day.getDate())}`;
  }

  // RFC 5545 3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT values.
  function text(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  // RFC 5545 3.1: at most 75 octets a line, never inside a character; a continuation starts with a space.
  function fold(line) {
    let folded = "";
    let octets = 0;
    for (const character of line) {
      const size = encoder.encode(character).length;
      if (octets + size > LINE_OCTETS) {
        folded += "\r\n ";
        octets = 1;
      }
      folded += character;
      octets += size;
    }
    return folded;
  }

  function download(options) {
    const contents = file(options);
    const name = `${(options.title || "stretch-break").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "stretch-break"}-reminders.ics`;
    const address = URL.createObjectURL(new Blob([contents], { type: "text/calendar;charset=utf-8" }));
    const link = element("a", { href: address, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(address), 60000);
    return contents;
  }

  function form(options) {
    const made = element("form", { class: "sg-calendar", "data-calendar-form": "" });
    const times = element("fieldset", { class: "sg-calendar__times" });
    times.append(element("legend", {}, "At what times?"));
    DEFAULT_TIMES.forEach((time, index) => {
      const label = element("label", {}, index === 0 ? "First reminder " : "Second reminder (optional) ");
      label.append(element("input", { type: "time", value: time, "data-calendar-time": "" }));
      times.append(label);
    });
    const days = element("fieldset", { class: "sg-calendar__days" });
    days.append(element("legend", {}, "On which days?"));
    WEEK.forEach(([code, name]) => {
      const label = element("label", {});
      const box = element("input", { type: "checkbox", value: code, "data-calendar-day": "" });
      box.checked = WEEKDAYS.includes(code);
      label.append(box, ` ${name}`);
      days.append(label);
    });
    const submit = element("button", { class: "sg-button sg-button--primary", type: "submit" }, "Download the calendar file");
    const status = element("p", { class: "sg-calendar__status", role: "status" });
    const note = element("p", { class: "sg-calendar__note" }, "The file is made on this device and nothing is sent anywhere. Open it to add the reminders to your calendar.");
    made.append(times, days, submit, note, status);
    made.addEventListener("submit", (event) => {
      event.preventDefault();
      const chosen = {
        times: [...made.querySelectorAll("[data-calendar-time]")].map((input) => input.value).filter(Boolean),
        days: [...made.querySelectorAll("[data-calendar-day]")].filter((box) => box.checked).map((box) => box.value),
      };
      if (!chosen.times.length || !chosen.days.length) {
        status.textContent = "Choose at least one time and one day.";
        return;
      }
      download(Object.assign({}, typeof options === "function" ? options() : options, chosen));
      status.textContent = "Downloaded. Open the file to add the reminders to your calendar.";
    });
    return made;
  }

  function element(name, attributes, words) {
    const made = document.createElement(name);
    for (const [attribute, value] of Object.entries(attributes)) made.setAttribute(attribute, value);
    if (words) made.textContent = words;
    return made;
  }

  function offer(opener, options) {
    const made = form(options);
    made.id = "sg-calendar-form";
    made.hidden = true;
    opener.parentElement.after(made);
    opener.setAttribute("aria-expanded", "false");
    opener.setAttribute("aria-controls", made.id);
    opener.addEventListener("click", () => {
      made.hidden = !made.hidden;
      opener.setAttribute("aria-expanded", String(!made.hidden));
      if (!made.hidden) made.querySelector("input").focus();
    });
    return made;
  }

  guide.calendar = { download, file, form, offer };

  // A series page: the button under "Start the routine" opens the form below it.
  const opener = document.querySelector("[data-session] [data-calendar-open]");
  if (!opener) return;
  let series;
  try {
    series = JSON.parse(opener.closest("[data-session]").getAttribute("data-session"));
  } catch (unreadable) {
    return;
  }
  offer(opener, { title: series.title, url: location.href.split("#")[0].split("?")[0], minutes: series.minutes });
})();
