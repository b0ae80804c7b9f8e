/*
 * Staff sync pages. The upload form works as a plain form; with JavaScript it is sent in the
 * background so a refusal shows on the form, not on an error page (asking for JSON gets the error as
 * JSON), and the browser then goes to the new run the server redirected to. A run in progress polls
 * its JSON and reloads the page when it is over; without JavaScript a meta refresh does the same.
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
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      })
        .then(function (response) {
          if (response.ok) {
            window.location.assign(response.url);
            return;
          }
          return response.json().then(function (body) {
            throw new Error((body.error && body.error.message) || 'Unggahan gagal.');
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
