// Phone pages of incidents: my queue (live from the notification stream), an incident with its moves and photos,
// 随手报 with photo and position (queued when there is no signal), my reports and their rating.
(function () {
  'use strict';

  var P = window.GridGovPhone;
  var page = document.body.getAttribute('data-page');
  var el = P.el;
  var t = P.t;

  function stateLabel(state) {
    return t('incident.state.' + state);
  }

  function incidentItem(incident, fresh) {
    var due = incident.state === 'SUBMITTED' || incident.state === 'REOPENED' ? incident.acceptDueAt
      : incident.expectedResolutionAt;
    return el('li', { 'data-id': incident.id, 'data-state': incident.state, className: fresh ? 'fresh' : null }, [
      el('a', { className: 'card-link', href: '/m/incidents/' + incident.id }, [
        el('strong', { className: 'tracking', text: incident.trackingCode + ' · ' + (incident.categoryName || incident.category) }),
        el('span', { text: (incident.description || '').slice(0, 80) }),
        el('span', { className: 'muted' }, [
          el('span', { className: 'state', 'data-state': incident.state, text: stateLabel(incident.state) }),
          due ? ' · ' + t('phone.js.due', P.time(due)) : ''])
      ])
    ]);
  }

  // ---------------------------------------------------------------- my queue

  function queuePage() {
    var list = document.getElementById('queue');
    var empty = document.getElementById('queue-empty');
    var live = document.getElementById('queue-live');
    var news = document.getElementById('queue-news');
    var known = null;

    function load(announce) {
      return P.json('GET', '/api/v1/incidents?queue=true&size=50').then(function (answer) {
        var items = answer.data.items || [];
        var fresh = items.filter(function (i) { return known && !known[i.id]; });
        known = {};
        items.forEach(function (i) { known[i.id] = true; });
        list.replaceChildren.apply(list, items.map(function (i) {
          return incidentItem(i, fresh.indexOf(i) >= 0);
        }));
        empty.hidden = items.length > 0;
        list.setAttribute('data-loaded', 'true');
        if (announce && fresh.length) {
          P.say(news, t('phone.js.new-report', fresh.map(function (i) { return i.trackingCode; }).join(', ')), 'info');
        }
      }).catch(function () {
        P.say(news, t('phone.js.offline'), 'warn');
      });
    }

    load(false).then(function () {
      P.stream(function (notification) {
        if (!notification || String(notification.kind || '').indexOf('INCIDENT') === 0) {
          load(true);
        }
      }, function (state) {
        live.setAttribute('data-state', state);
      });
    });
    // a safety net when a proxy drops the stream quietly
    window.setInterval(function () { load(true); }, 60000);
  }

  // ---------------------------------------------------------------- an incident

  var BODY = { ACCEPT: 'note', START: 'note', NOTE: 'note', ESCALATE: 'reason', RESOLVE: 'note' };
  var PATH = { ACCEPT: 'accept', START: 'start', NOTE: 'progress', ESCALATE: 'escalate', RESOLVE: 'resolve' };

  function incidentPage() {
    var id = document.body.getAttribute('data-incident');
    var base = '/api/v1/incidents/' + id;
    var message = document.getElementById('incident-message');
    var form = document.getElementById('incident-moves');
    var text = document.getElementById('move-text');
    var photo = document.getElementById('move-photo');
    var etag = null;

    function showPhotos() {
      var box = document.getElementById('incident-photos');
      P.json('GET', base + '/photos').then(function (answer) {
        box.replaceChildren();
        (answer.data || []).forEach(function (p) {
          P.api('GET', base + '/photos/' + p.id).then(function (r) { return r.blob(); }).then(function (blob) {
            box.appendChild(el('img', { src: URL.createObjectURL(blob), alt: t('phone.js.done'), 'data-photo': p.id }));
          });
        });
        box.setAttribute('data-count', String((answer.data || []).length));
      }).catch(function () { /* photos are extra */ });
    }

    function showTimeline() {
      var list = document.getElementById('incident-timeline');
      P.json('GET', base + '/timeline').then(function (answer) {
        list.replaceChildren.apply(list, (answer.data || []).slice().reverse().map(function (step) {
          return el('li', {}, [
            el('span', { className: 'muted', text: P.time(step.at) + ' · ' + (step.actor || '') }),
            el('span', { text: (step.to ? stateLabel(step.to) : '') + (step.note ? ' — ' + step.note : '') })
          ]);
        }));
      }).catch(function () { /* shown when back */ });
    }

    function show() {
      return P.json('GET', base).then(function (answer) {
        var incident = answer.data;
        etag = answer.etag;
        document.getElementById('incident-code').textContent = incident.trackingCode;
        var state = document.getElementById('incident-state');
        state.textContent = stateLabel(incident.state);
        state.setAttribute('data-state', incident.state);
        document.getElementById('incident-description').textContent = incident.description || '';
        document.getElementById('incident-category').textContent = incident.categoryName || incident.category;
        document.getElementById('incident-grid').textContent = incident.grid ? incident.grid.name : '';
        document.getElementById('incident-accept-due').textContent = P.time(incident.acceptDueAt);
        document.getElementById('incident-resolve-due').textContent = P.time(incident.expectedResolutionAt);
        var any = false;
        Array.prototype.forEach.call(form.querySelectorAll('button[data-move]'), function (button) {
          var allowed = (incident.allowedMoves || []).indexOf(button.getAttribute('data-move')) >= 0;
          button.hidden = !allowed;
          button.disabled = false;
          any = any || allowed;
        });
        form.hidden = !any;
        showPhotos();
        showTimeline();
      });
    }

    function move(kind) {
      var note = text.value.trim();
      if ((kind === 'NOTE' || kind === 'ESCALATE') && !note) {
        P.say(message, t('phone.js.note-required'), 'error');
        text.focus();
        return;
      }
      Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = true; });
      var file = photo.files && photo.files[0];
      // the photo first, while the incident is still open to it; then the move, against the version seen now
      var withPhoto = file ? P.shrink(file).then(function (dataUrl) {
        return P.uploadPhoto(base + '/photos', dataUrl);
      }).then(function () { return P.json('GET', base); }).then(function (answer) { etag = answer.etag; })
        : Promise.resolve();
      withPhoto.then(function () {
        var body = {};
        body[BODY[kind]] = note || null;
        return P.json('POST', base + '/' + PATH[kind], body, { 'If-Match': etag });
      }).then(function () {
        text.value = '';
        photo.value = '';
        P.say(message, t('incident.move.' + kind) + ' ✓', 'info');
        message.setAttribute('data-move', kind);
        return show();
      }).catch(function (error) {
        P.say(message, error && error.status ? error.message : t('phone.js.offline'), 'error');
        Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = false; });
      });
    }

    Array.prototype.forEach.call(form.querySelectorAll('button[data-move]'), function (button) {
      button.addEventListener('click', function () { move(button.getAttribute('data-move')); });
    });
    show().catch(function (error) {
      P.say(message, error && error.status ? error.message : t('phone.js.offline'), 'error');
    });
  }

  // ---------------------------------------------------------------- 随手报

  function reportPage() {
    var form = document.getElementById('report-form');
    var message = document.getElementById('report-message');
    var status = document.getElementById('location-status');
    var submit = document.getElementById('report-submit');
    var locate = document.getElementById('use-location');

    if (!navigator.geolocation) {
      locate.hidden = true;
    }
    locate.addEventListener('click', function () {
      status.textContent = t('phone.js.locating');
      // the browser's position is WGS-84 (GPS); the API is told so. No map SDK here gives GCJ-02, so nothing to convert.
      navigator.geolocation.getCurrentPosition(function (position) {
        document.getElementById('report-lat').value = position.coords.latitude.toFixed(6);
        document.getElementById('report-lng').value = position.coords.longitude.toFixed(6);
        status.textContent = t('phone.js.located', position.coords.latitude.toFixed(5),
          position.coords.longitude.toFixed(5));
      }, function () {
        status.textContent = t('phone.js.no-location');
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });

    function sentText(data) {
      return t('phone.js.sent') + (data && data.incident ? ' ' + t('phone.js.tracking', data.incident.trackingCode) : '');
    }

    document.addEventListener('phone:sent', function (event) {
      if (event.detail.item.kind === 'report') {
        P.say(message, sentText(event.detail.data), 'info');
        message.setAttribute('data-result', 'sent');
      }
    });

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var description = document.getElementById('report-description').value.trim();
      if (!description) {
        P.say(message, t('phone.js.note-required'), 'error');
        return;
      }
      var lat = document.getElementById('report-lat').value;
      var lng = document.getElementById('report-lng').value;
      var grid = document.getElementById('report-grid').value;
      if (!(lat && lng) && !grid) {
        P.say(message, t('phone.js.no-location'), 'error');
        return;
      }
      var body = { category: document.getElementById('report-category').value || null, description: description,
        source: 'RESIDENT_REPORT' };
      if (lat && lng) {
        body.lat = Number(lat);
        body.lng = Number(lng);
        body.coordSystem = 'WGS84';
      } else {
        body.gridCode = grid;
      }
      submit.disabled = true;
      var file = document.getElementById('report-photo');
      P.shrink(file.files && file.files[0]).then(function (photo) {
        return P.submit('report', '/api/v1/incidents', body, photo);
      }).then(function (result) {
        submit.disabled = false;
        if (result.sent) {
          form.reset();
          P.say(message, sentText(result.data), 'info');
          message.setAttribute('data-result', 'sent');
        } else if (result.refused) {
          P.say(message, t('phone.js.failed') + ' ' + result.refused, 'error');
          message.setAttribute('data-result', 'refused');
        } else {
          form.reset();
          P.say(message, t('phone.js.queued'), 'warn');
          message.setAttribute('data-result', 'queued');
        }
      });
    });
  }

  // ---------------------------------------------------------------- my reports

  function reportsPage() {
    var list = document.getElementById('reports');
    var message = document.getElementById('reports-message');

    function rate(incident, stars) {
      P.json('POST', '/api/v1/incidents/' + incident.id + '/rating', { rating: stars }).then(function () {
        P.say(message, t('phone.js.rated'), 'info');
        load();
      }).catch(function (error) {
        P.say(message, error && error.status ? error.message : t('phone.js.offline'), 'error');
      });
    }

    function load() {
      P.json('GET', '/api/v1/incidents?size=50').then(function (answer) {
        var items = answer.data.items || [];
        list.replaceChildren.apply(list, items.map(function (incident) {
          var item = el('li', { 'data-id': incident.id, 'data-state': incident.state }, [
            el('strong', { text: incident.trackingCode + ' · ' + (incident.categoryName || incident.category) }),
            el('span', { text: (incident.description || '').slice(0, 120) }),
            el('span', { className: 'muted' }, [
              el('span', { className: 'state', 'data-state': incident.state, text: stateLabel(incident.state) }),
              ' · ' + P.time(incident.createdAt),
              incident.rating ? ' · ' + '★'.repeat(incident.rating) : ''])
          ]);
          if ((incident.allowedMoves || []).indexOf('RATE') >= 0) {
            var stars = el('div', { className: 'stars', role: 'group', 'aria-label': t('incident.move.RATE') });
            [1, 2, 3, 4, 5].forEach(function (n) {
              var button = el('button', { type: 'button', className: 'star secondary', 'data-stars': n,
                'aria-label': t('incident.move.RATE') + ' ' + n, text: n + '★' });
              button.addEventListener('click', function () { rate(incident, n); });
              stars.appendChild(button);
            });
            item.appendChild(stars);
          }
          return item;
        }));
        document.getElementById('reports-empty').hidden = items.length > 0;
        list.setAttribute('data-loaded', 'true');
      }).catch(function () {
        P.say(message, t('phone.js.offline'), 'warn');
      });
    }
    load();
    document.addEventListener('phone:sent', load);
  }

  if (page === 'queue') {
    queuePage();
  } else if (page === 'incident') {
    incidentPage();
  } else if (page === 'report') {
    reportPage();
  } else if (page === 'reports') {
    reportsPage();
  }
}());
