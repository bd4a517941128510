/* annexwatch timeline: a small, dependency-free chart over the server-rendered event list.
 *
 * The list (#timeline-list) is the source of truth and works without this script; the
 * script draws each dated event on an SVG axis, one lane per event type, and keeps the
 * list in step with the view: unchecking a type hides its rows and marks, zooming hides
 * rows outside the visible period. Zoom with the buttons, the wheel, + / - keys, or
 * shift-drag to select a period; pan by dragging or with the arrow keys.
 */
(function () {
  "use strict";

  var chart = document.getElementById("timeline-chart");
  var list = document.getElementById("timeline-list");
  var svg = document.getElementById("timeline-svg");
  var form = document.getElementById("timeline-filters");
  var status = document.getElementById("timeline-status");
  if (!chart || !list || !svg) return;

  var SVG_NS = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var MIN_SPAN = 20 * DAY;
  var LANE = 22;
  var TOP = 8;
  var AXIS = 26;
  var LABEL_W = 150;

  function parseDay(text) {
    if (!text) return null;
    var parts = text.split("-");
    return Date.UTC(+parts[0], +parts[1] - 1, +parts[2]);
  }

  var events = Array.prototype.map.call(list.querySelectorAll("li[data-id]"), function (li) {
    var start = parseDay(li.dataset.start);
    var end = parseDay(li.dataset.end);
    var link = li.querySelector("a.event-link");
    var sentence = li.querySelector(".sentence");
    return {
      li: li,
      id: li.dataset.id,
      type: li.dataset.type,
      group: (li.className.match(/\bg-[a-z]+/) || ["g-other"])[0],
      start: start,
      end: end === null ? null : end + DAY - 1,
      label: li.dataset.label,
      actors: li.dataset.actors,
      href: link ? link.getAttribute("href") : null,
      text: sentence ? sentence.textContent : ""
    };
  });
  var dated = events.filter(function (e) { return e.start !== null; });

  var boxes = form ? Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="type"]')) : [];
  var hiddenTypes = {};
  boxes.forEach(function (box) { if (!box.checked) hiddenTypes[box.value] = true; });

  var full = null;
  if (dated.length) {
    var lo = Math.min.apply(null, dated.map(function (e) { return e.start; }));
    var hi = Math.max.apply(null, dated.map(function (e) { return e.end; }));
    var pad = Math.max((hi - lo) * 0.03, 180 * DAY);
    full = { start: lo - pad, end: hi + pad };
  }
  var view = full ? { start: full.start, end: full.end } : null;

  function shown(e) { return !hiddenTypes[e.type]; }
  function inView(e) { return e.start === null || !view || (e.end >= view.start && e.start <= view.end); }
  function zoomed() { return view && full && (view.start > full.start + DAY || view.end < full.end - DAY); }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function fmt(ms, unit) {
    var d = new Date(ms);
    var y = d.getUTCFullYear();
    var m = ("0" + (d.getUTCMonth() + 1)).slice(-2);
    if (unit === "year") return String(y);
    if (unit === "month") return y + "-" + m;
    return y + "-" + m + "-" + ("0" + d.getUTCDate()).slice(-2);
  }

  function ticks(start, end, width) {
    var years = (end - start) / (365.25 * DAY);
    var room = Math.max(2, Math.floor(width / 70));
    var steps = [1, 2, 5, 10, 20, 50];
    var out = [];
    if (years / room > 0.9) {
      var step = steps.find(function (s) { return years / s <= room; }) || 100;
      var y = new Date(start).getUTCFullYear();
      y = Math.ceil(y / step) * step;
      for (var t = Date.UTC(y, 0, 1); t <= end; t = Date.UTC(new Date(t).getUTCFullYear() + step, 0, 1)) {
        if (t >= start) out.push({ t: t, text: fmt(t, "year") });
      }
      return out;
    }
    var months = years * 12;
    var mstep = [1, 2, 3, 6].find(function (s) { return months / s <= room; });
    if (mstep) {
      var d = new Date(start);
      var mm = Math.ceil(d.getUTCMonth() / mstep) * mstep;
      for (var u = Date.UTC(d.getUTCFullYear(), mm, 1); u <= end; ) {
        if (u >= start) out.push({ t: u, text: fmt(u, "month") });
        var du = new Date(u);
        u = Date.UTC(du.getUTCFullYear(), du.getUTCMonth() + mstep, 1);
      }
      return out;
    }
    var dstep = Math.max(1, Math.ceil((end - start) / DAY / room));
    for (var v = Math.ceil(start / DAY) * DAY; v <= end; v += dstep * DAY) out.push({ t: v, text: fmt(v, "day") });
    return out;
  }

  function render() {
    var visible = 0;
    events.forEach(function (e) {
      var on = shown(e) && inView(e);
      e.li.hidden = !on;
      if (on) visible += 1;
    });
    if (status) {
      var text = visible + " of " + events.length + " events shown";
      if (view && zoomed()) text += ", " + fmt(view.start, "month") + " to " + fmt(view.end, "month");
      var off = Object.keys(hiddenTypes).length;
      if (off) text += "; " + off + " type" + (off > 1 ? "s" : "") + " hidden";
      status.textContent = text + ".";
    }
    draw();
  }

  function draw() {
    while (svg.lastChild && svg.lastChild.nodeName !== "title") svg.removeChild(svg.lastChild);
    if (!view) return;
    var width = Math.max(svg.getBoundingClientRect().width || chart.clientWidth || 600, 280);
    var labelW = width < 560 ? 96 : LABEL_W;
    var types = [];
    dated.forEach(function (e) { if (shown(e) && types.indexOf(e.type) < 0) types.push(e.type); });
    types.sort();
    var height = TOP + Math.max(types.length, 1) * LANE + AXIS;
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("height", height);
    var x0 = labelW;
    var x1 = width - 10;
    var scale = function (t) { return x0 + ((t - view.start) / (view.end - view.start)) * (x1 - x0); };
    svg._scale = { x0: x0, x1: x1 };

    el("rect", { "class": "tl-bg", x: 0, y: 0, width: width, height: height }, svg);
    types.forEach(function (type, i) {
      if (i % 2 === 0) el("rect", { "class": "tl-lane", x: x0, y: TOP + i * LANE, width: x1 - x0, height: LANE }, svg);
      var label = el("text", { "class": "tl-lane-label", x: x0 - 6, y: TOP + i * LANE + LANE / 2 + 4, "text-anchor": "end" }, svg);
      label.textContent = labelW < LABEL_W && type.length > 14 ? type.slice(0, 13) + "…" : type;
    });
    var axisY = TOP + Math.max(types.length, 1) * LANE;
    ticks(view.start, view.end, x1 - x0).forEach(function (tick) {
      var x = scale(tick.t);
      el("line", { "class": "tl-grid", x1: x, x2: x, y1: TOP, y2: axisY + 4 }, svg);
      var t = el("text", { "class": "tl-tick", x: x, y: axisY + 17, "text-anchor": "middle" }, svg);
      t.textContent = tick.text;
    });
    var clip = el("clipPath", { id: "tl-clip" }, svg);
    el("rect", { x: x0, y: 0, width: x1 - x0, height: height }, clip);
    var marks = el("g", { "clip-path": "url(#tl-clip)" }, svg);
    dated.forEach(function (e) {
      if (!shown(e) || !inView(e)) return;
      var lane = types.indexOf(e.type);
      var cy = TOP + lane * LANE + LANE / 2;
      var a = el("a", { href: e.href, "class": "tl-mark " + e.group, "data-id": e.id }, marks);
      a.setAttribute("aria-label", e.label + " " + e.type + " " + e.actors);
      var title = el("title", {}, a);
      title.textContent = e.label + " · " + e.type + " · " + e.actors + "\n" + e.text;
      var xs = scale(e.start);
      var xe = scale(e.end);
      if (xe - xs > 8) {
        el("rect", { x: xs, y: cy - 5, width: xe - xs, height: 10, rx: 3 }, a);
      } else {
        el("circle", { cx: (xs + xe) / 2, cy: cy, r: 5.5 }, a);
      }
    });
  }

  function clamp(next) {
    var span = Math.max(next.end - next.start, MIN_SPAN);
    var fullSpan = full.end - full.start;
    if (span >= fullSpan) return { start: full.start, end: full.end };
    var start = Math.min(Math.max(next.start, full.start), full.end - span);
    return { start: start, end: start + span };
  }

  function zoom(factor, centre) {
    if (!view) return;
    var c = centre === undefined ? (view.start + view.end) / 2 : centre;
    view = clamp({ start: c - (c - view.start) * factor, end: c + (view.end - c) * factor });
    render();
  }

  function pan(fraction) {
    if (!view) return;
    var shift = (view.end - view.start) * fraction;
    view = clamp({ start: view.start + shift, end: view.end + shift });
    render();
  }

  function timeAt(clientX) {
    var box = svg.getBoundingClientRect();
    var vb = svg.viewBox.baseVal;
    var x = ((clientX - box.left) / box.width) * vb.width;
    var s = svg._scale;
    return view.start + ((x - s.x0) / (s.x1 - s.x0)) * (view.end - view.start);
  }

  chart.hidden = !full;
  if (!full) return;

  chart.addEventListener("click", function (ev) {
    var button = ev.target.closest("button[data-zoom]");
    if (!button) return;
    var action = button.dataset.zoom;
    if (action === "in") zoom(0.5);
    else if (action === "out") zoom(2);
    else if (action === "left") pan(-0.25);
    else if (action === "right") pan(0.25);
    else { view = { start: full.start, end: full.end }; render(); }
  });

  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    zoom(ev.deltaY < 0 ? 0.8 : 1.25, timeAt(ev.clientX));
  }, { passive: false });

  svg.addEventListener("keydown", function (ev) {
    var keys = { "+": function () { zoom(0.5); }, "=": function () { zoom(0.5); }, "-": function () { zoom(2); },
      ArrowLeft: function () { pan(-0.2); }, ArrowRight: function () { pan(0.2); },
      "0": function () { view = { start: full.start, end: full.end }; render(); } };
    if (keys[ev.key] && !(ev.target.closest && ev.target.closest("a"))) { ev.preventDefault(); keys[ev.key](); }
  });

  // drag pans; shift-drag draws a brush and zooms to the period it covers
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0 || ev.target.closest("a")) return;
    drag = { x: ev.clientX, t: timeAt(ev.clientX), view: { start: view.start, end: view.end }, brush: ev.shiftKey, moved: false };
    svg.setPointerCapture(ev.pointerId);
    svg.classList.add("dragging");
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    if (Math.abs(ev.clientX - drag.x) > 3) drag.moved = true;
    if (drag.brush) {
      var old = svg.querySelector(".tl-brush");
      if (old) old.remove();
      var box = svg.getBoundingClientRect();
      var k = svg.viewBox.baseVal.width / box.width;
      var a = (Math.min(drag.x, ev.clientX) - box.left) * k;
      var b = (Math.max(drag.x, ev.clientX) - box.left) * k;
      el("rect", { "class": "tl-brush", x: a, y: 0, width: b - a, height: svg.viewBox.baseVal.height }, svg);
      return;
    }
    var span = drag.view.end - drag.view.start;
    var s = svg._scale;
    var box2 = svg.getBoundingClientRect();
    var dx = ((ev.clientX - drag.x) / box2.width) * svg.viewBox.baseVal.width;
    var shift = (-dx / (s.x1 - s.x0)) * span;
    view = clamp({ start: drag.view.start + shift, end: drag.view.end + shift });
    render();
  });
  function endDrag(ev) {
    if (!drag) return;
    svg.classList.remove("dragging");
    if (drag.brush && drag.moved) {
      var t1 = timeAt(ev.clientX);
      view = clamp({ start: Math.min(drag.t, t1), end: Math.max(drag.t, t1) });
      render();
    } else if (drag.brush) {
      draw();
    }
    drag = null;
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      // a type this page did not load (the server filtered it out): ask the server
      if (box.checked && box.dataset.loaded === "0") { form.submit(); return; }
      if (box.checked) delete hiddenTypes[box.value]; else hiddenTypes[box.value] = true;
      render();
    });
  });

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(draw, 100);
  });

  render();
})();
