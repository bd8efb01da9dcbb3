// Checks the ingest forms' limits before sending (progressive enhancement: the server checks
// again and the page works without this script). Limits come from the form's data attributes,
// which the server fills from src/limits.ts.
(function () {
  "use strict";
  var fmt = function (n) {
    return n.toLocaleString("en");
  };
  var text = document.getElementById("text");
  var count = document.getElementById("text-count");
  if (text && count && text.dataset.maxChars) {
    var max = Number(text.dataset.maxChars);
    var update = function () {
      var n = text.value.length;
      count.textContent =
        n > max ? fmt(n) + " characters: " + fmt(n - max) + " over the limit of " + fmt(max) + "." : n ? fmt(n) + " of " + fmt(max) + " characters." : "";
      count.className = n > max ? "field-error limit-count" : "muted limit-count";
    };
    text.addEventListener("input", update);
    update();
    text.form.addEventListener("submit", function (e) {
      if (text.value.length > max) {
        e.preventDefault();
        update();
        text.focus();
      }
    });
  }
  var file = document.getElementById("file");
  var check = document.getElementById("file-check");
  if (file && check && file.dataset.maxBytes) {
    var maxBytes = Number(file.dataset.maxBytes);
    var tooBig = function () {
      var f = file.files && file.files[0];
      if (f && f.size > maxBytes) {
        check.textContent = "This file is " + Math.round(f.size / 104857.6) / 10 + " MB; the limit is " + Math.round(maxBytes / 104857.6) / 10 + " MB.";
        check.hidden = false;
        return true;
      }
      check.hidden = true;
      return false;
    };
    file.addEventListener("change", tooBig);
    file.form.addEventListener("submit", function (e) {
      if (tooBig()) e.preventDefault();
    });
  }
})();
