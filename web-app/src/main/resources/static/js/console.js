// Console glue: send the CSRF token with every htmx request (the console chain keeps CSRF on).
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Layout: the phone-width menu toggle (the left menu collapses behind it below 760 px) and wide tables that scroll
// inside their own container instead of widening the page. No inline handlers anywhere: the CSP forbids them.
document.addEventListener('DOMContentLoaded', function () {
  var toggle = document.getElementById('menu-toggle');
  if (toggle) {
    toggle.addEventListener('click', function () {
      var open = document.body.classList.toggle('menu-open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }
  wrapTables(document);
  autoSubmitFilters(document);
  selectAllBoxes(document);
});
document.addEventListener('htmx:afterSwap', function (event) {
  wrapTables(event.target);
});

function wrapTables(root) {
  root.querySelectorAll('main table').forEach(function (table) {
    var parent = table.parentElement;
    if (!parent || parent.classList.contains('table-scroll')) {
      return;
    }
    var box = document.createElement('div');
    box.className = 'table-scroll';
    parent.insertBefore(box, table);
    box.appendChild(table);
  });
}

// A filter select marked data-auto-submit submits its form when changed (the page's own submit button stays for
// keyboard and no-script use).
function autoSubmitFilters(root) {
  root.querySelectorAll('select[data-auto-submit]').forEach(function (select) {
    select.addEventListener('change', function () {
      if (select.form) {
        select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
      }
    });
  });
}

// A header checkbox data-select-all="cls" ticks or clears every checkbox of class cls (batch actions on a list).
function selectAllBoxes(root) {
  root.querySelectorAll('input[data-select-all]').forEach(function (all) {
    all.addEventListener('change', function () {
      document.querySelectorAll('input.' + all.getAttribute('data-select-all')).forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });
}
