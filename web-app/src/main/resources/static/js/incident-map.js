// Open incidents on a Leaflet map, clustered on the server per zoom level (no inline script: config in data-*).
// The boundaries of the viewer's area and its children lie underneath (the grid pages' map data); every cluster
// shows its count on the map itself (no hover needed), red when some of it is overdue; the filters of the page's
// form are already in data-url.
document.addEventListener('DOMContentLoaded', function () {
  'use strict';
  var element = document.getElementById('incident-map');
  if (!element || typeof L === 'undefined') {
    return;
  }
  var AREA_STYLE = { color: '#b71c1c', weight: 2.5, opacity: 0.9, fillOpacity: 0.02, interactive: false };
  var CHILD_STYLE = { color: '#1c4f8a', weight: 1.5, opacity: 0.9, fillColor: '#3b82c4', fillOpacity: 0.08 };
  var map = L.map(element, { preferCanvas: false }).setView([30.66, 104.06], 10);
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution || '' }).addTo(map);
  }
  var boundaries = L.layerGroup().addTo(map);
  var layer = L.layerGroup().addTo(map);
  var count = document.getElementById('map-count');
  var framed = false;
  var first = true;

  // Names and codes are data: labels are text nodes, never HTML.
  function text(value) {
    var span = document.createElement('span');
    span.textContent = value;
    return span;
  }

  function clusterIcon(c) {
    var box = document.createElement('div');
    box.className = 'incident-cluster-label' + (c.overdue > 0 ? ' has-overdue' : '');
    box.dataset.count = String(c.count);
    box.dataset.overdue = String(c.overdue);
    var label = document.createElement('span');
    label.className = 'incident-cluster-count';
    label.textContent = String(c.count);
    box.appendChild(label);
    var size = 26 + Math.min(22, Math.round(Math.sqrt(c.count) * 4));
    return L.divIcon({ html: box, className: 'incident-cluster', iconSize: [size, size] });
  }

  function drawBoundaries() {
    var url = element.dataset.boundariesUrl;
    if (!url) {
      return Promise.resolve();
    }
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (response) { return response.ok ? response.json() : { features: [] }; })
      .then(function (collection) {
        var drawn = 0;
        collection.features.forEach(function (feature) {
          var role = feature.properties && feature.properties.role;
          if (role !== 'self' && role !== 'child') {
            return;
          }
          var shape = L.geoJSON(feature, { style: role === 'self' ? AREA_STYLE : CHILD_STYLE });
          if (role === 'child') {
            shape.bindTooltip(text(feature.properties.name), { sticky: true });
          }
          shape.addTo(boundaries);
          drawn++;
          if (role === 'self' && !framed) {
            var bounds = shape.getBounds();
            if (bounds.isValid()) {
              map.fitBounds(bounds, { padding: [12, 12] });
              framed = true;
            }
          }
        });
        element.dataset.boundaries = String(drawn);
      })
      .catch(function () { element.dataset.boundaries = '0'; });
  }

  function showCount(clusters) {
    var total = 0;
    var overdue = 0;
    clusters.forEach(function (c) { total += c.count; overdue += c.overdue; });
    element.dataset.total = String(total);
    element.dataset.overdueTotal = String(overdue);
    if (count && count.dataset.template) {
      count.textContent = count.dataset.template.replace('{0}', String(total)).replace('{1}', String(overdue));
    }
  }

  function load() {
    var url = element.dataset.url;
    fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + 'zoom=' + Math.round(map.getZoom()), { credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (clusters) {
        layer.clearLayers();
        var bounds = [];
        clusters.forEach(function (c) {
          var marker = L.marker([c.lat, c.lng], { icon: clusterIcon(c), keyboard: true,
            title: (c.trackingCode ? c.trackingCode : String(c.count))
              + (c.overdue > 0 ? ' (' + element.dataset.overdue + ' ' + c.overdue + ')' : '') });
          if (c.id) {
            marker.on('click', function () { window.location.href = element.dataset.detail + c.id; });
          } else {
            marker.on('click', function () { map.setView([c.lat, c.lng], map.getZoom() + 2); });
          }
          marker.addTo(layer);
          bounds.push([c.lat, c.lng]);
        });
        element.dataset.clusters = String(clusters.length);
        showCount(clusters);
        if (first && !framed && bounds.length > 0) {
          map.fitBounds(bounds, { maxZoom: 15, padding: [30, 30] });
        }
        first = false;
        element.dataset.state = 'ready';
      });
  }
  drawBoundaries().then(function () {
    map.on('zoomend', load);
    load();
  });
});
