/* The door tablet (templates/cohorts/admin/checkin.html), better with JavaScript.

   - A tap saves in the background (fetch) and updates the row and the count in place, so
     the list does not jump. Without JavaScript the same form posts and the page
     reloads at the same row.
   - A mark is never lost silently: while it is being saved the row says so; when the network
     or the server fails it is tried again by itself (after 1, 3 and 8 seconds, and when the
     tablet comes back online); if it still cannot be saved the row says "Not saved" with a
     Retry button, and leaving the page asks first. One mark per person is in flight at a
     time; a newer tap on the same person replaces a mark not yet sent.
   - Typing in the search filters the list at once (the Show button asks the server); on a
     long list that filters this page of it (the page links name the first and last person). */
(function () {
    "use strict";
    var table = document.querySelector("[data-checkin-table]");
    if (!table || !window.fetch || !window.DOMParser || !window.FormData) { return; }
    var text = table.dataset;
    var DELAYS = [1000, 3000, 8000];
    var marks = {};  // enrolment id -> {data, label, sending, attempt, timer, failed}

    function rowFor(id) {
        return table.querySelector('tr[data-enrolment="' + id + '"]');
    }

    function say(id, message, state) {
        var row = rowFor(id);
        var line = row && row.querySelector("[data-checkin-saving]");
        if (!line) { return; }
        line.hidden = !message;
        line.dataset.state = state || "";
        line.textContent = message || "";
        if (state === "failed") {
            var retry = document.createElement("button");
            retry.type = "button";
            retry.className = "button button-small";
            retry.textContent = text.retry;
            retry.setAttribute("data-checkin-retry", id);
            line.appendChild(document.createTextNode(" "));
            line.appendChild(retry);
        }
        row.setAttribute("aria-busy", state === "saving" ? "true" : "false");
    }

    function unsaved() {
        return Object.keys(marks).length > 0;
    }

    function applyPage(id, html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector('tr[data-enrolment="' + id + '"]');
        if (!fresh) { return false; }
        var row = rowFor(id);
        if (row) { row.replaceWith(fresh); }
        var count = page.querySelector(".checkin-count");
        var here = document.querySelector(".checkin-count");
        if (count && here) { here.innerHTML = count.innerHTML; }
        var messages = page.querySelector(".messages");
        var shown = document.querySelector(".messages");
        if (messages && shown) { shown.innerHTML = messages.innerHTML; }
        filter();
        return true;
    }

    function fail(id, mark, retryable) {
        mark.sending = false;
        if (retryable && mark.attempt < DELAYS.length) {
            say(id, text.retrying.replace("%s", mark.label), "saving");
            mark.timer = window.setTimeout(function () { send(id); }, DELAYS[mark.attempt]);
            mark.attempt += 1;
            return;
        }
        mark.failed = true;
        say(id, text.failed.replace("%s", mark.label), "failed");
    }

    function send(id) {
        var mark = marks[id];
        if (!mark || mark.sending) { return; }
        window.clearTimeout(mark.timer);
        mark.sending = true;
        mark.failed = false;
        var data = mark.data;
        say(id, text.saving.replace("%s", mark.label), "saving");
        fetch(mark.action, {
            method: "POST",
            body: data,
            credentials: "same-origin",
            headers: { "X-Requested-With": "fetch" },
        })
            .then(function (response) {
                if (!response.ok) {
                    fail(id, mark, response.status >= 500 || response.status === 429);
                    return null;
                }
                return response.text();
            })
            .then(function (html) {
                if (html === null) { return; }
                if (!applyPage(id, html)) {  // e.g. the log-in page: not saved
                    fail(id, mark, false);
                    return;
                }
                mark.sending = false;
                if (mark.data !== data) {  // tapped again meanwhile: send the newer mark
                    mark.attempt = 0;
                    send(id);
                } else {
                    delete marks[id];
                }
            })
            .catch(function () { fail(id, mark, true); });
    }

    // The list is one form (a button per participant and status: mark=<enrolment>:<status>);
    // one row's "other change" fields are a second form. Either way the same fields are sent:
    // session, enrolment, status (and minutes, reason), q, side and the CSRF token.
    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form.matches || !form.matches("[data-checkin-form]")) { return; }
        var button = event.submitter;
        var row = (button && button.closest("tr[data-enrolment]"))
            || (form.dataset.enrolment && rowFor(form.dataset.enrolment));
        if (!row) { return; }
        event.preventDefault();
        var id = row.dataset.enrolment;
        var data = new FormData(form);
        var label;
        if (button && button.name === "mark") {
            data.set("enrolment", id);
            data.set("status", button.value.split(":")[1]);
            label = button.textContent.trim();
        } else {
            var status = form.elements.namedItem("status");
            label = status && status.tagName === "SELECT"
                ? status.options[status.selectedIndex].text
                : (button ? button.textContent.trim() : "");
            button = row.querySelector('.door__buttons button[value="' + id + ":" + (status ? status.value : "") + '"]');
        }
        row.querySelectorAll(".door__buttons button").forEach(function (other) {
            var chosen = other === button;
            other.setAttribute("aria-pressed", chosen ? "true" : "false");
            other.classList.toggle("button-secondary", !chosen);
        });
        var mark = marks[id] || (marks[id] = { attempt: 0 });
        mark.data = data;
        mark.action = form.action;
        mark.label = label;
        mark.attempt = 0;
        send(id);
    });

    table.addEventListener("click", function (event) {
        var retry = event.target.closest("[data-checkin-retry]");
        if (!retry) { return; }
        var mark = marks[retry.getAttribute("data-checkin-retry")];
        if (mark) { mark.attempt = 0; send(retry.getAttribute("data-checkin-retry")); }
    });

    window.addEventListener("online", function () {
        Object.keys(marks).forEach(function (id) {
            if (marks[id].failed) { marks[id].attempt = 0; send(id); }
        });
    });

    window.addEventListener("beforeunload", function (event) {
        if (unsaved()) { event.preventDefault(); event.returnValue = ""; }
    });

    // Filter as you type; the Show button still asks the server (and works without this).
    var search = document.querySelector("[data-checkin-search]");
    var none = document.querySelector("[data-checkin-none]");
    function filter() {
        if (!search) { return; }
        var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
        var shown = 0;
        table.querySelectorAll("tr[data-enrolment]").forEach(function (row) {
            var name = row.dataset.name || "";
            var match = words.every(function (word) { return name.indexOf(word) !== -1; });
            row.hidden = !match;
            if (match) { shown += 1; }
        });
        if (none) { none.hidden = shown > 0; }
    }
    if (search) { search.addEventListener("input", filter); }
})();
