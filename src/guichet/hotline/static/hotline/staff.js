// The operator's console, for the keyboard (progressive enhancement: the page works without it).
// F2: the caller's phone. F4: the answer search. Ctrl+Enter: save and dispatch.
// "Use this answer" copies a standard answer into the answer field.
(function () {
  "use strict";
  function focus(selector) {
    var field = document.querySelector(selector);
    if (field) {
      field.focus();
      if (field.select) { field.select(); }
    }
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "F2") {
      event.preventDefault();
      focus("#id_phone");
    } else if (event.key === "F4") {
      event.preventDefault();
      focus("#id_q");
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var save = document.querySelector("#console-form button[name='action'][value='save']");
      if (save) {
        event.preventDefault();
        save.click();
      }
    }
  });
  function reveal(root) {
    root.querySelectorAll("[data-use-answer]").forEach(function (button) {
      button.hidden = false;
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-use-answer]");
    var answer = document.querySelector("#id_answer");
    if (button && answer) {
      answer.value = button.getAttribute("data-use-answer");
      answer.focus();
    }
  });
  document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  document.addEventListener("htmx:afterSwap", function (event) { reveal(event.target); });
})();
