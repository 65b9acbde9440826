// Paper shows every picture: a thumbnail left to load lazily would print as an empty tile,
// so the few of a series page are fetched with the page (and its load event waits for them).
(function () {
  "use strict";

  Array.prototype.forEach.call(document.querySelectorAll('.sg-sequence img[loading="lazy"]'), function (image) {
    image.loading = "eager";
  });
})();
