// "Use my location" on the browse page: asks the browser (and only the browser) where
// it is, then submits the same search with lat and lng instead of a postcode. Without
// JavaScript, or without permission, the postcode field works as before.
(function () {
  "use strict";
  var form = document.querySelector("form.filters[data-locate-label]");
  if (!form || !("geolocation" in navigator)) return;
  var near = form.querySelector("[name=near]");
  var lat = form.querySelector("[name=lat]");
  var lng = form.querySelector("[name=lng]");
  if (!near || !lat || !lng) return;

  var button = document.createElement("button");
  button.type = "button";
  button.className = "button-secondary locate";
  button.textContent = form.dataset.locateLabel;
  var status = document.createElement("p");
  status.className = "hint";
  status.setAttribute("role", "status");
  var field = near.closest(".field") || near.parentNode;
  field.appendChild(button);
  field.appendChild(status);

  button.addEventListener("click", function () {
    status.textContent = form.dataset.locating;
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        near.value = "";
        lat.value = position.coords.latitude.toFixed(6);
        lng.value = position.coords.longitude.toFixed(6);
        form.submit();
      },
      function () {
        status.textContent = form.dataset.locateFailed;
        button.disabled = false;
        near.focus();
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
    );
  });

  // Typing a postcode replaces a location shared earlier.
  near.addEventListener("input", function () {
    lat.value = "";
    lng.value = "";
  });
})();
