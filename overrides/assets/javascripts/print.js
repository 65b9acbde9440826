// On paper: the one-page sheets of a series page and of My routine shrunk to fit, as stretchguide/sheet/fit.py fits
// the PDF sheets, and every picture fetched, so none prints as an empty tile.
//
// For My routine, on window.stretchGuide.print:
//   fit(sheet, paper) -> true if the sheet fits on one page of `paper` ("a4", "letter", or "any" for both).
(function () {
  "use strict";

  // A4 and Letter less the 10 mm margins, as print.css sets the sheet; "any" is the narrower and the shorter of the two.
  var PAPER_MM = { a4: [190, 275], letter: [195.9, 257.4], any: [190, 257.4] };
  // As fit.py: fewer exercises get larger pictures; nothing shrinks below 10 pt steps and 30 mm pictures.
  var PICTURE_MM = 40;
  var SMALLEST_TYPE = 0.834;
  var SMALLEST_PICTURE = 0.763;
  var CLEARANCE_MM = 3;
  var PX_PER_MM = 96 / 25.4;

  function fullPicture(count) {
    return count <= 3 ? 1.3 : count === 4 ? 1.12 : 1;
  }

  // Lays the sheet out off screen at the paper's width, shrinking type and pictures together until the exercises
  // leave room for the safety box. The sizes are tried as fit.py tries them, 3 % smaller a step, each down to its
  // floor; smaller never takes more room, so the largest that fits is found by halving: each try lays the whole
  // sheet out, a long task on a phone, and halving takes four or so where stepping took up to ten.
  function fit(sheet, paper) {
    var size = PAPER_MM[paper] || PAPER_MM.a4;
    var sizes = shrinking(fullPicture(sheet.querySelectorAll(".sg-sheet__exercise").length));
    sheet.classList.add("is-measuring");
    sheet.style.width = size[0] + "mm";
    var fitting = -1;
    var low = 0;
    var high = sizes.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      show(sheet, sizes[middle]);
      var used = sheet.querySelector(".sg-sheet__closing").getBoundingClientRect().bottom - sheet.getBoundingClientRect().top;
      if (used + CLEARANCE_MM * PX_PER_MM <= size[1] * PX_PER_MM) {
        fitting = middle;
        high = middle - 1;
      } else low = middle + 1;
    }
    show(sheet, sizes[fitting >= 0 ? fitting : sizes.length - 1]);
    sheet.classList.remove("is-measuring");
    sheet.style.width = "";
    return fitting >= 0;
  }

  // [type scale, picture scale] pairs, largest first, ending where both are at their floors.
  function shrinking(picture) {
    var type = 1;
    var sizes = [[type, picture]];
    while (sizes.length < 40 && (type > SMALLEST_TYPE || picture > SMALLEST_PICTURE)) {
      type = Math.max(SMALLEST_TYPE, Math.floor(type * 970) / 1000);
      picture = Math.max(SMALLEST_PICTURE, Math.floor(picture * 970) / 1000);
      sizes.push([type, picture]);
    }
    return sizes;
  }

  function show(sheet, scales) {
    sheet.style.setProperty("--type-scale", String(scales[0]));
    sheet.style.setProperty("--figure-height", (PICTURE_MM * scales[1]).toFixed(2) + "mm");
  }

  window.stretchGuide = window.stretchGuide || {};
  window.stretchGuide.print = { fit: fit };

  // A series page: its sheet, for whichever paper the print dialog picks, measured in the fonts it prints in: once
  // they are in, not also before with the fallback (each measuring lays the sheet out, which keeps a phone busy), and
  // again as the dialog opens.
  var series = document.querySelector("[data-print-sheet]");
  if (series) {
    var fitSeries = function () {
      fit(series, "any");
    };
    if (document.fonts && document.fonts.status === "loading") document.fonts.ready.then(fitSeries);
    else fitSeries();
    window.addEventListener("beforeprint", fitSeries);
  }
})();
