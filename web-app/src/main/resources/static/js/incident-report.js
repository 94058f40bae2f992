// Report form: fill latitude and longitude from the browser's position (GPS, so WGS84) on request, and keep a
// double click from sending the form twice (the idempotency key already stops a second report on the server).
(function () {
  var form = document.getElementById('report-form');
  if (!form) {
    return;
  }
  form.addEventListener('submit', function () {
    var submit = document.getElementById('report-submit');
    window.setTimeout(function () { submit.disabled = true; }, 0);
  });
  var button = document.getElementById('use-location');
  if (!button || !navigator.geolocation) {
    return;
  }
  var status = document.getElementById('location-status');
  button.hidden = false;
  button.addEventListener('click', function () {
    status.textContent = button.dataset.locating;
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById('report-lat').value = position.coords.latitude.toFixed(6);
      document.getElementById('report-lng').value = position.coords.longitude.toFixed(6);
      document.getElementById('report-coord-system').value = 'WGS84';
      status.textContent = '';
    }, function () {
      status.textContent = button.dataset.failed;
    }, { enableHighAccuracy: true, timeout: 10000 });
  });
}());
