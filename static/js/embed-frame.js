// The embeddable list of gatherings (/samlinger/innebygd/) tells the page that frames it how
// tall it is, so static/js/samlinger-embed.js can size the frame to fit. The message holds the
// height only, so it may go to any origin.
(function () {
    "use strict";
    if (window.parent === window) {
        return;
    }
    var last = 0;
    function report() {
        var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
        if (height !== last) {
            last = height;
            window.parent.postMessage({ medvirk: "samlinger-height", height: height }, "*");
        }
    }
    window.addEventListener("load", report);
    if ("ResizeObserver" in window) {
        new ResizeObserver(report).observe(document.body);
    }
})();
