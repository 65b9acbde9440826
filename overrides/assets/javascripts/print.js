// Paper shows every picture: a thumbnail left to load lazily would print as an empty tile,
// so once the page has loaded, the few of a series page are fetched as well.
(function () {
  "use strict";

  window.addEventListener("load", function () {
    Array.prototype.forEach.call(document.querySelectorAll('.sg-sequence img[loading="lazy"]'), function (image) {
      image.loading = "eager";
    });
  });
})();
