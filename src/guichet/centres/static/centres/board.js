// The call board: polls the board's JSON every few seconds and redraws the calls and the
// queues; the newest call is highlighted and, once someone turns announcements on (browsers
// only speak after a user gesture), read aloud in the centre's language. Without this script
// the page reloads itself (a meta refresh inside <noscript>).
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector("[data-board]");
    if (!root) {
      return;
    }
    var source = root.getAttribute("data-source");
    var every = (parseFloat(root.getAttribute("data-poll-seconds")) || 2.5) * 1000;
    var calls = root.querySelector("[data-calls]");
    var queues = root.querySelector("[data-queues]");
    var latest = root.querySelector("[data-latest]");
    var speechButton = root.querySelector("[data-speech]");
    var fullButton = root.querySelector("[data-fullscreen]");
    var speaking = false;
    var seen = null;
    var drawn = "";

    function keyOf(call) {
      // A recall changes the time and the count: it is announced again.
      return call.number + "|" + call.called_at + "|" + call.recalls;
    }

    function row(cells, className) {
      var tr = document.createElement("tr");
      if (className) {
        tr.className = className;
      }
      cells.forEach(function (item) {
        var td = document.createElement("td");
        td.textContent = item.text;
        if (item.className) {
          td.className = item.className;
        }
        if (item.span) {
          td.colSpan = item.span;
        }
        tr.appendChild(td);
      });
      return tr;
    }

    function draw(state, fresh) {
      calls.textContent = "";
      state.called.forEach(function (call, index) {
        var className = index === 0 ? "board-newest" : "";
        if (index === 0 && fresh.length) {
          className += " board-flash";
        }
        calls.appendChild(row([
          { text: call.number, className: "board-ticket" },
          { text: call.window === null ? "" : String(call.window), className: "board-window" }
        ], className));
      });
      if (!state.called.length) {
        calls.appendChild(row([{ text: root.getAttribute("data-empty-calls"), span: 2 }]));
      }
      queues.textContent = "";
      state.queues.forEach(function (queue) {
        var li = document.createElement("li");
        var name = document.createElement("span");
        var count = document.createElement("strong");
        name.textContent = queue.name;
        count.textContent = String(queue.count);
        li.appendChild(name);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(count);
        queues.appendChild(li);
      });
      if (!state.queues.length) {
        var empty = document.createElement("li");
        empty.textContent = root.getAttribute("data-empty-queues");
        queues.appendChild(empty);
      }
    }

    function say(text) {
      if (!speaking || !("speechSynthesis" in window)) {
        return;
      }
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = root.getAttribute("data-speech-language") || "";
      window.speechSynthesis.speak(utterance);
    }

    function update(state) {
      var keys = {};
      var fresh = [];
      state.called.forEach(function (call) {
        keys[keyOf(call)] = true;
        if (seen && !seen[keyOf(call)]) {
          fresh.push(call);
        }
      });
      seen = keys; // the first answer only sets what is already on the screen
      var signature = JSON.stringify([state.called, state.queues]);
      if (signature !== drawn) {
        drawn = signature;
        draw(state, fresh);
      }
      fresh.reverse().forEach(function (call) {
        latest.textContent = call.say;
        say(call.say);
      });
    }

    function poll() {
      window.fetch(source, { cache: "no-store", credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (state) {
          if (state) {
            update(state);
          }
        })
        .catch(function () {
          // The network is back at the next turn; the screen keeps what it shows.
        })
        .then(function () {
          window.setTimeout(poll, every);
        });
    }

    if (speechButton && "speechSynthesis" in window) {
      speechButton.hidden = false;
      speechButton.addEventListener("click", function () {
        speaking = !speaking;
        speechButton.setAttribute("aria-pressed", speaking ? "true" : "false");
        if (speaking) {
          // Speaking once inside the gesture lets the browser speak later on its own.
          window.speechSynthesis.speak(new window.SpeechSynthesisUtterance(""));
        } else {
          window.speechSynthesis.cancel();
        }
      });
    }
    if (fullButton && document.documentElement.requestFullscreen) {
      fullButton.hidden = false;
      fullButton.addEventListener("click", function () {
        if (document.fullscreenElement) {
          document.exitFullscreen();
        } else {
          document.documentElement.requestFullscreen();
        }
      });
    }
    poll();
  });
})();
