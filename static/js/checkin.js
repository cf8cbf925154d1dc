/* Check-in at the door, better with JavaScript: a tap saves in the background and updates the
   row and the count in place, so the list does not jump on a tablet. Without JavaScript the
   same forms post and the page reloads. */
(function () {
    "use strict";
    var table = document.querySelector("[data-checkin-table]");
    if (!table || !window.fetch || !window.DOMParser) { return; }

    table.addEventListener("submit", function (event) {
        var form = event.target;
        var row = form.closest("tr[data-enrolment]");
        if (!row) { return; }
        event.preventDefault();
        row.setAttribute("aria-busy", "true");
        fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
            .then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.text();
            })
            .then(function (html) {
                var page = new DOMParser().parseFromString(html, "text/html");
                var fresh = page.querySelector('tr[data-enrolment="' + row.dataset.enrolment + '"]');
                var count = page.querySelector(".checkin-count");
                var messages = page.querySelector(".messages");
                if (fresh) { row.replaceWith(fresh); }
                if (count) { document.querySelector(".checkin-count").replaceWith(count); }
                if (messages && messages.textContent.trim()) { document.querySelector(".messages").replaceWith(messages); }
            })
            .catch(function () { form.submit(); })  /* fall back to the plain form */
            .finally(function () { row.removeAttribute("aria-busy"); });
    });
})();
