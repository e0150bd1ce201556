/* KPI dashboard: filters → tiles, SVG charts and campaign table, from the embedded JSON.
   No library, no network. User text is only ever set with textContent (never innerHTML). */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("dashboard-data").textContent);
  var FR = D.lang === "fr";
  var NNBSP = "\u202f", NBSP = "\u00a0", DASH = "\u2014";
  var SYM = {EUR: "\u20ac", USD: "$", GBP: "\u00a3", CHF: "CHF", CAD: "$ CA"};
  var SVGNS = "http://www.w3.org/2000/svg";
  var COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

  /* Same rules as toolkit.fmt (Python): rounding half away from zero of the number as written
     (2.675 → 2.68, as Python's Decimal(repr(x))), fr/en separators. */
  function roundHalfUp(x, dec) {
    var s = String(Math.abs(x));
    var r = s.indexOf("e") < 0 ? Number(Math.floor(Number(s + "e" + dec) + 0.5) + "e-" + dec)
                               : Math.floor(Math.abs(x) * Math.pow(10, dec) + 0.5) / Math.pow(10, dec);
    return x < 0 ? -r : r;
  }
  function fmtNumber(x, dec) {
    if (x === null || x === undefined || isNaN(x)) return DASH;
    if (!isFinite(x)) return x > 0 ? "\u221e" : "\u2212\u221e";
    var r = Math.abs(roundHalfUp(x, dec));
    var parts = r.toFixed(dec).split(".");
    var ip = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, FR ? NNBSP : ",");
    var body = ip + (dec > 0 ? (FR ? "," : ".") + parts[1] : "");
    return (x < 0 && r !== 0 ? "-" : "") + body;
  }
  function fmtCurrency(x, dec) {
    if (x === null || x === undefined || isNaN(x)) return DASH;
    var sym = SYM[D.currency] || D.currency;
    var num = fmtNumber(x, dec === undefined ? 2 : dec);
    if (FR) return num + NBSP + sym;
    var sign = "";
    if (num.charAt(0) === "-") { sign = "-"; num = num.slice(1); }
    if (sym.length > 1 && sym.charAt(0) !== "$") return sign + sym + NBSP + num;
    return sign + sym + num;
  }
  function fmtPercent(x, dec) {
    if (x === null || x === undefined || isNaN(x)) return DASH;
    var num = fmtNumber(x * 100, dec === undefined ? 1 : dec);
    return FR ? num + NBSP + "%" : num + "%";
  }
  function fmtValue(kind, x, dec) {
    if (kind === "currency") return fmtCurrency(x, dec);
    if (kind === "percent") return fmtPercent(x, dec);
    if (kind === "integer") return fmtNumber(x, 0);
    return fmtNumber(x, dec === undefined ? 2 : dec);
  }
  function fmtDate(iso) {
    if (!FR) return iso;
    var p = iso.split("-");
    return p[2] + "/" + p[1] + "/" + p[0];
  }
  function ratio(num, den, mult) {
    if (num === null || den === null || den === 0 || isNaN(num) || isNaN(den)) return NaN;
    return num / den * (mult || 1);
  }

  var el = function (id) { return document.getElementById(id); };
  var fP = el("f-platform"), fC = el("f-campaign"), fF = el("f-from"), fT = el("f-to");
  if (!fP) { drawMentions(); return; }
  var COLS = D.cols, R = D.rows, N = R.w.length, W = D.weeks.length;

  function fillCampaigns() {
    var p = fP.value, keep = fC.value;
    while (fC.options.length > 1) fC.remove(1);
    var idx = [];
    for (var i = 0; i < D.campaigns.length; i++) {
      if (p === "" || D.campPlat[i] === +p) idx.push(i);
    }
    idx.sort(function (a, b) { return D.campaigns[a].localeCompare(D.campaigns[b]); });
    idx.forEach(function (i) {
      var o = document.createElement("option");
      o.value = String(i);
      o.textContent = D.campaigns[i];
      fC.appendChild(o);
    });
    fC.value = idx.indexOf(+keep) >= 0 && keep !== "" ? keep : "";
  }

  function zero() { var o = {}; COLS.forEach(function (c) { o[c] = null; }); return o; }
  function add(acc, i) {
    for (var k = 0; k < COLS.length; k++) {
      var c = COLS[k], v = R[c][i];
      if (v !== null) acc[c] = (acc[c] === null ? 0 : acc[c]) + v;
    }
  }

  function aggregate() {
    var p = fP.value === "" ? -1 : +fP.value, c = fC.value === "" ? -1 : +fC.value;
    var w0 = +fF.value, w1 = +fT.value;
    if (w1 < w0) { var t = w0; w0 = w1; w1 = t; }
    var total = zero(), byWeek = [], byPlat = [], byCamp = {};
    for (var w = 0; w < W; w++) byWeek.push(zero());
    for (var j = 0; j < D.platforms.length; j++) byPlat.push(zero());
    for (var i = 0; i < N; i++) {
      var wi = R.w[i], ci = R.c[i], pi = D.campPlat[ci];
      if (wi < w0 || wi > w1) continue;
      if (p >= 0 && pi !== p) continue;
      if (c >= 0 && ci !== c) continue;
      add(total, i); add(byWeek[wi], i); add(byPlat[pi], i);
      if (!byCamp[ci]) byCamp[ci] = zero();
      add(byCamp[ci], i);
    }
    return {total: total, byWeek: byWeek, byPlat: byPlat, byCamp: byCamp, w0: w0, w1: w1, p: p, c: c};
  }

  /* A summed volume at its own decimals (cents, whole clicks): the report's rule
     (pilotage.compute.kpis.displayed_totals), so that adding floats never shifts a digit. */
  function volume(agg, c) {
    var v = agg[c];
    if (v === null || v === undefined) return null;
    var d = D.dec && D.dec[c] !== undefined ? D.dec[c] : 2;
    return roundHalfUp(v, d);
  }
  function kpiValue(t, agg) {
    if (t.den) return ratio(volume(agg, t.num), volume(agg, t.den), t.mult);
    var v = volume(agg, t.num);
    return v === null ? NaN : v;
  }

  function updateTiles(a) {
    D.tiles.forEach(function (t) {
      var node = el("kpi-" + t.id);
      if (node) node.textContent = fmtValue(t.kind, kpiValue(t, a.total), t.dec);
    });
  }

  function svg(tag, attrs, parent) {
    var n = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) n.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(n);
    return n;
  }
  function niceMax(v) {
    if (!(v > 0)) return 1;
    var e = Math.pow(10, Math.floor(Math.log(v) / Math.LN10)), m = v / e;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * e;
  }
  function chartFrame(box, title, desc) {
    while (box.firstChild) box.removeChild(box.firstChild);
    var s = svg("svg", {viewBox: "0 0 420 220", role: "img", "aria-label": title + ". " + desc, focusable: "false"}, box);
    svg("title", {}, s).textContent = title;
    svg("desc", {}, s).textContent = desc;
    return s;
  }
  function axes(s, max, kind, x0, x1, y0, y1) {
    for (var k = 0; k <= 4; k++) {
      var y = y1 - (y1 - y0) * k / 4;
      svg("line", {x1: x0, x2: x1, y1: y, y2: y, stroke: "#d9e2ec", "stroke-width": 1}, s);
      var t = svg("text", {x: x0 - 4, y: y + 4, "text-anchor": "end"}, s);
      t.textContent = fmtValue(kind, max * k / 4, kind === "percent" ? 1 : 0);
    }
  }
  function xLabels(s, labels, x0, x1, y) {
    var n = labels.length, step = Math.max(1, Math.ceil(n / 5));
    for (var i = 0; i < n; i += step) {
      var x = x0 + (x1 - x0) * (n === 1 ? 0.5 : i / (n - 1));
      var t = svg("text", {x: x, y: y, "text-anchor": "middle"}, s);
      t.textContent = fmtDate(labels[i]);
    }
  }
  function barChart(box, labels, values, kind, title, color) {
    var max = niceMax(Math.max.apply(null, values.map(function (v) { return isNaN(v) ? 0 : v; }).concat([0])));
    var sum = 0, best = -1, bestV = -Infinity;
    values.forEach(function (v, i) { if (!isNaN(v)) { sum += v; if (v > bestV) { bestV = v; best = i; } } });
    var desc = labels.length ? (FR ? "Du " : "From ") + fmtDate(labels[0]) + (FR ? " au " : " to ") + fmtDate(labels[labels.length - 1]) +
      (FR ? " : total " : ": total ") + fmtValue(kind, sum, 0) + (best >= 0 ? (FR ? ", maximum " : ", peak ") + fmtValue(kind, bestV, 0) +
      (FR ? " la semaine du " : " in the week of ") + fmtDate(labels[best]) : "") : D.labels.empty;
    var s = chartFrame(box, title, desc);
    var x0 = 62, x1 = 410, y0 = 10, y1 = 190;
    axes(s, max, kind, x0, x1, y0, y1);
    var n = Math.max(values.length, 1), bw = (x1 - x0) / n;
    values.forEach(function (v, i) {
      if (isNaN(v) || v <= 0) return;
      var h = (y1 - y0) * v / max;
      svg("rect", {x: x0 + i * bw + bw * 0.1, y: y1 - h, width: Math.max(bw * 0.8, 0.5), height: h, fill: color}, s);
    });
    xLabels(s, labels, x0 + bw / 2, x1 - bw / 2, 206);
  }
  function lineChart(box, labels, values, kind, title, color, dec, avg) {
    var clean = values.filter(function (v) { return !isNaN(v); });
    var max = niceMax(Math.max.apply(null, clean.concat([0])));
    var desc = clean.length ? (FR ? "Moyenne de la période : " : "Period average: ") + fmtValue(kind, avg, dec) : D.labels.empty;
    var s = chartFrame(box, title, desc);
    var x0 = 62, x1 = 410, y0 = 10, y1 = 190, n = values.length, pts = [];
    axes(s, max, kind, x0, x1, y0, y1);
    values.forEach(function (v, i) {
      if (isNaN(v)) return;
      var x = x0 + (x1 - x0) * (n === 1 ? 0.5 : i / (n - 1)), y = y1 - (y1 - y0) * v / max;
      pts.push(x.toFixed(1) + "," + y.toFixed(1));
    });
    if (pts.length) svg("polyline", {points: pts.join(" "), fill: "none", stroke: color, "stroke-width": 2}, s);
    xLabels(s, labels, x0, x1, 206);
  }
  function hbarChart(box, labels, values, kind, title) {
    var max = niceMax(Math.max.apply(null, values.map(function (v) { return isNaN(v) ? 0 : v; }).concat([0])));
    var parts = [];
    labels.forEach(function (l, i) { parts.push(l + " " + fmtValue(kind, values[i], 0)); });
    var s = chartFrame(box, title, parts.join(" ; "));
    var x0 = 120, x1 = 350, n = Math.max(labels.length, 1), bh = Math.min(36, 190 / n);
    labels.forEach(function (l, i) {
      var y = 10 + i * bh, v = isNaN(values[i]) ? 0 : values[i], w = (x1 - x0) * v / max;
      var t = svg("text", {x: x0 - 6, y: y + bh / 2 + 4, "text-anchor": "end"}, s);
      t.textContent = l.length > 18 ? l.slice(0, 17) + "\u2026" : l;
      svg("rect", {x: x0, y: y + bh * 0.15, width: Math.max(w, 0), height: bh * 0.7, fill: COLORS[i % COLORS.length]}, s);
      var vt = svg("text", {x: x0 + w + 4, y: y + bh / 2 + 4}, s);
      vt.textContent = fmtValue(kind, values[i], 0);
    });
  }

  function updateCharts(a) {
    var labels = D.weeks.slice(a.w0, a.w1 + 1);
    var spend = [], cpa = [];
    for (var w = a.w0; w <= a.w1; w++) {
      var b = a.byWeek[w];
      spend.push(b.spend === null ? NaN : b.spend);
      cpa.push(ratio(b.media_spend === undefined ? b.spend : b.media_spend, b.conversions));
    }
    barChart(el("chart-spend"), labels, spend, "currency", D.labels.chart_spend, COLORS[0]);
    lineChart(el("chart-conv"), labels, cpa, "currency", D.labels.chart_conv, COLORS[5], 2,
      ratio(a.total.media_spend === undefined ? a.total.spend : a.total.media_spend, a.total.conversions));
    var pl = [], pv = [];
    D.platforms.forEach(function (p, i) { if (a.byPlat[i].spend !== null) { pl.push(p); pv.push(a.byPlat[i].spend); } });
    hbarChart(el("chart-platform"), pl, pv, "currency", D.labels.chart_platform);
  }

  function updateTable(a) {
    var body = el("campaign-rows");
    while (body.firstChild) body.removeChild(body.firstChild);
    var ids = Object.keys(a.byCamp).map(Number);
    ids.sort(function (x, y) { return (a.byCamp[y].spend || 0) - (a.byCamp[x].spend || 0); });
    if (!ids.length) {
      var tr0 = document.createElement("tr"), td0 = document.createElement("td");
      td0.colSpan = D.tableCols.length + 2; td0.textContent = D.labels.empty;
      tr0.appendChild(td0); body.appendChild(tr0); return;
    }
    ids.forEach(function (ci) {
      var agg = a.byCamp[ci], tr = document.createElement("tr");
      var th = document.createElement("th"); th.scope = "row"; th.textContent = D.campaigns[ci]; tr.appendChild(th);
      var tdp = document.createElement("td"); tdp.textContent = D.platforms[D.campPlat[ci]]; tr.appendChild(tdp);
      D.tableCols.forEach(function (t) {
        var td = document.createElement("td"); td.className = "num";
        td.textContent = fmtValue(t.kind, kpiValue(t, agg), t.dec); tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function updateState(a) {
    var parts = [a.p >= 0 ? D.platforms[a.p] : D.labels.all_platforms,
      a.c >= 0 ? D.campaigns[a.c] : D.labels.all_campaigns,
      (FR ? "du " : "from ") + fmtDate(D.weeks[a.w0]) + (FR ? " à la semaine du " : " to the week of ") + fmtDate(D.weeks[a.w1])];
    el("filter-state").textContent = D.labels.showing + " " + parts.join(" · ");
  }

  function update() {
    var a = aggregate();
    updateTiles(a); updateCharts(a); updateTable(a); updateState(a);
  }

  function drawMentions() {
    var box = el("chart-mentions");
    if (!box || !D.mentions) return;
    var M = D.mentions, n = M.weeks.length, keys = ["positive", "neutral", "negative"];
    var colors = {positive: "#009E73", neutral: "#8a8a8a", negative: "#D55E00"};
    var tot = M.weeks.map(function (_, i) { return M.positive[i] + M.neutral[i] + M.negative[i]; });
    var max = niceMax(Math.max.apply(null, tot.concat([0])));
    var peak = tot.indexOf(Math.max.apply(null, tot));
    var s = chartFrame(box, D.labels.erep_chart, (FR ? "Pic de " : "Peak of ") + fmtNumber(tot[peak], 0) +
      (FR ? " mentions la semaine du " : " mentions in the week of ") + fmtDate(M.weeks[peak]));
    var x0 = 62, x1 = 410, y0 = 10, y1 = 190, bw = (x1 - x0) / Math.max(n, 1);
    axes(s, max, "integer", x0, x1, y0, y1);
    for (var i = 0; i < n; i++) {
      var base = y1;
      keys.forEach(function (k) {
        var h = (y1 - y0) * M[k][i] / max;
        if (h > 0) svg("rect", {x: x0 + i * bw + bw * 0.1, y: base - h, width: bw * 0.8, height: h, fill: colors[k]}, s);
        base -= h;
      });
    }
    xLabels(s, M.weeks, x0 + bw / 2, x1 - bw / 2, 206);
    var ul = document.createElement("ul"); ul.className = "legend";
    keys.forEach(function (k) {
      var li = document.createElement("li"), sw = document.createElement("span");
      sw.className = "sw"; sw.style.background = colors[k]; sw.setAttribute("aria-hidden", "true");
      li.appendChild(sw); li.appendChild(document.createTextNode(D.labels[k])); ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  fP.addEventListener("change", function () { fillCampaigns(); update(); });
  [fC, fF, fT].forEach(function (s) { s.addEventListener("change", update); });
  el("f-reset").addEventListener("click", function () {
    fP.value = ""; fillCampaigns(); fC.value = ""; fF.value = "0"; fT.value = String(W - 1); update();
  });
  fillCampaigns();
  update();
  drawMentions();
  window.toolkitDashboard = {update: update, aggregate: aggregate};
})();
