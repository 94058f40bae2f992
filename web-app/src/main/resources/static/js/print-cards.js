// The print button of the printable grid cards (a script file: the console's CSP allows no inline script).
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('print-button');
  if (button) {
    button.addEventListener('click', function () { window.print(); });
  }
});
