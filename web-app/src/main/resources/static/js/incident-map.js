// Open incidents on a Leaflet map, clustered on the server per zoom level (no inline script: config in data-*).
document.addEventListener('DOMContentLoaded', function () {
  var element = document.getElementById('incident-map');
  if (!element || typeof L === 'undefined') {
    return;
  }
  var map = L.map(element, { preferCanvas: false }).setView([30.66, 104.06], 10);
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution || '' }).addTo(map);
  }
  var layer = L.layerGroup().addTo(map);
  var first = true;
  function load() {
    fetch(element.dataset.url + '?zoom=' + map.getZoom(), { credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (clusters) {
        layer.clearLayers();
        var bounds = [];
        clusters.forEach(function (c) {
          var radius = 6 + Math.min(24, Math.sqrt(c.count) * 4);
          var marker = L.circleMarker([c.lat, c.lng], {
            radius: radius, weight: 1, color: c.overdue > 0 ? '#b71c1c' : '#1c4f8a',
            fillColor: c.overdue > 0 ? '#e57373' : '#64b5f6', fillOpacity: 0.7, className: 'incident-cluster'
          });
          var label = c.trackingCode ? c.trackingCode : String(c.count);
          if (c.overdue > 0) {
            label += ' (' + element.dataset.overdue + ' ' + c.overdue + ')';
          }
          marker.bindTooltip(label); // plain text: no HTML from data
          if (c.id) {
            marker.on('click', function () { window.location.href = element.dataset.detail + c.id; });
          } else {
            marker.on('click', function () { map.setView([c.lat, c.lng], map.getZoom() + 2); });
          }
          marker.addTo(layer);
          bounds.push([c.lat, c.lng]);
        });
        element.dataset.clusters = String(clusters.length);
        if (first && bounds.length > 0) {
          first = false;
          map.fitBounds(bounds, { maxZoom: 15, padding: [30, 30] });
        }
      });
  }
  map.on('zoomend', load);
  load();
});
