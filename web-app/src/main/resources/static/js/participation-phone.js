// The phone booking page: the tapped slot becomes the booking's start and end.
document.addEventListener('change', function (event) {
  var radio = event.target;
  if (radio.name !== 'slot') {
    return;
  }
  document.getElementById('book-starts').value = radio.getAttribute('data-starts');
  document.getElementById('book-ends').value = radio.getAttribute('data-ends');
});
