// The 15-minute life circle map: facilities (blue) and gap dwellings (red) of the report, from map.json.
// No inline script (CSP): the URL and tiles come in data-* attributes; names go into tooltips as plain text.
document.addEventListener('DOMContentLoaded', function () {
  var element = document.getElementById('life-circle-map');
  if (!element || typeof L === 'undefined') {
    return;
  }
  var map = L.map(element).setView([30.66, 104.06], 13);
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution || '' }).addTo(map);
  }
  fetch(element.dataset.url, { credentials: 'same-origin' })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var bounds = [];
      data.facilities.forEach(function (f) {
        L.circleMarker([f.lat, f.lng], { radius: 7, weight: 1, color: '#1c4f8a', fillColor: '#64b5f6',
          fillOpacity: 0.9, className: 'life-circle-facility' }).bindTooltip(f.name + ' · ' + f.kind).addTo(map);
        bounds.push([f.lat, f.lng]);
      });
      data.gaps.forEach(function (g) {
        L.circleMarker([g.lat, g.lng], { radius: 4, weight: 1, color: '#b71c1c', fillColor: '#e57373',
          fillOpacity: 0.8, className: 'life-circle-gap' }).bindTooltip(g.maskedAddress + ' · ' + g.beyond.join(', '))
          .addTo(map);
        bounds.push([g.lat, g.lng]);
      });
      element.dataset.facilities = String(data.facilities.length);
      element.dataset.gaps = String(data.gaps.length);
      if (bounds.length > 0) {
        map.fitBounds(bounds, { maxZoom: 17, padding: [30, 30] });
      }
    });
});
