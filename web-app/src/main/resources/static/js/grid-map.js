// The grid node map: draws the node's boundary and its active children's from the GeoJSON FeatureCollection named
// by the container's data-geojson-url. A tile layer is added only when data-tile-url is set (the console runs on
// machines without internet access too); otherwise the polygons lie on a plain background.
(function () {
  'use strict';

  var SELF_STYLE = { color: '#b71c1c', weight: 3, opacity: 0.9, fillColor: '#b71c1c', fillOpacity: 0.05 };
  var CHILD_STYLE = { color: '#1c4f8a', weight: 1.5, opacity: 0.9, fillColor: '#3b82c4', fillOpacity: 0.18 };
  var CHILD_HOVER_STYLE = { weight: 3, fillOpacity: 0.38 };
  // areas of a community that no micro grid covers (figures' coverage gaps)
  var GAP_STYLE = { color: '#e65100', weight: 1, opacity: 0.9, dashArray: '4 3', fillColor: '#ff9800',
    fillOpacity: 0.45 };

  // Names are data: tooltips get a text node, never HTML.
  function text(value) {
    var span = document.createElement('span');
    span.textContent = value;
    return span;
  }

  function byRole(collection, role) {
    return collection.features.filter(function (feature) {
      return feature.properties && feature.properties.role === role;
    });
  }

  function showError(container) {
    var message = document.createElement('p');
    message.className = 'empty';
    message.textContent = container.dataset.errorMessage || '';
    container.replaceWith(message);
  }

  function draw(container) {
    var tileUrl = container.dataset.tileUrl;
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: Boolean(tileUrl) });
    if (tileUrl) {
      L.tileLayer(tileUrl, { attribution: container.dataset.tileAttribution || '', maxZoom: 19 }).addTo(map);
    }

    fetch(container.dataset.geojsonUrl, {
      credentials: 'same-origin',
      headers: { Accept: 'application/geo+json, application/json' }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('map data answered ' + response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        var self = L.geoJSON(byRole(collection, 'self'), {
          style: SELF_STYLE,
          onEachFeature: function (feature, layer) {
            layer.bindTooltip(text(feature.properties.name), { sticky: true });
          }
        }).addTo(map);

        L.geoJSON(byRole(collection, 'child'), {
          style: CHILD_STYLE,
          onEachFeature: function (feature, layer) {
            layer.bindTooltip(text(feature.properties.name), { sticky: true });
            layer.on('mouseover', function () { layer.setStyle(CHILD_HOVER_STYLE); });
            layer.on('mouseout', function () { layer.setStyle(CHILD_STYLE); });
            layer.on('click', function () {
              window.location.assign(container.dataset.nodeUrl + encodeURIComponent(feature.properties.id));
            });
          }
        }).addTo(map);

        var gaps = byRole(collection, 'gap');
        L.geoJSON(gaps, {
          style: GAP_STYLE,
          interactive: true,
          onEachFeature: function (feature, layer) {
            layer.bindTooltip(text(feature.properties.name + ' · ' + (container.dataset.gapLabel || '') + ' '
              + Number(feature.properties.gapSquareMetres).toLocaleString() + ' m²'), { sticky: true });
          }
        }).addTo(map);
        container.dataset.gaps = String(gaps.length);

        var bounds = self.getBounds();
        if (bounds.isValid()) {
          map.fitBounds(bounds, { padding: [12, 12] });
        } else {
          map.fitWorld();
        }
        container.dataset.state = 'ready';
      })
      .catch(function () {
        map.remove();
        showError(container);
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-geojson-url]').forEach(draw);
  });
})();
