// The graph view page (api/templates/graph_view.html, data from api/graph_html.py): draws the
// network of the #view-data JSON with vis-network, filters and searches it, shows a node's details
// on click and, when served, expands a node (double-click or the details' button) with its
// neighbours fetched from /view/neighbours. Text from documents is only ever put on screen as
// canvas text or DOM text nodes, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("view-data").textContent);
  // as graph.search.tokens: folded (no diacritics, đ -> d, lower case), letters and digits apart,
  // type names abbreviated ("nghi dinh" -> "nd"), filler words ("số") dropped, so that
  // "nghi dinh 118" finds "Nghị định số 118/2025/NĐ-CP"
  var typeWords = data.typeWords.map(function (w) { return [new RegExp("\\b" + w[0] + "\\b", "g"), w[1]]; });
  var stop = {};
  data.stop.forEach(function (w) { stop[w] = true; });
  function tokens(s) {
    var f = (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
    f = f.replace(/([a-z])(?=[0-9])|([0-9])(?=[a-z])/g, "$1$2 ");   // letters and digits apart: "qh13" -> "qh 13"
    typeWords.forEach(function (w) { f = f.replace(w[0], w[1]); });
    return (f.match(/[a-z0-9]+/g) || []).filter(function (t) { return !stop[t]; }).join(" ");
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;   // text, never markup
    return e;
  }
  function kindName(k) { return (data.kinds[k] || {}).name || k; }
  // the rows of a node's tooltip and details: kind, full text, fields, quote
  function describe(n, box) {
    box.appendChild(el("div", "tip-kind", kindName(n.kind)));
    box.appendChild(el("div", "tip-title", n.full));
    data.captions.forEach(function (c) {
      var k = c[0];
      if (n.info[k] === undefined) return;
      var row = el("div", "tip-row");
      row.appendChild(el("span", null, c[1] + ": "));
      row.appendChild(document.createTextNode(n.info[k]));
      box.appendChild(row);
    });
    if (n.info.quote && n.info.quote !== n.full) box.appendChild(el("blockquote", "tip-quote", n.info.quote));
    return box;
  }
  // vis-network renders a string title as HTML: give it an element built from text nodes instead
  function nodeTip(n) {
    var box = describe(n, el("div", "tip"));
    if (n.href) box.appendChild(el("div", "tip-link", n.href));
    return box;
  }
  function prepareNode(n) { n.title = nodeTip(n); n.baseFont = n.font || {}; return n; }
  // an edge's tooltip: its relation in Vietnamese (with the deadline of an agency's task)
  // and its colour when selected or hovered too (vis' default is grey)
  function prepareEdge(e) {
    e.title = el("div", "tip", e.label || e.rel);
    if (e.color) e.color.highlight = e.color.hover = e.color.color;
    return e;
  }
  // one edge per pair of nodes: expanding a task does not redraw, as "căn cứ", the document's
  // "được nhiệm vụ thực hiện" edge to it
  function edgeKey(e) { return e.from < e.to ? e.from + " " + e.to : e.to + " " + e.from; }
  data.nodes.forEach(prepareNode);
  data.edges.forEach(prepareEdge);

  var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
  var neighbours = {}, byId = {};
  function link(e) {
    (neighbours[e.from] = neighbours[e.from] || []).push(e.to);
    (neighbours[e.to] = neighbours[e.to] || []).push(e.from);
  }
  var edgeKeys = {};
  data.edges.forEach(function (e) { link(e); edgeKeys[edgeKey(e)] = true; });
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var state = { kinds: {}, area: "", province: "" };
  document.querySelectorAll(".kind-filter").forEach(function (c) { state.kinds[c.value] = c.checked; });
  var shown = null;
  // Area and province filters keep the nodes that have the chosen value, plus the nodes that have
  // no value at all and are connected to those through such nodes: a task's plan, the plan's
  // province, the documents and agencies stay as context; anything with another value goes.
  function computeShown() {
    shown = {};
    var keys = [["area", state.area], ["province", state.province]].filter(function (f) { return f[1]; });
    var other = function (n) { return keys.some(function (f) { return n.info[f[0]] !== undefined && n.info[f[0]] !== f[1]; }); };
    var queue = [];
    nodes.forEach(function (n) {
      if (state.kinds[n.kind] !== false && keys.every(function (f) { return n.info[f[0]] === f[1]; })) {
        shown[n.id] = true;
        queue.push(n.id);
      }
    });
    if (!keys.length) return;
    while (queue.length) {
      (neighbours[queue.pop()] || []).forEach(function (m) {
        var o = byId[m];
        if (shown[m] || !o || state.kinds[o.kind] === false || other(o)) return;
        shown[m] = true;
        queue.push(m);
      });
    }
  }
  computeShown();
  var view = new vis.DataView(nodes, { filter: function (n) { return !!shown[n.id]; } });
  var network = new vis.Network(document.getElementById("network"), {}, data.options);
  var api = window.reformkgView = { network: network, nodes: nodes, edges: edges, view: view, readyAt: null,
    expanded: [], visibleCount: function () { return network.body.nodeIndices.length; },
    // on-screen size in px of a node's label (0: not drawn; vis fades it in over the last px)
    labelPx: function (id) {
      var n = network.body.nodes[id];
      var px = n.labelModule.fontOptions.size * network.getScale();
      return px < data.minLabelPx - 1 ? 0 : px;
    } };

  // Labels stay readable at any zoom: vis skips those under minLabelPx on screen (drawThreshold);
  // major nodes (the roots, areas, plans, ... or all of a small graph) get a larger font when
  // zoomed out, so that theirs stay at least minLabelPx.
  // Edge labels (when shown, as on a small graph) likewise.
  var scaledTo = null, edgeLabels = document.getElementById("edge-labels");
  function scaleLabels() {
    var scale = network.getScale(), size = Math.max(data.fontPx, Math.ceil(data.minLabelPx / scale));
    if (size === scaledTo) return;
    scaledTo = size;
    nodes.update(nodes.get({ filter: function (n) { return n.major; } }).map(function (n) {
      return { id: n.id, font: Object.assign({}, n.baseFont, { size: size }) };
    }));
    showEdgeLabels();
  }
  // per edge: the global edges.font of setOptions did not reach edges with a value (the overview's)
  var edgeFont = null;
  function showEdgeLabels() {
    var size = edgeLabels.checked ? Math.max(data.edgeFontPx, Math.ceil(data.minLabelPx / network.getScale())) : 0;
    if (size === edgeFont) return;
    edgeFont = size;
    edges.update(edges.getIds().map(function (id) { return { id: id, font: { size: size } }; }));
  }
  // after every frame, not on "zoom": fit(), focus() and moveTo() change the scale without one
  network.on("afterDrawing", scaleLabels);

  function ready() {
    api.readyAt = performance.now();
    document.documentElement.setAttribute("data-view", "ready");
  }
  // "drawn and stable": after the first draw when positions come from the server, else once
  // the physics has stabilised (then physics is switched off so the graph holds still)
  if (!data.nodes.length) {
    document.getElementById("network").appendChild(el("p", "empty", "Không có dữ liệu để hiển thị."));
  }
  if (data.options.physics.enabled && data.nodes.length) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      scaleLabels();
      network.once("afterDrawing", ready);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", ready);
  }
  network.setData({ nodes: view, edges: edges });
  if (!data.options.physics.enabled) {
    network.fit();
    // the plan view is tall: rather than all of it too small to read, its top left corner (the
    // plan, its first area, target, task, ...) at the smallest zoom where every label is drawn
    var readable = data.minLabelPx / data.fontPx * 1.02;
    if (data.layout === "hierarchy" && network.getScale() < readable) {
      var box = document.getElementById("network").getBoundingClientRect(), xs = [], ys = [];
      nodes.forEach(function (n) { xs.push(n.x); ys.push(n.y); });
      var left = Math.min.apply(null, xs), top = Math.min.apply(null, ys), margin = 170 / readable;
      network.moveTo({ scale: readable, animation: false,
        position: { x: left - margin + box.width / 2 / readable, y: top - margin + box.height / 2 / readable } });
    }
    scaleLabels();
  }

  // ---------------------------------------------------------------- edge labels and relation legend
  edgeLabels.addEventListener("change", showEdgeLabels);
  showEdgeLabels();
  function relationLegend() {
    // one row per way of drawing: relations that read the same ("nhiệm vụ" of an area and of a target) in one
    var counts = {}, styles = {}, list = document.getElementById("relations");
    edges.forEach(function (e) {
      var style = data.relations[e.rel] || { name: e.rel, color: "#a7b0ba", dashes: false };
      var key = [style.name, style.color, style.dashes].join(" ");
      styles[key] = style;
      counts[key] = (counts[key] || 0) + 1;
    });
    list.textContent = "";
    Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; }).forEach(function (key) {
      var style = styles[key], li = el("li");
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("width", "28"); svg.setAttribute("height", "10"); svg.setAttribute("aria-hidden", "true");
      var line = document.createElementNS("http://www.w3.org/2000/svg", "line");
      [["x1", 1], ["y1", 5], ["x2", 27], ["y2", 5], ["stroke", style.color], ["stroke-width", 2.5]]
        .forEach(function (a) { line.setAttribute(a[0], a[1]); });
      if (style.dashes) line.setAttribute("stroke-dasharray", "5 3");
      svg.appendChild(line);
      li.appendChild(svg);
      li.appendChild(el("span", "name", style.name));
      li.appendChild(el("span", "count", String(counts[key])));
      list.appendChild(li);
    });
  }
  relationLegend();

  // ---------------------------------------------------------------- details of the clicked node
  var details = document.getElementById("details"), status = document.getElementById("expand-status");
  function showDetails(id) {
    var n = nodes.get(id);
    details.textContent = "";
    if (!n) { details.hidden = true; return; }
    describe(n, details);
    var actions = el("div", "actions");
    if (n.href) {
      var a = el("a", "open", "Mở trang");
      a.href = n.href;
      a.target = "_blank";
      a.rel = "noopener";
      actions.appendChild(a);
    }
    if (data.expand) {
      var b = el("button", "expand", api.expanded.indexOf(id) >= 0 ? "Đã mở rộng" : "Mở rộng");
      b.type = "button";
      b.disabled = api.expanded.indexOf(id) >= 0;
      b.addEventListener("click", function () { expand(id); });
      actions.appendChild(b);
    }
    details.appendChild(actions);
    details.hidden = false;
  }
  network.on("click", function (p) {
    if (p.nodes.length === 1) showDetails(p.nodes[0]);
    else details.hidden = true;
  });

  // ---------------------------------------------------------------- expanding a node
  function legendCounts() {
    var counts = {};
    nodes.forEach(function (n) { counts[n.kind] = (counts[n.kind] || 0) + 1; });
    Object.keys(counts).forEach(function (k) {
      var li = document.querySelector('#legend li[data-kind="' + k + '"]');
      if (!li) {   // a kind the page had no node of: a row like the others (its shape from #kind-shapes)
        li = el("li");
        li.setAttribute("data-kind", k);
        var label = el("label"), box = el("input", "kind-filter");
        box.type = "checkbox"; box.value = k; box.checked = true;
        box.addEventListener("change", function () { state.kinds[k] = box.checked; refilter(); });
        label.appendChild(box);
        var shape = document.getElementById("kind-shapes").content.querySelector('[data-kind="' + k + '"] svg');
        if (shape) label.appendChild(shape.cloneNode(true));
        label.appendChild(el("span", "name", kindName(k))); label.appendChild(el("span", "count"));
        li.appendChild(label);
        document.getElementById("legend").appendChild(li);
        state.kinds[k] = true;
      }
      li.querySelector(".count").textContent = String(counts[k]);
    });
    document.getElementById("node-count").textContent = String(nodes.length);
    document.getElementById("edge-count").textContent = String(edges.length);
  }
  function expand(id) {
    if (!data.expand || api.expanded.indexOf(id) >= 0) return;
    api.expanded.push(id);
    status.textContent = "Đang tải các nút kề…";
    fetch(data.expand + "?node=" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (got) {
        var fresh = got.nodes.filter(function (n) { return !nodes.get(n.id); });
        // the new nodes held still on an arc round the expanded one, on its side away from the
        // middle of the drawing (a full ring when many), 70 units apart
        var all = network.getPositions(), centre = all[id] || { x: 0, y: 0 }, mx = 0, my = 0, count = 0;
        Object.keys(all).forEach(function (k) { mx += all[k].x; my += all[k].y; count += 1; });
        var away = Math.atan2(centre.y - my / count, centre.x - mx / count) || 0;
        var radius = Math.max(220, fresh.length * 70 / (2 * Math.PI));
        var span = Math.min(2 * Math.PI, fresh.length * 70 / radius), step = span / Math.max(1, fresh.length);
        fresh.forEach(function (n, i) {
          var a = away + (i - (fresh.length - 1) / 2) * step;
          n.x = centre.x + radius * Math.cos(a);
          n.y = centre.y + radius * Math.sin(a);
          n.physics = false;
          prepareNode(n);
          byId[n.id] = n;
          shown[n.id] = true;
        });
        var newEdges = got.edges.filter(function (e) { return !edgeKeys[edgeKey(e)]; });
        newEdges.forEach(function (e) { prepareEdge(e); link(e); edgeKeys[edgeKey(e)] = true; });
        nodes.add(fresh);
        edges.add(newEdges);
        scaledTo = edgeFont = null;
        scaleLabels();
        legendCounts();
        relationLegend();
        status.textContent = "Đã thêm " + fresh.length + " nút, " + newEdges.length + " cạnh" +
          (got.more ? " (còn " + got.more + " nút kề không hiển thị)" : "") + ".";
        if (!details.hidden) showDetails(id);
        document.documentElement.setAttribute("data-expanded", String(api.expanded.length));
      })
      .catch(function (e) {
        api.expanded.splice(api.expanded.indexOf(id), 1);
        status.textContent = "Không tải được các nút kề: " + e.message;
      });
  }
  api.expand = expand;
  network.on("doubleClick", function (p) { if (p.nodes.length === 1) expand(p.nodes[0]); });

  // ---------------------------------------------------------------- filters and search
  function refilter() { computeShown(); view.refresh(); runSearch(); }
  document.querySelectorAll(".kind-filter").forEach(function (c) {
    c.addEventListener("change", function () { state.kinds[c.value] = c.checked; refilter(); });
  });
  document.getElementById("area-filter").addEventListener("change", function () { state.area = this.value; refilter(); });
  document.getElementById("province-filter").addEventListener("change", function () { state.province = this.value; refilter(); });

  var search = document.getElementById("search"), count = document.getElementById("search-count");
  var matches = [];
  function runSearch() {
    var q = tokens(search.value);
    matches = q ? view.getIds({ filter: function (n) { return n.search.indexOf(q) >= 0; } }) : [];
    network.selectNodes(matches);
    count.textContent = q ? matches.length + " kết quả" : "";
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && matches.length) network.focus(matches[0], { scale: 1.2, animation: false });
  });
})();
