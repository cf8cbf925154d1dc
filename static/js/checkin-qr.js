// The QR check-in screen (a tablet at the door): the code changes every minute, so every
// 20 seconds the page is fetched again and only the code and its address are swapped in.
// Not a <meta http-equiv="refresh">: a page that reloads itself on a timer fails WCAG 2.2.1
// (axe: meta-refresh), takes the focus away and flashes. A failed fetch is tried again at the
// next turn; the old code stays until a new one arrives.
(function () {
  "use strict";
  var code = document.querySelector(".checkin-qr");
  var address = document.querySelector(".checkin-url");
  if (!code) return;
  var every = Number(code.getAttribute("data-refresh-seconds") || "20") * 1000;
  window.setInterval(function () {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var freshCode = fresh.querySelector(".checkin-qr");
        var freshAddress = fresh.querySelector(".checkin-url");
        if (freshCode) code.innerHTML = freshCode.innerHTML;
        if (freshAddress && address) address.textContent = freshAddress.textContent;
      })
      .catch(function () {});
  }, every);
})();
