/*
 * Staff sync pages. The upload form is sent with the CSRF token in a header (the multipart body is
 * read by the API itself), then the browser goes to the new run. A run in progress polls its JSON and
 * reloads the page when it is over; without JavaScript a meta refresh does the same.
 */
/* global fetch, FormData */
(function () {
  'use strict';

  var form = document.querySelector('[data-staff-upload]');
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var error = form.querySelector('[data-upload-error]');
      var button = form.querySelector('button[type=submit]');
      error.textContent = '';
      button.disabled = true;
      fetch(form.action, {
        method: 'POST',
        body: new FormData(form),
        headers: { 'X-CSRF-Token': form.querySelector('[name=_csrf]').value, Accept: 'application/json' },
        credentials: 'same-origin',
      })
        .then(function (response) {
          return response.json().then(function (body) {
            if (!response.ok) throw new Error((body.error && body.error.message) || 'Unggahan gagal.');
            window.location.assign('/admin/smart/proses/' + body.runId);
          });
        })
        .catch(function (err) {
          error.textContent = err.message;
          button.disabled = false;
        });
    });
  }

  var progress = document.querySelector('[data-run-url]');
  if (progress) {
    var bar = progress.querySelector('[data-progress-bar]');
    var text = progress.querySelector('[data-progress-text]');
    // The page's CSP forbids inline styles; the script sets the width through the DOM instead.
    bar.style.width = bar.parentNode.getAttribute('aria-valuenow') + '%';
    var poll = function () {
      fetch(progress.getAttribute('data-run-url'), {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (run) {
          if (run.status === 'finished' || run.status === 'failed') {
            window.location.reload();
            return;
          }
          bar.style.width = run.progress.percent + '%';
          bar.parentNode.setAttribute('aria-valuenow', String(run.progress.percent));
          text.textContent = run.progress.processed + ' dari ' + run.progress.total + ' baris diproses.';
          window.setTimeout(poll, 1500);
        })
        .catch(function () {
          window.setTimeout(poll, 5000);
        });
    };
    window.setTimeout(poll, 1500);
  }
})();
