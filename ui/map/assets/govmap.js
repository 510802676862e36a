/* GovDesk map page: draws the layers Python sends and reports back through QWebChannel.
 *
 * Every piece of user text goes into the page through textContent, never innerHTML, so a
 * name or title holding markup shows as text and runs nothing. Data arrive as a script file
 * (GovMap.receive), never as one object per marker: grids are one GeoJSON layer on a canvas,
 * incidents parallel arrays turned into circle markers inside one cluster group.
 */
var GovMap = (function () {
  "use strict";
  var PALETTE = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
  var EMPTY = "#eef1f4";
  var DEADLINE = ["#607d8b", "#2e7d32", "#f9a825", "#d32f2f"]; // none, green, yellow, red
  var RISK = ["#607d8b", "#f9a825", "#ef6c00", "#c62828"]; // normal, yellow, orange, red
  var PLACE_STYLE = {
    city: { color: "#263238", weight: 3.5 },
    county: { color: "#263238", weight: 3 },
    township: { color: "#37474f", weight: 2 },
    village: { color: "#607d8b", weight: 1, dashArray: "4 3" },
  };
  var LABEL_ZOOMS = { county: [0, 11], township: [10, 14], village: [13, 16] };
  var GRID_LABEL_ZOOM = 16;
  var MICRO_ZOOM = 15;

  var map, bridge = null, data = null, seq = 0;
  var gridLayer = null, microLayer = null, placeLayer = null, labelLayer = null;
  var gridLabelLayer = null, clusterLayer = null, heatLayer = null, highlightLayer = null;
  var pickedLayer = null, selectedId = null, gridsById = {};
  var state = { metric: "open", incidents: "clusters", colourBy: "deadline", picking: false };
  var renderers = {};

  function report(kind, text) {
    if (bridge) bridge.report(kind, String(text));
    else window.__govReports.push([kind, String(text)]);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function pane(name, zIndex, interactive) {
    var p = map.createPane(name);
    p.style.zIndex = zIndex;
    if (!interactive) p.style.pointerEvents = "none";
    renderers[name] = L.canvas({ pane: name, padding: 0.1 });
    return p;
  }

  function afterPaint(callback) {
    requestAnimationFrame(function () { requestAnimationFrame(callback); });
  }

  // ------------------------------------------------------------------ grid colouring
  function metricValue(props) {
    if (state.metric === "per1000") {
      return props.population > 0 ? (props.open * 1000) / props.population : null;
    }
    return props[state.metric];
  }

  function fillFor(value) {
    if (value === null || value === undefined || value <= 0) return EMPTY;
    var breaks = (data.metrics[state.metric] || {}).breaks || [];
    for (var i = 0; i < breaks.length; i++) {
      if (value <= breaks[i]) return PALETTE[Math.min(i, PALETTE.length - 1)];
    }
    return PALETTE[PALETTE.length - 1];
  }

  function gridStyle(feature) {
    var selected = feature.properties.id === selectedId;
    return {
      renderer: renderers.grids,
      color: selected ? "#0d47a1" : "#78909c",
      weight: selected ? 3 : 0.6,
      fillColor: fillFor(metricValue(feature.properties)),
      fillOpacity: 0.7,
    };
  }

  function gridTooltip(props) {
    var box = el("div", "gov-tip");
    box.appendChild(el("div", "gov-tip-title", props.name));
    var t = data.texts;
    var v = metricValue(props);
    box.appendChild(el("div", null, t.open + " " + props.open + " · " + t.overdue + " " +
      props.overdue + " · " + t.today + " " + props.today));
    if (state.metric === "per1000") {
      box.appendChild(el("div", null, t.per1000 + " " + (v === null ? "-" : v.toFixed(1))));
    }
    return box;
  }

  // ------------------------------------------------------------------ legend
  var legend = L.control({ position: "bottomright" });
  legend.onAdd = function () {
    this._div = el("div", "gov-legend");
    L.DomEvent.disableClickPropagation(this._div);
    return this._div;
  };

  function fmt(x) {
    return Math.abs(x - Math.round(x)) < 1e-9 ? String(Math.round(x)) : x.toFixed(1);
  }

  function drawLegend() {
    var div = legend._div;
    if (!div || !data) return;
    div.textContent = "";
    var metric = data.metrics[state.metric];
    div.appendChild(el("div", "gov-legend-title", metric.title));
    function row(colour, text) {
      var r = el("div", "gov-legend-row");
      var swatch = el("span", "gov-swatch");
      swatch.style.background = colour;
      r.appendChild(swatch);
      r.appendChild(el("span", null, text));
      div.appendChild(r);
    }
    row(EMPTY, data.texts.none);
    var lower = 0;
    metric.breaks.forEach(function (b, i) {
      row(PALETTE[Math.min(i, PALETTE.length - 1)], (i === 0 ? "> 0" : "> " + fmt(lower)) +
        " – " + fmt(b));
      lower = b;
    });
    var colours = state.colourBy === "risk" ? RISK : DEADLINE;
    var names = state.colourBy === "risk" ? data.texts.risks : data.texts.deadlines;
    if (state.incidents === "clusters") {
      div.appendChild(el("div", "gov-legend-title", data.texts.incidents));
      names.forEach(function (name, i) { row(colours[i], name); });
    }
  }

  // ------------------------------------------------------------------ places and labels
  function drawPlaces() {
    if (placeLayer) map.removeLayer(placeLayer);
    placeLayer = L.geoJSON(data.places, {
      interactive: false,
      style: function (f) {
        var s = PLACE_STYLE[f.properties.level] || PLACE_STYLE.village;
        return { renderer: renderers.places, color: s.color, weight: s.weight,
          dashArray: s.dashArray || null, fill: false, interactive: false };
      },
    }).addTo(map);
    dropGeometry(data.places);
  }

  function label(latlng, text, className) {
    var icon = L.divIcon({ className: "gov-label " + className, html: el("span", null, text),
      iconSize: null });
    return L.marker(latlng, { icon: icon, interactive: false, keyboard: false,
      pane: "labels" });
  }

  function drawLabels() {
    if (labelLayer) map.removeLayer(labelLayer);
    labelLayer = L.layerGroup();
    var z = map.getZoom();
    data.places.features.forEach(function (f) {
      var range = LABEL_ZOOMS[f.properties.level];
      var at = f.properties.label;
      if (!range || !at || z < range[0] || z > range[1]) return;
      labelLayer.addLayer(label(at, f.properties.name, "gov-label-" + f.properties.level));
    });
    labelLayer.addTo(map);
    drawGridLabels();
  }

  function drawGridLabels() {
    if (gridLabelLayer) map.removeLayer(gridLabelLayer);
    gridLabelLayer = null;
    if (map.getZoom() < GRID_LABEL_ZOOM) return;
    var bounds = map.getBounds();
    gridLabelLayer = L.layerGroup();
    data.grids.features.forEach(function (f) {
      var at = f.properties.label;
      if (at && bounds.contains(at)) {
        gridLabelLayer.addLayer(label(at, f.properties.name, "gov-label-grid"));
      }
    });
    gridLabelLayer.addTo(map);
  }

  // ------------------------------------------------------------------ grids
  function drawGrids() {
    if (gridLayer) map.removeLayer(gridLayer);
    gridsById = {};
    gridLayer = L.geoJSON(data.grids, {
      style: gridStyle,
      onEachFeature: function (f, layer) { gridsById[f.properties.id] = layer; },
    });
    // One tooltip and one click handler for the group, not 7,000 of each: a grid's events
    // reach its group with the grid as e.layer (and the tooltip's source).
    gridLayer.bindTooltip(function (layer) { return gridTooltip(layer.feature.properties); },
      { sticky: true, direction: "top", opacity: 0.95 });
    gridLayer.on("click", function (e) {
      if (state.picking) return; // the map's click handler takes the point
      L.DomEvent.stopPropagation(e);
      var id = e.layer.feature.properties.id;
      selectGrid(id);
      if (bridge) bridge.gridClicked(id);
    });
    gridLayer.addTo(map);
    dropGeometry(data.grids);
    if (microLayer) map.removeLayer(microLayer);
    microLayer = null;
    showMicro();
  }

  function dropGeometry(collection) {
    // The layers hold their own coordinates: a second copy of the city's polygons would only
    // take the renderer's memory.
    collection.features.forEach(function (f) { f.geometry = null; });
  }

  function showMicro() {
    var want = map.getZoom() >= MICRO_ZOOM;
    if (!data || (!want && !microLayer)) return;
    if (!microLayer) {
      // Built the first time the user zooms in to them: most sessions never do, and 12,000
      // polygons cost a third of the first drawing and a tenth of the renderer's memory.
      microLayer = L.geoJSON(data.micro, {
        interactive: false,
        style: function () {
          return { renderer: renderers.micro, color: "#90a4ae", weight: 0.8,
            dashArray: "2 3", fill: false };
        },
      });
      data.micro = null;
    }
    if (want && !map.hasLayer(microLayer)) microLayer.addTo(map);
    if (!want && map.hasLayer(microLayer)) map.removeLayer(microLayer);
  }

  function restyleGrids() {
    // Only the grids whose colour changed: each restyled path costs the canvas a redraw.
    if (!gridLayer) return;
    gridLayer.eachLayer(function (layer) {
      var style = gridStyle(layer.feature), o = layer.options;
      if (style.fillColor !== o.fillColor || style.color !== o.color || style.weight !== o.weight) {
        layer.setStyle(style);
      }
    });
  }

  function selectGrid(id) {
    var previous = selectedId;
    selectedId = id;
    [previous, id].forEach(function (g) {
      var layer = gridsById[g];
      if (layer) layer.setStyle(gridStyle(layer.feature));
    });
    var layer = gridsById[id];
    if (layer) layer.bringToFront();
  }

  // ------------------------------------------------------------------ incidents
  function incidentColour(i) {
    var inc = data.incidents;
    return state.colourBy === "risk" ? RISK[inc.risk[i]] : DEADLINE[inc.colour[i]];
  }

  // Below POINT_ZOOM the cluster group holds one marker a grid, weighted by the grid's
  // incidents (7,000 markers, not 137,000: clustering every point took seconds at city scale);
  // from POINT_ZOOM on it holds the single points around the view, reloaded as the view moves.
  // Every grid has its marker, hidden while it has no incidents, so a filter change only
  // recounts them (refreshBubbles): the clusters, made of places that do not move, stay.
  var POINT_ZOOM = 14;
  var buckets = [], bucketsByGrid = {}, pointArea = null;
  var gridBubbles = null, looseMarkers = [], onChunksDone = null; // while bubbles are shown

  function worse(a, b) { return a > b ? a : b; }

  function prepareBuckets() {
    var inc = data.incidents, byGrid = {}, labels = {};
    buckets = [];
    bucketsByGrid = byGrid;
    data.grids.features.forEach(function (f) { labels[f.properties.id] = f.properties.label; });
    for (var i = 0; i < inc.ids.length; i++) {
      var g = inc.grid[i], at = labels[g];
      var b = at ? byGrid[g] : null;
      if (!b) {
        b = { grid: at ? g : 0, lat: at ? at[0] : inc.lats[i], lng: at ? at[1] : inc.lngs[i],
          count: 0, deadline: 0, risk: 0, first: i };
        if (at) byGrid[g] = b;
        buckets.push(b);
      }
      b.count += 1;
      b.deadline = worse(b.deadline, inc.colour[i]);
      b.risk = worse(b.risk, inc.risk[i]);
    }
  }

  // A bubble's element is made only when it is shown: of 7,000 grid markers the clusters show
  // a few dozen, and making every element up front took a third of a redraw.
  var BubbleIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var o = this.options, div = el("div", "gov-cluster", o.count);
      div.style.background = o.colour;
      div.style.width = div.style.height = div.style.lineHeight = o.iconSize[0] + "px";
      o.html = div;
      var icon = L.DivIcon.prototype.createIcon.call(this, old);
      icon.style.display = o.count > 0 ? "" : "none"; // a grid (or cluster) with none
      return icon;
    },
  });

  function bubble(count, level) {
    var colours = state.colourBy === "risk" ? RISK : DEADLINE;
    var size = count < 10 ? 26 : count < 100 ? 30 : count < 1000 ? 36 : 44;
    return new BubbleIcon({ className: "gov-cluster-icon", iconSize: [size, size], count: count,
      colour: colours[level] });
  }

  function clusterIcon(cluster) {
    var markers = cluster.getAllChildMarkers(), count = 0, level = 0;
    for (var i = 0; i < markers.length; i++) {
      var o = markers[i].options;
      count += o.count;
      level = worse(level, state.colourBy === "risk" ? o.risk : o.deadline);
    }
    return bubble(count, level);
  }

  function clusterGroup(points) {
    var group = L.markerClusterGroup({
      chunkedLoading: true,
      chunkInterval: 200,
      chunkDelay: 1, // the default 50 ms between chunks added a second at city scale
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      // Grid bubbles give way to points at POINT_ZOOM: clustering them for the zooms beyond
      // took a third of their clustering time.
      disableClusteringAtZoom: points ? 18 : POINT_ZOOM,
      iconCreateFunction: clusterIcon,
      // Adding the empty group to the map reports (0, 0) first: not the end.
      chunkProgress: function (processed, total) {
        if (total > 0 && processed >= total && group === clusterLayer && onChunksDone) {
          var f = onChunksDone;
          onChunksDone = null;
          f();
        }
      },
    });
    return group;
  }

  function bubbleMarker(b) {
    var level = state.colourBy === "risk" ? b.risk : b.deadline;
    return L.marker([b.lat, b.lng], { icon: bubble(b.count, level), count: b.count,
      deadline: b.deadline, risk: b.risk, keyboard: false, bucket: b });
  }

  function noBucket(f) {
    var at = f.properties.label;
    return { grid: f.properties.id, lat: at[0], lng: at[1], count: 0, deadline: 0, risk: 0 };
  }

  function looseBuckets() {
    return buckets.filter(function (b) { return !b.grid; }); // incidents in no grid shown
  }

  function gridMarkers() {
    gridBubbles = {};
    var markers = [];
    data.grids.features.forEach(function (f) {
      if (!f.properties.label) return;
      var m = bubbleMarker(bucketsByGrid[f.properties.id] || noBucket(f));
      gridBubbles[f.properties.id] = m;
      markers.push(m);
    });
    looseMarkers = looseBuckets().map(bubbleMarker);
    return markers.concat(looseMarkers);
  }

  function refreshBubbles(done) {
    // New counts on the same grid markers; clusters remake their icons as they are shown.
    Object.keys(gridBubbles).forEach(function (id) {
      var m = gridBubbles[id], o = m.options;
      var b = bucketsByGrid[id] || noBucket(gridsById[id].feature);
      var level = state.colourBy === "risk" ? b.risk : b.deadline;
      o.count = b.count;
      o.deadline = b.deadline;
      o.risk = b.risk;
      o.bucket = b;
      if (m._icon) m.setIcon(bubble(b.count, level));
      else o.icon = bubble(b.count, level);
    });
    clusterLayer.removeLayers(looseMarkers);
    looseMarkers = looseBuckets().map(bubbleMarker);
    clusterLayer.refreshClusters();
    if (!looseMarkers.length) { done(); return; }
    onChunksDone = done;
    clusterLayer.addLayers(looseMarkers);
  }

  function bucketClicked(b) {
    var layer = gridsById[b.grid];
    if (b.count === 1 && !layer) return incidentClicked(b.first);
    if (layer) map.flyToBounds(layer.getBounds(), { maxZoom: 16, duration: 0.6 });
    else map.flyTo([b.lat, b.lng], POINT_ZOOM);
  }

  function onMarkerClick(e) {
    // One handler on the group for every marker in it (a grid's bubble or a point).
    L.DomEvent.stopPropagation(e);
    var o = e.layer.options;
    if (o.bucket) bucketClicked(o.bucket);
    else incidentClicked(o.index);
  }

  function pointMarkers() {
    var inc = data.incidents, area = map.getBounds().pad(0.5), markers = [];
    for (var j = 0; j < inc.ids.length; j++) {
      if (!area.contains([inc.lats[j], inc.lngs[j]])) continue;
      markers.push(L.circleMarker([inc.lats[j], inc.lngs[j]], {
        renderer: renderers.incidents, radius: 6, weight: 1.5, color: "#ffffff",
        fillColor: incidentColour(j), fillOpacity: 0.95, index: j, count: 1,
        deadline: inc.colour[j], risk: inc.risk[j],
      }));
    }
    pointArea = area;
    return markers;
  }

  function drawIncidents(done, recount) {
    if (recount && gridBubbles && clusterLayer && state.incidents === "clusters") {
      refreshBubbles(done);
      return;
    }
    if (clusterLayer) map.removeLayer(clusterLayer);
    if (heatLayer) map.removeLayer(heatLayer);
    clusterLayer = heatLayer = null;
    gridBubbles = null;
    pointArea = null;
    var inc = data.incidents;
    if (state.incidents === "heat") {
      var points = new Array(inc.ids.length);
      for (var i = 0; i < inc.ids.length; i++) points[i] = [inc.lats[i], inc.lngs[i], 1];
      heatLayer = L.heatLayer(points, { radius: 18, blur: 15, maxZoom: 14, minOpacity: 0.3 });
      heatLayer.addTo(map);
      done();
      return;
    }
    if (state.incidents !== "clusters") { done(); return; }
    var points = map.getZoom() >= POINT_ZOOM;
    var markers = points ? pointMarkers() : gridMarkers();
    clusterLayer = clusterGroup(points);
    clusterLayer.on("click", onMarkerClick);
    clusterLayer.addTo(map);
    if (markers.length === 0) { done(); return; }
    onChunksDone = done;
    clusterLayer.addLayers(markers);
  }

  function followView() {
    // Switch between grid bubbles and points at POINT_ZOOM; reload points out of their area.
    if (!data || state.incidents !== "clusters") return;
    var pointsWanted = map.getZoom() >= POINT_ZOOM;
    var pointsShown = pointArea !== null;
    if (pointsWanted !== pointsShown || (pointsWanted && !pointArea.contains(map.getBounds()))) {
      drawIncidents(function () {});
    }
  }

  function incidentClicked(i) {
    if (bridge) bridge.incidentClicked(data.incidents.ids[i], data.incidents.lats[i],
      data.incidents.lngs[i]);
  }

  // ------------------------------------------------------------------ public API
  function init(leafletMap) {
    map = leafletMap;
    pane("places", 450, false);
    pane("labels", 460, false);
    renderers.grids = L.canvas({ padding: 0.1 });
    renderers.micro = L.canvas({ pane: "places", padding: 0.1 });
    renderers.incidents = L.canvas({ pane: "markerPane", padding: 0.1 });
    legend.addTo(map);
    L.control.scale({ imperial: false }).addTo(map); // metres and kilometres only
    map.on("zoomend", function () { if (data) { drawLabels(); showMicro(); } });
    map.on("moveend", function () { if (data) { drawGridLabels(); followView(); } });
    map.on("click", function (e) {
      if (!state.picking) return;
      showPicked(e.latlng.lat, e.latlng.lng);
      if (bridge) bridge.pointPicked(e.latlng.lat, e.latlng.lng);
    });
    if (typeof QWebChannel === "undefined" || !window.qt) return; // an exported page: no app
    new QWebChannel(qt.webChannelTransport, function (channel) {
      bridge = channel.objects.bridge;
      window.__govReports.forEach(function (r) { bridge.report(r[0], r[1]); });
      window.__govReports = [];
      bridge.ready();
    });
  }

  function load(url, n) {
    var script = document.createElement("script");
    script.src = url;
    script.async = false; // in the order asked: a small update never overtakes its shapes
    script.onerror = function () { report("error", "could not load map data " + n); };
    script.onload = function () { script.remove(); };
    document.head.appendChild(script);
  }

  function features(layer) {
    // The layer's two parallel arrays as a GeoJSON FeatureCollection.
    return { type: "FeatureCollection", features: layer.properties.map(function (p, i) {
      return { type: "Feature", properties: p, geometry: layer.geometries[i] };
    }) };
  }

  function decodeIncidents(inc) {
    // Coordinates come as integers of 1e-5 degree (about a metre): half the text of floats.
    inc.lats = inc.lats.map(function (v) { return v / 1e5; });
    inc.lngs = inc.lngs.map(function (v) { return v / 1e5; });
    return inc;
  }

  function receive(n, payload) {
    seq = n;
    payload.places = features(payload.places);
    payload.grids = features(payload.grids);
    payload.micro = features(payload.micro);
    decodeIncidents(payload.incidents);
    var first = data === null;
    data = payload;
    selectedId = null;
    drawPlaces();
    drawGrids();
    if (first || payload.fit) fitAll();
    drawLabels();
    drawLegend();
    prepareBuckets();
    redrawIncidents(n);
  }

  function update(n, payload) {
    // A filter changed: new counts and incidents over the shapes already drawn.
    seq = n;
    var c = payload.counts, at = {};
    for (var i = 0; i < c.ids.length; i++) at[c.ids[i]] = i;
    data.grids.features.forEach(function (f) {
      var p = f.properties, j = at[p.id];
      p.open = j === undefined ? 0 : c.open[j];
      p.overdue = j === undefined ? 0 : c.overdue[j];
      p.today = j === undefined ? 0 : c.today[j];
    });
    data.metrics = payload.metrics;
    data.incidents = decodeIncidents(payload.incidents);
    restyleGrids();
    drawLegend();
    prepareBuckets();
    redrawIncidents(n, true);
  }

  function redrawIncidents(n, recount) {
    var reported = false; // markercluster may announce the last chunk twice
    drawIncidents(function () {
      if (reported) return;
      reported = true;
      afterPaint(function () { if (bridge) bridge.drawn(n); });
    }, recount);
  }

  function fitAll() {
    var layer = placeLayer && placeLayer.getLayers().length ? placeLayer : gridLayer;
    if (layer && layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [12, 12] });
  }

  function setMetric(metric) {
    state.metric = metric;
    restyleGrids();
    drawLegend();
  }

  function setIncidents(mode, colourBy) {
    state.incidents = mode;
    state.colourBy = colourBy;
    drawLegend();
    if (data) redrawIncidents(seq);
  }

  function flyTo(south, west, north, east) {
    map.flyToBounds([[south, west], [north, east]], { padding: [30, 30], duration: 0.6 });
  }

  function showCard(id, lat, lng, card) {
    var box = el("div", "gov-card");
    box.appendChild(el("div", "gov-card-title", card.title));
    card.lines.forEach(function (line) {
      var row = el("div", "gov-card-row");
      row.appendChild(el("span", "gov-card-key", line[0]));
      row.appendChild(el("span", null, line[1]));
      box.appendChild(row);
    });
    var button = el("button", "gov-card-button", card.button);
    button.addEventListener("click", function () { if (bridge) bridge.caseRequested(id); });
    box.appendChild(button);
    L.popup({ maxWidth: 320, autoPan: true }).setLatLng([lat, lng]).setContent(box).openOn(map);
  }

  function highlight(lats, lngs) {
    if (highlightLayer) map.removeLayer(highlightLayer);
    highlightLayer = L.featureGroup();
    for (var i = 0; i < lats.length; i++) {
      L.circleMarker([lats[i], lngs[i]], { renderer: renderers.incidents, radius: 11,
        color: "#0d47a1", weight: 3, fill: false, interactive: false }).addTo(highlightLayer);
    }
    highlightLayer.addTo(map);
    // Zoom 14 keeps the neighbouring grids in view: there are no base tiles to read closer.
    if (lats.length === 1) map.setView([lats[0], lngs[0]], Math.max(map.getZoom(), 14));
    else if (lats.length > 1) map.fitBounds(highlightLayer.getBounds(), { padding: [40, 40] });
  }

  function setPicking(on) {
    state.picking = !!on;
    map.getContainer().style.cursor = on ? "crosshair" : "";
  }

  function showPicked(lat, lng) {
    if (pickedLayer) map.removeLayer(pickedLayer);
    pickedLayer = L.circleMarker([lat, lng], { radius: 9, color: "#0d47a1", weight: 3,
      fillColor: "#42a5f5", fillOpacity: 0.9, interactive: false, pane: "labels" }).addTo(map);
  }

  // ------------------------------------------------------------------ import preview
  var previewLayer = null;
  var PREVIEW = { create: "#2e7d32", change: "#ef6c00", keep: "#607d8b" };

  function preview(n, collection) {
    // The features of a boundary file before import, coloured by what the import would do.
    if (previewLayer) map.removeLayer(previewLayer);
    previewLayer = null;
    if (collection && collection.features.length) {
      previewLayer = L.geoJSON(collection, {
        style: function (f) {
          var c = PREVIEW[f.properties.action] || "#0d47a1";
          return { renderer: renderers.grids, color: c, weight: 2, fillColor: c,
            fillOpacity: 0.25 };
        },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(function () {
            return el("div", "gov-tip-title", f.properties.code + " " + f.properties.name);
          }, { sticky: true, direction: "top", opacity: 0.95 });
        },
      }).addTo(map);
      map.fitBounds(previewLayer.getBounds(), { padding: [12, 12], animate: false });
    }
    afterPaint(function () { if (bridge) bridge.drawn(n); });
  }

  function previewCount() {
    return previewLayer ? previewLayer.getLayers().length : 0;
  }

  // ------------------------------------------------------------------ base map
  var baseLayer = null, tilesLoaded = 0;

  function setBaseMap(url, options) {
    // Tiles under everything else; without a base map the boundaries are the map.
    if (baseLayer) map.removeLayer(baseLayer);
    baseLayer = null;
    if (!url) return;
    var o = { maxZoom: map.getMaxZoom(), minZoom: map.getMinZoom() };
    Object.keys(options || {}).forEach(function (k) { o[k] = options[k]; });
    baseLayer = L.tileLayer(url, o);
    baseLayer.on("tileload", function () { tilesLoaded += 1; });
    baseLayer.addTo(map);
  }

  function restoreView(v) {
    if (v) map.setView([v.lat, v.lng], v.zoom, { animate: false });
  }

  function view() {
    var c = map.getCenter();
    return { lat: c.lat, lng: c.lng, zoom: map.getZoom() };
  }

  // Tests and the picker drive clicks through the same handlers a mouse would.
  function clickGrid(id) {
    var layer = gridsById[id];
    if (layer) layer.fire("click", { latlng: layer.getBounds().getCenter() }, true);
  }

  function hoverGrid(id) {
    var layer = gridsById[id];
    if (layer) layer.fire("mouseover", { latlng: layer.getBounds().getCenter() }, true);
  }

  function clickAt(lat, lng) {
    map.fire("click", { latlng: L.latLng(lat, lng) });
  }

  function clickIncident(id) {
    var i = data.incidents.ids.indexOf(id);
    if (i < 0) return;
    incidentClicked(i);
  }

  function stats() {
    var top = clusterLayer && clusterLayer._topClusterLevel;
    var open = 0;
    if (data) data.grids.features.forEach(function (f) { open += f.properties.open; });
    return { incidents: data ? data.incidents.ids.length : 0, gridOpen: open,
      clustered: clusterLayer ? clusterLayer.getLayers().length : 0,
      topCount: top ? top.getChildCount() : 0, zoom: map.getZoom(), buckets: buckets.length,
      highlighted: highlightLayer ? highlightLayer.getLayers().length : 0,
      micro: microLayer && map.hasLayer(microLayer) ? microLayer.getLayers().length : 0,
      tiles: tilesLoaded };
  }

  return { stats: stats, init: init, load: load, receive: receive, update: update,
    setMetric: setMetric, setIncidents: setIncidents, flyTo: flyTo, selectGrid: selectGrid,
    showCard: showCard, highlight: highlight, setPicking: setPicking, showPicked: showPicked,
    fitAll: fitAll, clickGrid: clickGrid, hoverGrid: hoverGrid, clickAt: clickAt,
    clickIncident: clickIncident, report: report,
    setBaseMap: setBaseMap, view: view, restoreView: restoreView, preview: preview,
    previewCount: previewCount };
})();
