// Phone pages of care and points: my visits due (three colours; a visit typed without signal waits in the outbox),
// record a service, my points and the mall, my grid card.
(function () {
  'use strict';

  var P = window.GridGovPhone;
  var page = document.body.getAttribute('data-page');
  var el = P.el;
  var t = P.t;
  var DAY = 24 * 3600 * 1000;
  var SOON_DAYS = 3;

  function fail(message) {
    return function (error) {
      P.say(message, error && error.status ? error.message : t('phone.js.offline'), error && error.status ? 'error' : 'warn');
    };
  }

  // ---------------------------------------------------------------- my visits due

  function visitsPage() {
    var list = document.getElementById('visits');
    var message = document.getElementById('visits-message');
    var form = document.getElementById('visit-form');

    function colour(dueAt) {
      var due = new Date(dueAt).getTime();
      if (due < Date.now()) {
        return 'red';
      }
      return due < Date.now() + SOON_DAYS * DAY ? 'amber' : 'green';
    }

    function load() {
      // everyone under care in my scope, the most overdue first; coloured by when their visit falls due
      P.json('GET', '/api/v1/visits/overdue?dueWithinDays=3660&size=200').then(function (answer) {
        var items = answer.data.items || [];
        list.replaceChildren.apply(list, items.map(function (visit) {
          var c = colour(visit.dueAt);
          var label = c === 'red' ? t('phone.js.overdue', Math.max(1, visit.daysOverdue))
            : c === 'amber' ? t('phone.js.due-soon') : t('phone.js.fine');
          var button = el('button', { type: 'button', className: 'secondary', 'data-resident': visit.residentId,
            text: t('phone.js.record-visit') });
          button.addEventListener('click', function () {
            document.getElementById('visit-resident').value = visit.residentId;
            document.getElementById('visit-who').textContent = visit.name;
            form.hidden = false;
            form.scrollIntoView();
          });
          return el('li', { className: 'due-' + c, 'data-colour': c, 'data-resident': visit.residentId }, [
            el('strong', { text: visit.name }),
            el('span', { className: 'due-label', text: label }),
            el('span', { className: 'muted', text: t('phone.js.due', P.time(visit.dueAt)) + ' · '
              + (visit.lastVisitAt ? P.time(visit.lastVisitAt) : t('phone.js.never-visited')) }),
            button
          ]);
        }));
        document.getElementById('visits-empty').hidden = items.length > 0;
        list.setAttribute('data-loaded', 'true');
      }).catch(fail(message));
    }

    document.getElementById('visit-cancel').addEventListener('click', function () {
      form.hidden = true;
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var resident = document.getElementById('visit-resident').value;
      var body = { visitedAt: new Date().toISOString(),
        place: document.getElementById('visit-place').value.trim() || null,
        notes: document.getElementById('visit-notes').value.trim() || null };
      var photo = document.getElementById('visit-photo');
      P.shrink(photo.files && photo.files[0]).then(function (dataUrl) {
        return P.submit('visit', '/api/v1/residents/' + resident + '/visits', body, dataUrl);
      }).then(function (result) {
        form.reset();
        form.hidden = true;
        if (result.refused) {
          P.say(message, t('phone.js.failed') + ' ' + result.refused, 'error');
        } else {
          P.say(message, result.sent ? t('phone.js.sent') : t('phone.js.queued'), result.sent ? 'info' : 'warn');
          message.setAttribute('data-result', result.sent ? 'sent' : 'queued');
        }
        if (result.sent) {
          load();
        }
      });
    });
    document.addEventListener('phone:sent', load);
    load();
  }

  // ---------------------------------------------------------------- record a service

  function servicePage() {
    var message = document.getElementById('service-message');
    var types = document.getElementById('service-type');
    var records = document.getElementById('service-records');

    function loadRecords() {
      P.json('GET', '/api/v1/points/service-records?size=20').then(function (answer) {
        records.replaceChildren.apply(records, (answer.data.items || []).map(function (r) {
          return el('li', { 'data-id': r.id, 'data-state': r.state }, [
            el('strong', { text: r.typeName || r.typeCode }),
            el('span', { text: r.description || '' }),
            el('span', { className: 'muted', text: P.time(r.performedAt || r.createdAt) + ' · ' + r.state
              + (r.pointsAwarded ? ' · +' + r.pointsAwarded : '') })
          ]);
        }));
      }).catch(fail(message));
    }

    P.json('GET', '/api/v1/points/service-types').then(function (answer) {
      types.replaceChildren.apply(types, (answer.data || []).map(function (type) {
        return el('option', { value: type.code, text: type.name });
      }));
    }).catch(fail(message));
    loadRecords();

    document.getElementById('service-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var description = document.getElementById('service-description').value.trim();
      if (!description || !types.value) {
        P.say(message, t('phone.js.note-required'), 'error');
        return;
      }
      var hours = document.getElementById('service-hours').value;
      var body = { typeCode: types.value, gridCode: document.getElementById('service-grid').value || null,
        beneficiary: document.getElementById('service-beneficiary').value.trim() || null,
        performedAt: new Date().toISOString(), hours: hours ? Number(hours) : null,
        place: document.getElementById('service-place').value.trim() || null, description: description };
      P.submit('service', '/api/v1/points/service-records', body, null).then(function (result) {
        if (result.refused) {
          P.say(message, t('phone.js.failed') + ' ' + result.refused, 'error');
          return;
        }
        document.getElementById('service-form').reset();
        P.say(message, result.sent ? t('phone.js.sent') : t('phone.js.queued'), result.sent ? 'info' : 'warn');
        loadRecords();
      });
    });
  }

  // ---------------------------------------------------------------- my points and the mall

  function pointsPage() {
    var message = document.getElementById('points-message');

    function load() {
      P.json('GET', '/api/v1/points/me').then(function (answer) {
        document.getElementById('points-balance').textContent = String(answer.data.available);
      }).catch(fail(message));
      P.json('GET', '/api/v1/points/me/entries?size=20').then(function (answer) {
        var list = document.getElementById('points-entries');
        list.replaceChildren.apply(list, (answer.data.items || []).map(function (e) {
          return el('li', {}, [
            el('strong', { text: (e.amount > 0 ? '+' : '') + e.amount }),
            el('span', { className: 'muted', text: P.time(e.at) + (e.memo ? ' · ' + e.memo : '')
              + ' · ' + t('phone.js.balance', e.balanceAfter) })
          ]);
        }));
      }).catch(fail(message));
      P.json('GET', '/api/v1/points/items').then(function (answer) {
        var list = document.getElementById('mall-items');
        list.replaceChildren.apply(list, (answer.data || []).map(function (item) {
          var button = el('button', { type: 'button', 'data-item': item.id, text: t('phone.js.redeem', item.price) });
          button.addEventListener('click', function () {
            button.disabled = true;
            P.json('POST', '/api/v1/points/items/' + item.id + '/redeem', null, { 'Idempotency-Key': P.uuid() })
              .then(function (r) {
                P.say(message, t('phone.js.redeemed', r.data.code), 'info');
                load();
              }).catch(function (error) {
                button.disabled = false;
                fail(message)(error);
              });
          });
          return el('li', { 'data-id': item.id }, [
            el('strong', { text: item.name }),
            el('span', { className: 'muted', text: (item.partnerName || '') + (item.stock !== null && item.stock !== undefined
              ? ' · ' + t('phone.js.stock', item.stock) : '') }),
            item.description ? el('span', { text: item.description }) : null,
            button
          ]);
        }));
      }).catch(fail(message));
      P.json('GET', '/api/v1/points/me/redemptions').then(function (answer) {
        var list = document.getElementById('redemptions');
        list.replaceChildren.apply(list, (answer.data || []).map(function (r) {
          return el('li', { 'data-state': r.state }, [
            el('strong', { text: r.itemName + ' · ' + r.code }),
            el('span', { className: 'muted', text: r.state + ' · ' + P.time(r.createdAt) })
          ]);
        }));
      }).catch(fail(message));
    }
    load();
  }

  // ---------------------------------------------------------------- my grid card

  function cardPage() {
    var LAST = 'gridgov.phone.card';
    var list = document.getElementById('card');
    var message = document.getElementById('card-message');

    function show(code, name) {
      try { window.localStorage.setItem(LAST, JSON.stringify({ code: code, name: name })); } catch (e) { /* fine */ }
      // the same page the QR code on the printed card opens
      list.replaceChildren(el('li', { 'data-code': code }, [
        el('strong', { text: name || code }),
        el('a', { className: 'button', id: 'card-open', href: '/api/v1/public/grid-cards/' + encodeURIComponent(code),
          text: t('phone.js.card-open') }),
        el('a', { className: 'button secondary', href: '/m/report?grid=' + encodeURIComponent(code),
          text: t('phone.js.report-here') })
      ]));
    }

    var mine = document.body.getAttribute('data-grid');
    if (mine) {
      show(mine, null);
    } else {
      try {
        var last = JSON.parse(window.localStorage.getItem(LAST) || 'null');
        if (last && last.code) {
          show(last.code, last.name);
        }
      } catch (e) { /* none yet */ }
    }
    var locate = document.getElementById('card-locate');
    if (!navigator.geolocation) {
      locate.hidden = true;
    }
    locate.addEventListener('click', function () {
      P.say(message, t('phone.js.locating'), 'info');
      navigator.geolocation.getCurrentPosition(function (position) {
        // WGS-84 from the browser, said so to the API
        fetch('/api/v1/public/grid-cards?coordSystem=WGS84&lat=' + position.coords.latitude + '&lng='
          + position.coords.longitude, { headers: { Accept: 'application/json' } }).then(function (r) {
          if (!r.ok) {
            throw new Error(String(r.status));
          }
          return r.json();
        }).then(function (card) {
          P.say(message, '', 'info');
          show(card.gridCode || card.code, card.gridName || card.name);
        }).catch(function () { P.say(message, t('phone.js.outside'), 'warn'); });
      }, function () { P.say(message, t('phone.js.no-location'), 'warn'); }, { timeout: 15000 });
    });
  }

  if (page === 'visits') {
    visitsPage();
  } else if (page === 'service') {
    servicePage();
  } else if (page === 'points') {
    pointsPage();
  } else if (page === 'card') {
    cardPage();
  }
}());
