// The kiosk's small helpers; every kiosk page also works without them.
// - Back to the start after a while without a touch, so the next visitor sees nothing of the
//   last one (the start URL also forgets the language they chose).
// - An on-screen keypad for the code and number fields, for a touch screen without keyboard.
//   A QR scanner acting as a keyboard types into the focused field as usual.
// - The print button of tickets and receipts.
(function () {
  "use strict";

  function returnWhenIdle() {
    var config = document.getElementById("kiosk-idle");
    if (!config) {
      return;
    }
    var seconds = parseFloat(config.getAttribute("data-idle-seconds")) || 60;
    var target = config.getAttribute("data-restart-url");
    var timer = null;
    function restart() {
      // replace(): the visitor's pages do not stay in the history behind the start page.
      window.location.replace(target);
    }
    function touched() {
      window.clearTimeout(timer);
      timer = window.setTimeout(restart, seconds * 1000);
    }
    ["pointerdown", "touchstart", "keydown", "input", "scroll"].forEach(function (name) {
      document.addEventListener(name, touched, { capture: true, passive: true });
    });
    touched();
  }

  function keypads() {
    document.querySelectorAll("[data-keypad]").forEach(function (pad) {
      var form = pad.closest("form");
      var fields = form ? form.querySelectorAll("input.kiosk-text") : [];
      if (!fields.length) {
        return;
      }
      var target = fields[0];
      function choose(field) {
        fields.forEach(function (other) {
          other.classList.toggle("kiosk-target", other === field);
        });
        target = field;
      }
      fields.forEach(function (field) {
        field.addEventListener("focus", function () {
          choose(field);
        });
      });
      choose(document.activeElement && document.activeElement.form === form &&
        document.activeElement.classList.contains("kiosk-text") ? document.activeElement : target);
      pad.hidden = false;
      pad.addEventListener("click", function (event) {
        var key = event.target.closest("[data-key]");
        if (!key) {
          return;
        }
        var value = key.getAttribute("data-key");
        if (value === "backspace") {
          target.value = target.value.slice(0, -1);
        } else if (value === "clear") {
          target.value = "";
        } else if (target.maxLength < 0 || target.value.length < target.maxLength) {
          target.value += value;
        }
        target.dispatchEvent(new Event("input", { bubbles: true }));
      });
    });
  }

  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    returnWhenIdle();
    keypads();
    printButtons();
  });
})();
