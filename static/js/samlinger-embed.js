// Medvirk's upcoming gatherings on another site. Paste where the list should appear:
//   <script src="https://MEDVIRK/static/js/samlinger-embed.js" data-level="new" async></script>
// data-level (new, advanced, communicator), data-kind (programme, network) and data-lang
// (nb, en) are optional. The script puts an iframe of /samlinger/innebygd/ after itself and
// sets its height from the frame's messages (static/js/embed-frame.js); it needs no inline
// script or style, so it works under a strict Content Security Policy that allows this
// script's address in script-src and frame-src.
(function () {
    "use strict";
    var script = document.currentScript;
    if (!script) {
        return;
    }
    var origin = new URL(script.src).origin;
    var query = new URLSearchParams();
    ["level", "kind", "lang"].forEach(function (name) {
        if (script.dataset[name]) {
            query.set(name, script.dataset[name]);
        }
    });
    var frame = document.createElement("iframe");
    frame.src = origin + "/samlinger/innebygd/" + (query.toString() ? "?" + query.toString() : "");
    frame.title = script.dataset.title || (script.dataset.lang === "en"
        ? "Medvirk: upcoming gatherings"
        : "Medvirk: kommende samlinger");
    frame.loading = "lazy";
    frame.style.width = "100%";
    frame.style.height = "24rem";
    frame.style.border = "0";
    script.parentNode.insertBefore(frame, script.nextSibling);
    window.addEventListener("message", function (event) {
        var data = event.data;
        if (event.origin !== origin || event.source !== frame.contentWindow) {
            return;
        }
        if (data && data.medvirk === "samlinger-height" && typeof data.height === "number") {
            frame.style.height = Math.min(Math.max(data.height, 80), 20000) + "px";
        }
    });
})();
