// The phone web app's common part: texts, the API access token of the session, calls to the REST API, the outbox of
// reports and visits typed without signal, the live notification stream and the service worker.
(function () {
  'use strict';

  var OUTBOX = 'gridgov.phone.outbox';
  var TOKEN = 'gridgov.phone.token';
  var Phone = window.GridGovPhone = {};
  var texts = {};
  try {
    var block = document.getElementById('phone-messages');
    texts = block ? JSON.parse(block.textContent || '{}') : {};
  } catch (e) {
    texts = {};
  }

  /** The text of a message key (from the page's data block), with {0}-style arguments. */
  Phone.t = function (key) {
    var text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    for (var i = 1; i < arguments.length; i++) {
      text = text.split('{' + (i - 1) + '}').join(String(arguments[i]));
    }
    return text;
  };

  Phone.el = function (tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') {
        node.textContent = attributes[name];
      } else if (name === 'className') {
        node.className = attributes[name];
      } else if (attributes[name] !== null && attributes[name] !== undefined && attributes[name] !== false) {
        node.setAttribute(name, attributes[name]);
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    });
    return node;
  };

  Phone.time = function (iso) {
    if (!iso) {
      return '';
    }
    var d = new Date(iso);
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    // Asia/Shanghai, like the console (the phone's own zone may differ)
    var shanghai = new Date(d.getTime() + 8 * 3600 * 1000);
    return shanghai.getUTCFullYear() + '-' + pad(shanghai.getUTCMonth() + 1) + '-' + pad(shanghai.getUTCDate()) + ' '
      + pad(shanghai.getUTCHours()) + ':' + pad(shanghai.getUTCMinutes());
  };

  Phone.uuid = function () {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  };

  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var headers = {};
    if (token && header) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  /** The API access token of this session (asked of /m/token, kept until shortly before it expires). */
  Phone.token = function (renew) {
    if (!renew) {
      try {
        var kept = JSON.parse(window.sessionStorage.getItem(TOKEN) || 'null');
        if (kept && kept.until > Date.now()) {
          return Promise.resolve(kept.token);
        }
      } catch (e) { /* ask again */ }
    }
    return fetch('/m/token', { method: 'POST', credentials: 'same-origin', headers: csrf() }).then(function (r) {
      if (!r.ok) {
        throw new Error('token ' + r.status);
      }
      return r.json();
    }).then(function (body) {
      window.sessionStorage.setItem(TOKEN, JSON.stringify({ token: body.accessToken,
        until: Date.now() + Math.max(30, body.expiresIn - 30) * 1000 }));
      return body.accessToken;
    });
  };

  /** Calls the REST API with the session's token; a 401 renews the token once. Rejects only when there is no signal. */
  Phone.api = function (method, path, body, headers) {
    function call(token) {
      var all = { Authorization: 'Bearer ' + token, Accept: 'application/json' };
      Object.keys(headers || {}).forEach(function (name) { all[name] = headers[name]; });
      var options = { method: method, headers: all, credentials: 'omit' };
      if (body instanceof FormData) {
        options.body = body;
      } else if (body !== undefined && body !== null) {
        all['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
      }
      return fetch(path, options);
    }
    return Phone.token().then(call).then(function (response) {
      if (response.status !== 401) {
        return response;
      }
      return Phone.token(true).then(call);
    });
  };

  Phone.json = function (method, path, body, headers) {
    return Phone.api(method, path, body, headers).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!response.ok) {
          var error = new Error((data && (data.detail || data.title)) || ('HTTP ' + response.status));
          error.status = response.status;
          error.problem = data;
          throw error;
        }
        return { data: data, etag: response.headers.get('ETag'), status: response.status };
      });
    });
  };

  Phone.say = function (element, text, kind) {
    if (!element) {
      return;
    }
    element.textContent = text;
    element.className = 'alert ' + (kind || 'info');
    element.hidden = !text;
  };

  // ------------------------------------------------------------------ photos

  /** A photo from the camera, made smaller (longest side 1600 px, JPEG) so it can wait in the outbox. */
  Phone.shrink = function (file) {
    return new Promise(function (resolve) {
      if (!file) {
        resolve(null);
        return;
      }
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(1, 1600 / Math.max(img.naturalWidth, img.naturalHeight));
        var canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
        canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        resolve(canvas.toDataURL('image/jpeg', 0.82));
      };
      img.onerror = function () {
        URL.revokeObjectURL(url);
        var reader = new FileReader();
        reader.onload = function () { resolve(reader.result); };
        reader.onerror = function () { resolve(null); };
        reader.readAsDataURL(file);
      };
      img.src = url;
    });
  };

  function blobOf(dataUrl) {
    var comma = dataUrl.indexOf(',');
    var type = (dataUrl.slice(5, comma).split(';')[0]) || 'image/jpeg';
    var binary = atob(dataUrl.slice(comma + 1));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return new Blob([bytes], { type: type });
  }

  Phone.uploadPhoto = function (path, dataUrl) {
    var form = new FormData();
    form.append('file', blobOf(dataUrl), 'photo.jpg');
    return Phone.api('POST', path, form).then(function (response) {
      if (!response.ok) {
        throw new Error('photo ' + response.status);
      }
      return response;
    });
  };

  // ------------------------------------------------------------------ the outbox

  function readOutbox() {
    try {
      return JSON.parse(window.localStorage.getItem(OUTBOX) || '[]');
    } catch (e) {
      return [];
    }
  }

  function writeOutbox(items) {
    try {
      window.localStorage.setItem(OUTBOX, JSON.stringify(items));
    } catch (e) {
      // full: keep the texts, drop the photos rather than the reports
      window.localStorage.setItem(OUTBOX, JSON.stringify(items.map(function (item) {
        var copy = Object.assign({}, item);
        copy.photo = null;
        return copy;
      })));
    }
    Phone.showOutbox();
  }

  Phone.outbox = function () {
    return readOutbox();
  };

  Phone.showOutbox = function () {
    var count = readOutbox().length;
    var badge = document.getElementById('phone-outbox');
    var number = document.getElementById('phone-outbox-count');
    if (badge && number) {
      number.textContent = String(count);
      badge.hidden = count === 0;
      badge.setAttribute('data-count', String(count));
    }
  };

  function update(key, change) {
    writeOutbox(readOutbox().map(function (item) {
      return item.key === key ? Object.assign({}, item, change) : item;
    }));
  }

  function removeItem(key) {
    writeOutbox(readOutbox().filter(function (item) { return item.key !== key; }));
  }

  /**
   * Sends one queued item: the POST with the Idempotency-Key made when it was typed (a resend returns the first
   * record, never a second), then its photo. Resolves true when done, false when there is still no signal.
   */
  function send(item) {
    var first = item.sentId ? Promise.resolve({ id: item.sentId }) :
      Phone.api('POST', item.path, item.body, { 'Idempotency-Key': item.key }).then(function (response) {
        return response.text().then(function (text) {
          var data = null;
          try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
          if (!response.ok) {
            var error = new Error((data && (data.detail || data.title)) || ('HTTP ' + response.status));
            error.status = response.status;
            throw error;
          }
          var id = item.kind === 'report' ? data.incident.id : data.id;
          update(item.key, { sentId: id });
          return { id: id, data: data };
        });
      });
    return first.then(function (sent) {
      if (!item.photo) {
        return sent;
      }
      var path = item.kind === 'report' ? '/api/v1/incidents/' + sent.id + '/photos' : '/api/v1/visits/' + sent.id + '/photos';
      return Phone.uploadPhoto(path, item.photo).then(function () { return sent; });
    }).then(function (sent) {
      removeItem(item.key);
      document.dispatchEvent(new CustomEvent('phone:sent', { detail: { item: item, id: sent.id, data: sent.data } }));
      return true;
    }, function (error) {
      if (error && error.status && error.status >= 400 && error.status < 500 && error.status !== 401
          && error.status !== 408 && error.status !== 429) {
        // refused for good (a bad field): no resend will change that
        removeItem(item.key);
        document.dispatchEvent(new CustomEvent('phone:refused', { detail: { item: item, message: error.message } }));
        return true;
      }
      return false;
    });
  }

  var flushing = null;

  /** Sends what waits in the outbox, oldest first; stops at the first item that finds no signal. */
  Phone.flush = function () {
    if (flushing) {
      return flushing;
    }
    flushing = (function next() {
      var items = readOutbox();
      if (items.length === 0) {
        return Promise.resolve(true);
      }
      return send(items[0]).then(function (done) { return done ? next() : false; });
    }()).then(function (result) {
      flushing = null;
      Phone.showOutbox();
      return result;
    }, function () {
      flushing = null;
      return false;
    });
    return flushing;
  };

  /**
   * Queues a report or visit (its Idempotency-Key made now, when typed) and tries to send it at once. Resolves with
   * {sent: true, id, data} or {sent: false} when it waits for signal.
   */
  Phone.submit = function (kind, path, body, photo) {
    var item = { key: Phone.uuid(), kind: kind, path: path, body: body, photo: photo || null, typedAt: Date.now() };
    var items = readOutbox();
    items.push(item);
    writeOutbox(items);
    return new Promise(function (resolve) {
      var settled = false;
      function onSent(event) {
        if (event.detail.item.key === item.key) {
          settled = true;
          cleanup();
          resolve({ sent: true, id: event.detail.id, data: event.detail.data });
        }
      }
      function onRefused(event) {
        if (event.detail.item.key === item.key) {
          settled = true;
          cleanup();
          resolve({ sent: false, refused: event.detail.message });
        }
      }
      function cleanup() {
        document.removeEventListener('phone:sent', onSent);
        document.removeEventListener('phone:refused', onRefused);
      }
      document.addEventListener('phone:sent', onSent);
      document.addEventListener('phone:refused', onRefused);
      var attempt = navigator.onLine === false ? Promise.resolve(false) : Phone.flush();
      attempt.then(function () {
        if (!settled) {
          cleanup();
          resolve({ sent: false });
        }
      });
    });
  };

  // ------------------------------------------------------------------ live notifications (SSE over fetch)

  /**
   * Follows my notification stream (the API's Server-Sent Events; read with fetch, so the token goes in a header),
   * reconnecting with Last-Event-ID. onEvent gets each notification; onState 'live' or 'down'.
   */
  Phone.stream = function (onEvent, onState) {
    var lastId = null;
    function again(delay) {
      onState('down');
      window.setTimeout(connect, delay);
    }
    function connect() {
      Phone.token().then(function (token) {
        var headers = { Authorization: 'Bearer ' + token, Accept: 'text/event-stream' };
        if (lastId) {
          headers['Last-Event-ID'] = lastId;
        }
        return fetch('/api/v1/me/notifications/stream', { headers: headers, credentials: 'omit', cache: 'no-store' });
      }).then(function (response) {
        if (response.status === 401) {
          window.sessionStorage.removeItem(TOKEN);
        }
        if (!response.ok || !response.body) {
          throw new Error('stream ' + response.status);
        }
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function read() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              again(1000);
              return;
            }
            buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, '\n');
            var end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              var block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              var data = [];
              block.split('\n').forEach(function (line) {
                if (line.indexOf(':') === 0) {
                  onState('live');
                } else if (line.indexOf('id:') === 0) {
                  lastId = line.slice(3).trim();
                } else if (line.indexOf('data:') === 0) {
                  data.push(line.slice(5).replace(/^ /, ''));
                }
              });
              if (data.length) {
                onState('live');
                try { onEvent(JSON.parse(data.join('\n'))); } catch (e) { onEvent(null); }
              }
            }
            return read();
          });
        }
        return read();
      }).catch(function () { again(5000); });
    }
    connect();
  };

  // ------------------------------------------------------------------ start

  Phone.showOutbox();
  window.addEventListener('online', function () { Phone.flush(); });
  window.addEventListener('load', function () { Phone.flush(); });
  window.setInterval(function () {
    if (readOutbox().length > 0 && navigator.onLine !== false) {
      Phone.flush();
    }
  }, 15000);
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(function () { /* works without */ });
  }
}());
