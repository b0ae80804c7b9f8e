// Letter page: a form that takes a few seconds (signing renders and signs a PDF) shows that it is busy
// and cannot be sent twice by a second click or Enter.
(function () {
  'use strict';
  document.querySelectorAll('form[data-busy]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (form.dataset.sent === '1') {
        event.preventDefault();
        return;
      }
      form.dataset.sent = '1';
      form.querySelectorAll('button[type="submit"]').forEach(function (button) {
        button.setAttribute('aria-disabled', 'true');
        button.classList.add('disabled');
        var spinner = document.createElement('span');
        spinner.className = 'spinner-border spinner-border-sm ms-2';
        spinner.setAttribute('role', 'status');
        spinner.setAttribute('aria-label', 'Memproses');
        button.appendChild(spinner);
      });
    });
  });
  // A page shown again after Back (bfcache) must be usable again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    document.querySelectorAll('form[data-busy]').forEach(function (form) {
      delete form.dataset.sent;
      form.querySelectorAll('.spinner-border').forEach(function (s) {
        s.remove();
      });
      form.querySelectorAll('button[type="submit"]').forEach(function (b) {
        b.classList.remove('disabled');
        b.removeAttribute('aria-disabled');
      });
    });
  });
})();
