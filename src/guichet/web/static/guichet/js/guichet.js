// Progressive enhancement only: every page works without this file.
// When a form comes back with errors, move focus to the error summary so that screen-reader
// and keyboard users hear what went wrong before anything else.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
