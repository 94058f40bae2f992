// The user admin's grid picker: type part of a grid's name or code, pick it from the list (its chain of names), and
// the form sends its id. Text typed but not picked is refused by the form (custom validity), so a half-typed name
// never unbinds an account silently; an emptied field means "no grid". No inline script: config in data-*.
(function () {
  'use strict';

  function setup(search) {
    var picker = search.closest('.node-picker');
    var hidden = picker.querySelector('input[type=hidden][name=scopeNodeId]');
    var results = picker.querySelector('.node-results');
    var timer = null;
    var asked = 0;

    function close() {
      results.hidden = true;
      results.replaceChildren();
    }

    function pick(choice) {
      hidden.value = String(choice.id);
      search.value = choice.label;
      search.dataset.picked = String(choice.id);
      search.setCustomValidity('');
      close();
    }

    function show(choices) {
      results.replaceChildren();
      choices.forEach(function (choice) {
        var item = document.createElement('li');
        item.setAttribute('role', 'option');
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'node-choice';
        button.dataset.id = String(choice.id);
        button.textContent = choice.label + ' · ' + choice.code; // names are data: text, never HTML
        button.addEventListener('click', function () { pick(choice); });
        item.appendChild(button);
        results.appendChild(item);
      });
      results.hidden = choices.length === 0;
    }

    function ask() {
      var text = search.value.trim();
      var mine = ++asked;
      if (!text) {
        close();
        return;
      }
      fetch(search.dataset.url + '?q=' + encodeURIComponent(text), {
        credentials: 'same-origin', headers: { Accept: 'application/json' }
      })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (choices) {
          if (mine === asked) {
            show(choices);
          }
        })
        .catch(close);
    }

    search.addEventListener('input', function () {
      delete search.dataset.picked;
      if (search.value.trim() === '') {
        hidden.value = '';
        search.setCustomValidity('');
      } else {
        hidden.value = '';
        search.setCustomValidity(search.dataset.unpicked || '');
      }
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    search.addEventListener('change', function () {
      if (search.value.trim() === '') {
        hidden.value = '';
        search.setCustomValidity('');
      }
    });
    search.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        close();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.node-picker input.node-search').forEach(setup);
  });
})();
