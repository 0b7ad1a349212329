/* Launch Atlas map runtime: the map is created once, then updated in place (LA.update).
 *
 * Loaded after Leaflet (a static file of the app). The base map script calls LA.init(map, options)
 * once; every rerun of the page sends one LA.update(payload, group) (streamlit-folium's dynamic
 * feature group): layers are fetched once and shown or hidden, launch places are rebuilt only when
 * the filters changed, the selected launch's overlays live in `group` (streamlit-folium removes the
 * previous group), and the view (zoom, centre) is left as the reader set it.
 *
 * Every text in a payload is already escaped HTML (geo.safetext.html_text on the server); ids only
 * travel as data. Nothing here builds HTML from anything else.
 */
(function () {
  "use strict";
  var LA = (window.LA = window.LA || {});
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var INDEX = {};
  for (var i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charAt(i)] = i;
  var SCALE = 10000;

  // ------------------------------------------------------------------ decoding (geo.mapview.features)
  function decodeSequence(text) {
    var out = [], values = [], v = 0, shift = 0, x = 0, y = 0, k;
    for (k = 0; k < text.length; k++) {
      var c = INDEX[text.charAt(k)];
      v |= (c & 31) << shift;
      if (c & 32) { shift += 5; continue; }
      values.push(v & 1 ? -((v + 1) >> 1) : v >> 1);
      v = 0; shift = 0;
    }
    for (k = 0; k + 1 < values.length; k += 2) {
      x += values[k]; y += values[k + 1];
      out.push([x / SCALE, y / SCALE]);
    }
    return out;
  }
  var DEPTH = { LineString: 0, MultiLineString: 1, Polygon: 1, MultiPolygon: 2 };
  function nest(obj, depth) {
    if (depth === 0) return decodeSequence(obj);
    return obj.map(function (o) { return nest(o, depth - 1); });
  }
  LA.decodeGeometry = function (g) {
    if (g.t === "Point") return { type: "Point", coordinates: g.c };
    return { type: g.t, coordinates: nest(g.c, DEPTH[g.t]) };
  };

  // ------------------------------------------------------------------ helpers
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function parentDoc() {
    try { return window.parent && window.parent !== window ? window.parent.document : null; }
    catch (e) { return null; }
  }
  function tellPage(name, detail) {
    // The page (a Streamlit component in the main document) turns these into reruns.
    var doc = parentDoc();
    if (!doc) return;
    var Ev = doc.defaultView.CustomEvent;
    doc.dispatchEvent(new Ev(name, { detail: detail }));
  }
  var fetched = {};
  function getJSON(url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status + " for " + url);
        return r.json();
      });
      fetched[url].catch(function () { delete fetched[url]; });
    }
    return fetched[url];
  }
  function data(spec) { return spec.url ? getJSON(spec.url) : Promise.resolve(spec.data); }

  // ------------------------------------------------------------------ init (once per map)
  LA.init = function (map, options) {
    LA.map = map;
    LA.options = options || {};
    LA.layers = {};       // name -> {layer, style, spec}
    LA.userMoved = false; // the reader zoomed or panned: never move the view for them again
    LA.updates = 0;
    var box = map.getContainer();
    box.classList.add("la-map");
    // Leaflet focuses the map on a click (for its keyboard panning); a plain focus() also scrolls the
    // page around the map's frame, so a double-click on a map partly below the fold zoomed nothing
    // (the page moved under the second click). Focus without scrolling.
    box.focus = function (opts) {
      return HTMLElement.prototype.focus.call(box, Object.assign({ preventScroll: true }, opts || {}));
    };
    if (LA.options.imagePath) L.Icon.Default.imagePath = LA.options.imagePath;
    // Any zoom or move the runtime did not make is the reader's (buttons, wheel, drag, keys, popups).
    map.on("zoomstart movestart", function () { if (!LA.moving) LA.userMoved = true; });
    // The map fills its frame: the page sets the frame's height (taller in presentation mode).
    function resize() {
      box.style.height = Math.max(200, window.innerHeight) + "px";
      programmatic(function () { map.invalidateSize({ animate: false }); });
      if (LA.bounds && !LA.userMoved) LA.fit(); // still following the selection: fit the new size
    }
    window.addEventListener("resize", resize);
    resize(); setTimeout(resize, 50); setTimeout(resize, 400);
    map.on("zoomend", function () { zoomClass(); declutter(); });
    map.on("moveend", function () { declutter(); markAway(); });
    zoomClass();
    addFitControl(map);
    foldAttribution(map);
    // A launch in a place's popup list selects it (the page reruns on it).
    box.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("[data-la-row]");
      if (!a) return;
      e.preventDefault();
      var set = LA.siteSets && LA.siteSets[+a.getAttribute("data-la-set")];
      var row = set && set.table[+a.getAttribute("data-la-row")];
      if (row) tellPage("la-select", { id: row[0], n: Date.now() });
    });
    // Keys pressed while the map has the focus reach the page's stepping (clicker, arrows).
    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      var step = { PageDown: 1, PageUp: 1, Home: 1, End: 1, ArrowLeft: 2, ArrowRight: 2 }[e.key];
      if (!step) return;
      // Arrow keys pan the map when the map itself has the keyboard focus (Leaflet's keyboard panning).
      if (step === 2 && document.activeElement === box) return;
      e.preventDefault();
      tellPage("la-key", { key: e.key, n: Date.now() });
    });
  };

  function zoomClass() {
    var z = LA.map.getZoom(), c = LA.map.getContainer();
    c.classList.toggle("la-z-world", z < 4);
    c.classList.toggle("la-z-close", z > 6);
  }

  function addFitControl(map) {
    var Fit = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var b = L.DomUtil.create("button", "la-fit");
        b.type = "button";
        b.innerHTML = "&#x2922; Fit";
        b.title = "Zoom to the selected launch, and follow the selection again (once you zoom or pan " +
          "yourself, the map keeps your view)";
        L.DomEvent.disableClickPropagation(b);
        L.DomEvent.on(b, "click", function (e) {
          L.DomEvent.preventDefault(e); LA.fit(); LA.userMoved = false; markAway();
        });
        LA.fitButton = b;
        return b;
      },
    });
    new Fit().addTo(map);
  }

  function programmatic(fn) {
    LA.moving = true;
    try { fn(); } finally { LA.moving = false; }
  }

  LA.fit = function () {
    var map = LA.map, b = LA.bounds;
    programmatic(function () {
      map.invalidateSize({ animate: false });
      if (!b) map.setView(LA.options.center, LA.options.zoom, { animate: false });
      else map.fitBounds(b, { padding: [20, 20], maxZoom: 7, animate: false });
    });
  };

  // ------------------------------------------------------------------ update (every rerun)
  LA.update = function (p, group) {
    var map = LA.map;
    if (!map) return;
    var box = map.getContainer();
    if (group && !map.hasLayer(group)) group.addTo(map);
    box.classList.toggle("la-present", !!p.present);
    LA.present = !!p.present;
    fillWindow(LA.present);
    setTimeout(function () { fillWindow(LA.present); }, 300);
    setTiles(p.tiles);
    setLayers(p.layers || []);
    setSites(p.sites || []);
    drawSelection(p, group);
    setLegend(p.legend);
    setAttribution(p.attribution || "");
    setView(p);
    box.dataset.la_event = p.selected ? p.selected.id : "";
    LA.updates += 1;
    box.dataset.la_updates = String(LA.updates);
    setTimeout(declutter, 0);
  };

  // Presentation: the map takes the rest of the window below the header, whatever the screen.
  function fillWindow(on) {
    var frame = null;
    try { frame = window.frameElement; } catch (e) { frame = null; }
    if (!frame || !frame.ownerDocument) return;
    var top = frame.ownerDocument.defaultView;
    if (!LA.fillListener) {
      LA.fillListener = function () { fillWindow(LA.present); };
      top.addEventListener("resize", LA.fillListener);
    }
    if (!on) { frame.style.height = ""; return; }
    var y = frame.getBoundingClientRect().top + top.scrollY;
    var h = Math.max(360, Math.floor(top.innerHeight - y - 12));
    if (frame.style.height !== h + "px") frame.style.height = h + "px";
  }

  function setView(p) {
    LA.bounds = p.fit || null;
    var map = LA.map;
    if (p.fit && !LA.userMoved) {
      // Until the reader moves the map, it follows the selection (the frame may be laid out late).
      var again = function () { if (!LA.userMoved) LA.fit(); };
      again(); setTimeout(again, 60); setTimeout(again, 450);
    }
    // Otherwise the view is the reader's (zoom and position): it is left as it is, and the Fit button
    // says so when nothing of the launch is on screen.
    LA.focus = p.focus || null;
    markAway();
  }

  // The Fit button reads "Show the launch" (highlighted) while the launch and its drawing are off-screen.
  function markAway() {
    var b = LA.fitButton, map = LA.map;
    if (!b || !map) return;
    var view = map.getBounds(), away = false;
    if (LA.userMoved && LA.bounds) away = !view.intersects(L.latLngBounds(LA.bounds));
    else if (LA.userMoved && LA.focus) away = !view.contains(LA.focus);
    if (b.classList.contains("la-fit-away") === away) return;
    b.classList.toggle("la-fit-away", away);
    b.innerHTML = away ? "&#x2922; Show the launch" : "&#x2922; Fit";
    map.getContainer().dataset.la_away = away ? "1" : "";
  }

  function setTiles(spec) {
    if (same(spec, LA.tilesSpec)) return;
    if (LA.tiles) { LA.map.removeLayer(LA.tiles); LA.tiles = null; }
    LA.tilesSpec = spec;
    if (spec) {
      LA.tiles = L.tileLayer(spec.url, { attribution: spec.attribution, opacity: spec.opacity, maxZoom: 19 });
      LA.tiles.addTo(LA.map);
    }
  }

  function pane(name, z) {
    var id = "la-" + name, pn = LA.map.getPane(id) || LA.map.createPane(id);
    pn.style.zIndex = String(z);
    return id;
  }

  function setLayers(specs) {
    var map = LA.map, wanted = {};
    specs.forEach(function (spec) {
      wanted[spec.name] = true;
      var have = LA.layers[spec.name];
      if (have && same(have.source, spec.url || spec.data)) {
        if (!same(have.spec.style, spec.style) && have.layer && have.layer.setStyle) {
          have.layer.setStyle(spec.style);
        }
        have.spec = spec;
        if (have.layer && !map.hasLayer(have.layer)) have.layer.addTo(map);
        if (have.layer) map.getContainer().dataset["la_" + spec.name] = "drawn";
        return;
      }
      if (have && have.layer) map.removeLayer(have.layer);
      var entry = { spec: spec, source: spec.url || spec.data, layer: null };
      LA.layers[spec.name] = entry;
      data(spec).then(function (fc) {
        if (LA.layers[spec.name] !== entry) return; // replaced meanwhile
        entry.layer = spec.name === "seas" ? seaLabels(fc, spec) : vectorLayer(fc, spec);
        if (LA.layers[spec.name] === entry && entry.visible !== false) {
          entry.layer.addTo(map);
          map.getContainer().dataset["la_" + spec.name] = "drawn";
          if (spec.name === "seas") declutter();
        }
      }).catch(function (e) { console.error("layer " + spec.name, e); });
    });
    Object.keys(LA.layers).forEach(function (name) {
      var have = LA.layers[name];
      have.visible = !!wanted[name];
      if (!wanted[name] && have.layer && map.hasLayer(have.layer)) {
        map.removeLayer(have.layer);
        delete map.getContainer().dataset["la_" + name];
      }
    });
  }

  function vectorLayer(fc, spec) {
    var layer = L.geoJSON(fc, {
      pane: pane(spec.name, spec.z),
      interactive: !!spec.named,
      style: function () { return spec.style; },
    });
    if (spec.named) {
      layer.bindTooltip(function (l) { return (l.feature && l.feature.properties.name) || ""; }, { sticky: true });
    }
    return layer;
  }

  function seaLabels(fc, spec) {
    var g = L.layerGroup();
    fc.features.forEach(function (f) {
      var pr = f.properties || {}, c = f.geometry.coordinates, rank = pr.scalerank == null ? 9 : pr.scalerank;
      var kind = pr.featurecla === "ocean" ? "la-ocean" : rank <= 1 ? "la-major" : "la-minor";
      var m = L.marker([c[1], c[0]], {
        interactive: false, keyboard: false, pane: pane("labels", 640),
        icon: L.divIcon({ className: "la-sea la-label " + kind, html: pr.name || "", iconSize: null }),
      });
      // Oceans and major seas before the reference cities, smaller seas after them.
      m.laPriority = kind === "la-minor" ? 3 + rank / 10 : 1;
      m.addTo(g);
    });
    return g;
  }

  // ------------------------------------------------------------------ launch places
  function setSites(sets) {
    var key = JSON.stringify(sets);
    if (key === LA.sitesKey) return;
    LA.sitesKey = key;
    var tables = sets.map(function (s) { return s.table_url ? getJSON(s.table_url) : Promise.resolve(s.table); });
    Promise.all(tables).then(function (resolved) {
      if (key !== LA.sitesKey) return;
      if (LA.sites) LA.map.removeLayer(LA.sites);
      var g = L.featureGroup(), n = 0;
      LA.siteSets = sets.map(function (s, i) { return { table: resolved[i] }; });
      sets.forEach(function (s, i) {
        var table = resolved[i];
        s.groups.forEach(function (site) {
          var rows = site[4], dates = rows.map(function (r) { return table[r][1]; });
          var first = dates[dates.length - 1], last = dates[0];
          var count = rows.length, word = count === 1 ? " launch" : " launches";
          var span = first === last ? first : first + " to " + last;
          var tip = s.prefix + "<b>" + site[3] + "</b><br>" + count + word + " (" + span + ")";
          var seen = {};
          var items = rows.map(function (r) {
            var text = table[r][1] + ": " + table[r][2];
            seen[text] = (seen[text] || 0) + 1; // launches of one salvo: same day and system
            return { r: r, text: text, k: seen[text] };
          }).map(function (it) {
            var more = seen[it.text] > 1 ? " (no. " + (seen[it.text] - it.k + 1) + ")" : "";
            return '<li><a href="#" data-la-set="' + i + '" data-la-row="' + it.r + '">' + it.text + more + "</a></li>";
          }).join("");
          var popup = s.prefix + "<b>" + site[3] + "</b><br>" + count + word +
            ' <span class="la-hint">(click one to select it)</span><ul class="la-popup-list">' + items + "</ul>";
          var style = Object.assign({ radius: site[2] }, s.style);
          L.circleMarker([site[0], site[1]], style)
            .bindTooltip(tip, { direction: "top", opacity: 0.95 })
            .bindPopup(popup, { maxWidth: 420 })
            .addTo(g);
          n += 1;
        });
      });
      g.addTo(LA.map);
      LA.sites = g;
      LA.map.getContainer().dataset.la_sites = String(n);
    }).catch(function (e) { console.error("launch places", e); });
  }

  // ------------------------------------------------------------------ the selected launch
  var CITY_DOT = { radius: 3.5, color: "#ffffff", weight: 1, fill: true, fillColor: "#263238", fillOpacity: 1 };
  function drawSelection(p, group) {
    (p.overlays || []).forEach(function (o) {
      var layer;
      if (o.label_class) {
        layer = L.marker(o.at, {
          interactive: false, keyboard: false, pane: pane("labels", 640),
          icon: L.divIcon({ className: o.label_class + " la-label", html: o.label, iconSize: null }),
        });
        layer.laPriority = o.priority;
        if (o.dot) L.circleMarker(o.at, CITY_DOT).bindTooltip(o.tip, { sticky: true }).addTo(group);
      } else if (o.marker) {
        layer = L.circleMarker(o.at, o.marker);
      } else {
        layer = L.geoJSON({ type: "Feature", properties: o.props, geometry: LA.decodeGeometry(o.g) }, {
          style: function () { return o.style; },
        });
      }
      var tip = o.tip || (o.props && o.props.label);
      if (tip && !o.label_class) layer.bindTooltip(tip, { sticky: true });
      layer.addTo(group);
    });
    var s = p.selected;
    if (s) {
      L.circleMarker([s.lat, s.lon], s.style).bindTooltip(s.tip, { sticky: true }).addTo(group);
    }
  }

  // ------------------------------------------------------------------ legend and attribution
  function setLegend(spec) {
    var map = LA.map;
    if (!spec) { if (LA.legend) { map.removeControl(LA.legend); LA.legend = null; } return; }
    if (LA.legend && LA.legendCorner !== spec.corner) { map.removeControl(LA.legend); LA.legend = null; }
    if (!LA.legend) {
      var ctl = L.control({ position: spec.corner });
      ctl.onAdd = function () {
        var d = L.DomUtil.create("div", "la-legend");
        L.DomEvent.disableScrollPropagation(d);
        L.DomEvent.disableClickPropagation(d);
        d.addEventListener("click", function (e) { if (e.target.closest(".la-title")) flip(); });
        d.addEventListener("keydown", function (e) {
          if (e.target.closest(".la-title") && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); flip(); }
        });
        return d;
      };
      ctl.addTo(map);
      LA.legend = ctl;
      LA.legendCorner = spec.corner;
      LA.legendHTML = null; // a new (empty) box: fill it even if the legend itself did not change
    }
    var d = LA.legend.getContainer();
    if (LA.legendHTML !== spec.html) {
      d.innerHTML = spec.html;
      LA.legendHTML = spec.html;
      var t = d.querySelector(".la-title");
      if (t) { t.title = "Click to hide or show the legend"; t.setAttribute("role", "button"); t.tabIndex = 0; }
    }
    // Folded or open as the reader left it in this tab (per mode); by default folded on a projector
    // (presentation) and on a phone, where the open legend would cover the rings.
    var folded = spec.folded || map.getContainer().clientWidth < 600, stored = null;
    try { stored = window.sessionStorage.getItem(spec.key); } catch (e) { stored = null; }
    if (stored !== null) folded = stored === "1";
    d.classList.toggle("la-collapsed", folded);
    LA.legendKey = spec.key;
  }
  function flip() {
    var d = LA.legend.getContainer(), f = d.classList.toggle("la-collapsed");
    try { window.sessionStorage.setItem(LA.legendKey, f ? "1" : "0"); } catch (e) { /* private mode */ }
  }

  // On a phone the attribution (five lines beside the scale bar) covered the bottom of the map and
  // squeezed the scale: there it folds to a "Sources" button that opens on a tap, Enter or Space and
  // closes on another tap or Escape (Leaflet's own control cannot fold). Wider maps show it as always.
  function foldAttribution(map) {
    var ctl = map.attributionControl;
    if (!ctl || !window.matchMedia) return;
    var c = ctl.getContainer(), narrow = window.matchMedia("(max-width: 600px)");
    function show(open) {
      var fold = narrow.matches;
      c.classList.toggle("la-attr-fold", fold);
      c.classList.toggle("la-attr-open", fold && open);
      if (fold) c.tabIndex = 0; else c.removeAttribute("tabindex");
      if (fold && !open) {
        c.setAttribute("role", "button");
        c.setAttribute("aria-expanded", "false");
        c.setAttribute("aria-label", "Sources of the map's data (show)");
      } else {
        c.removeAttribute("role"); c.removeAttribute("aria-expanded"); c.removeAttribute("aria-label");
      }
      c.title = fold ? (open ? "Tap to fold the sources" : "Show the sources of the map's data") : "";
    }
    function isOpen() { return c.classList.contains("la-attr-open"); }
    c.addEventListener("click", function (e) {
      if (!narrow.matches) return;
      if (!isOpen()) { e.preventDefault(); show(true); return; }
      if (!(e.target.closest && e.target.closest("a"))) show(false); // a source's own link opens it
    });
    c.addEventListener("keydown", function (e) {
      if (!narrow.matches || e.target !== c) return;
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show(!isOpen()); }
      else if (e.key === "Escape" && isOpen()) { e.preventDefault(); show(false); }
    });
    var follow = function () { show(false); };
    if (narrow.addEventListener) narrow.addEventListener("change", follow); else narrow.addListener(follow);
    show(false);
  }

  function setAttribution(text) {
    var ctl = LA.map.attributionControl;
    if (!ctl || text === LA.attribution) return;
    if (LA.attribution) ctl.removeAttribution(LA.attribution);
    if (text) ctl.addAttribution(text);
    LA.attribution = text;
  }

  // ------------------------------------------------------------------ labels that do not overlap
  function overlaps(a, b) {
    return a.left < b.right + 4 && b.left < a.right + 4 && a.top < b.bottom + 2 && b.top < a.bottom + 2;
  }
  function declutter() {
    var map = LA.map;
    if (!map) return;
    var markers = [];
    map.eachLayer(function (l) { if (l.laPriority !== undefined && l._icon) markers.push(l); });
    markers.sort(function (a, b) { return a.laPriority - b.laPriority; });
    var kept = [], hidden = 0;
    markers.forEach(function (m) {
      var el = m._icon;
      el.style.visibility = "";
      if (getComputedStyle(el).display === "none") return;
      var r = el.getBoundingClientRect();
      if (r.width === 0) return;
      if (kept.some(function (k) { return overlaps(k, r); })) { el.style.visibility = "hidden"; hidden += 1; }
      else kept.push(r);
    });
    map.getContainer().dataset.la_labels_hidden = String(hidden);
  }
  LA.declutter = declutter;
})();
