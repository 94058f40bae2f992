// The phone web app's service worker (served as /m/sw.js, scope /m/): pages and their scripts and styles are fetched
// from the network first and kept, so a page opened before still opens without signal; what is typed there waits in
// the page's outbox (phone-app.js). The API is never cached: it is always the network's answer.
'use strict';

var CACHE = 'gridgov-phone-v1';
var SHELL = ['/css/phone.css', '/js/phone-app.js', '/js/phone-incidents.js', '/js/phone-care.js', '/m/icon.svg'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(SHELL);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key !== CACHE; }).map(function (key) {
      return caches.delete(key);
    }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  var cacheable = request.method === 'GET' && url.origin === self.location.origin
    && (url.pathname.indexOf('/m/') === 0 || url.pathname.indexOf('/css/') === 0 || url.pathname.indexOf('/js/') === 0)
    && url.pathname !== '/m/token' && url.pathname.indexOf('/m/participation') !== 0;
  if (!cacheable) {
    return;
  }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && response.type === 'basic' && !response.redirected) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request, { ignoreSearch: request.mode === 'navigate' }).then(function (hit) {
      return hit || Response.error();
    });
  }));
});
