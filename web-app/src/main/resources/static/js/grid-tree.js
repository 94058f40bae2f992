// The grid tree: the first click on an expander loads the node's children (htmx, hx-trigger "click once");
// every click shows or hides them, so a level is fetched only once.
(function () {
  'use strict';

  document.addEventListener('click', function (event) {
    var expander = event.target.closest('.tree-expander');
    if (!expander) {
      return;
    }
    var expand = expander.getAttribute('aria-expanded') !== 'true';
    expander.setAttribute('aria-expanded', String(expand));
    var item = expander.closest('[role="treeitem"]');
    if (item) {
      item.setAttribute('aria-expanded', String(expand));
    }
    var children = document.getElementById(expander.getAttribute('aria-controls'));
    if (children) {
      children.hidden = !expand;
    }
  });
})();
