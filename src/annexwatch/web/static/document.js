/* annexwatch document page: the "Highlight" checkboxes switch each record kind's marks off
 * and on, and the mark a link points at (#event-12, #claim-3, ...) is outlined. */
(function () {
  "use strict";
  var text = document.getElementById("doc-text");
  var toggles = document.getElementById("kind-toggles");
  if (!text) return;
  if (toggles) {
    toggles.addEventListener("change", function (ev) {
      var box = ev.target;
      if (box && box.type === "checkbox") text.classList.toggle("hide-" + box.value, !box.checked);
    });
  }
  function outlineTarget() {
    var old = text.querySelectorAll("mark.targeted");
    Array.prototype.forEach.call(old, function (m) { m.classList.remove("targeted"); });
    var id = decodeURIComponent(location.hash.slice(1));
    var anchor = id && document.getElementById(id);
    if (!anchor || !text.contains(anchor)) return;
    // anchors sit just before the first piece of their span; several may share a place
    var next = anchor.nextElementSibling;
    while (next && next.classList.contains("anchor")) next = next.nextElementSibling;
    if (next && next.tagName === "MARK") next.classList.add("targeted");
  }
  window.addEventListener("hashchange", outlineTarget);
  outlineTarget();
})();
