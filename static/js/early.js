// Loaded blocking in <head> (no inline script: CSP): marks the page as having JavaScript
// before the first paint, so the phone menu is drawn folded from the start instead of open
// and then folded by site.js (a layout shift Lighthouse counted on every page).
document.documentElement.classList.add("js");
