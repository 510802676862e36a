/* Runs first: anything that tries to show a dialog or fails in the page is reported to Python
 * (through GovMap once the channel is up), so tests can prove that user text ran nothing. */
window.__govReports = [];
(function () {
  "use strict";
  function send(kind, text) {
    if (window.GovMap) window.GovMap.report(kind, text);
    else window.__govReports.push([kind, String(text)]);
  }
  window.alert = function (m) { send("alert", m); };
  window.confirm = function (m) { send("alert", m); return false; };
  window.prompt = function (m) { send("alert", m); return null; };
  window.addEventListener("error", function (e) {
    if (e instanceof ErrorEvent) send("error", e.message + " @ " + e.filename + ":" + e.lineno);
    // A base map's missing tile is not a fault: tile sets cover only their own area.
    else if (e.target && e.target.classList && e.target.classList.contains("leaflet-tile")) return;
    else if (e.target && e.target.tagName) send("resource", e.target.tagName + " " + (e.target.src || e.target.href || ""));
  }, true);
  window.addEventListener("unhandledrejection", function (e) { send("error", String(e.reason)); });
})();
