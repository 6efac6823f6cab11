/* readout-diff: light up the claims aligned with the one under the pointer or the keyboard focus.
   Reads the data-group attribute the page was written with; adds classes, nothing else. */
(function () {
  "use strict";
  var groups = {};
  var claims = document.querySelectorAll(".claim[data-group]");
  var hovered = null;
  var focused = null;

  function peers(el) {
    return groups[el.getAttribute("data-group")] || [];
  }

  function update() {
    document.querySelectorAll(".claim.lit").forEach(function (el) {
      el.classList.remove("lit", "pointed");
    });
    [hovered, focused].forEach(function (el) {
      if (el === null) {
        return;
      }
      peers(el).forEach(function (peer) {
        peer.classList.add("lit");
      });
      el.classList.add("pointed");
    });
  }

  function next(el) {
    var all = peers(el);
    return all[(all.indexOf(el) + 1) % all.length];
  }

  claims.forEach(function (el) {
    var group = el.getAttribute("data-group");
    (groups[group] = groups[group] || []).push(el);
    el.addEventListener("mouseenter", function () { hovered = el; update(); });
    el.addEventListener("mouseleave", function () { hovered = null; update(); });
    el.addEventListener("focus", function () { focused = el; update(); });
    el.addEventListener("blur", function () { focused = null; update(); });
    el.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target === el) {
        event.preventDefault();
        next(el).focus();
      }
    });
  });
  document.documentElement.classList.add("js");
})();
