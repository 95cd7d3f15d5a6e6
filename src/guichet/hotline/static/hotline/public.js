// The report form's small helpers; the form works the same without them.
// - "Use my location": the browser's position goes into the hidden latitude and longitude.
// - A category's extra questions are shown only when that category is chosen.
(function () {
  "use strict";

  function geolocation() {
    var box = document.querySelector("[data-geo]");
    if (!box || !("geolocation" in navigator)) {
      return;
    }
    var button = box.querySelector("[data-geo-button]");
    var status = box.querySelector("[data-geo-status]");
    var form = box.closest("form");
    var lat = form.querySelector("[data-geo='lat']");
    var lon = form.querySelector("[data-geo='lon']");
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = box.getAttribute("data-locating");
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          lat.value = position.coords.latitude.toFixed(6);
          lon.value = position.coords.longitude.toFixed(6);
          status.textContent = box.getAttribute("data-found");
          button.disabled = false;
        },
        function () {
          status.textContent = box.getAttribute("data-failed");
          button.disabled = false;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  function categoryQuestions() {
    var select = document.querySelector("[data-category-select]");
    var groups = document.querySelectorAll(".hotline-attributes[data-category]");
    if (!select || !groups.length) {
      return;
    }
    function show() {
      groups.forEach(function (group) {
        group.hidden = group.getAttribute("data-category") !== select.value;
      });
    }
    select.addEventListener("change", show);
    show();
  }

  function kioskCategoryQuestions() {
    var radios = document.querySelectorAll("input[type='radio'][name='category']");
    var groups = document.querySelectorAll(".hotline-attributes[data-category]");
    if (!radios.length || !groups.length) {
      return;
    }
    function show() {
      var chosen = document.querySelector("input[type='radio'][name='category']:checked");
      groups.forEach(function (group) {
        group.hidden = !chosen || group.getAttribute("data-category") !== chosen.value;
      });
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", show);
    });
    show();
  }

  function start() {
    geolocation();
    categoryQuestions();
    kioskCategoryQuestions();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
