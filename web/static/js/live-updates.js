// Live counters and notifications over Server-Sent Events: the dashboard's task counters and the bell
// badge follow the `counters` events, and each `notification` shows a small toast. Without this
// script (or without EventSource) the same figures appear on the next page load.
(function () {
  'use strict';
  if (!('EventSource' in window)) return;
  var source = new window.EventSource('/api/v1/events');

  function setCounter(el, value) {
    var text = String(value);
    el.textContent = text;
    if (el.hasAttribute('data-count')) el.setAttribute('data-count', text);
    if (el.getAttribute('data-counter') === 'unreadNotifications') {
      el.classList.toggle('d-none', value === 0);
      if (value > 0) el.setAttribute('data-testid', 'unread-badge');
      else el.removeAttribute('data-testid');
      var link = el.closest('a');
      if (link)
        link.setAttribute('aria-label', value > 0 ? 'Notifikasi, ' + text + ' belum dibaca' : 'Notifikasi');
    }
    if (el.getAttribute('data-counter') === 'overdue') el.classList.toggle('text-danger', value > 0);
  }

  source.addEventListener('counters', function (event) {
    var counters = JSON.parse(event.data);
    document.querySelectorAll('[data-counter]').forEach(function (el) {
      var value = counters[el.getAttribute('data-counter')];
      if (typeof value === 'number') setCounter(el, value);
    });
  });

  source.addEventListener('notification', function (event) {
    var n = JSON.parse(event.data);
    var box = document.getElementById('live-toasts');
    if (!box) return;
    var toast = document.createElement('div');
    toast.className = 'toast show';
    toast.setAttribute('role', 'alert');
    toast.setAttribute('data-testid', 'live-toast');
    var body = document.createElement('div');
    body.className = 'toast-body d-flex gap-2 align-items-start';
    var text = document.createElement(n.link ? 'a' : 'span');
    text.textContent = n.title;
    // Only links inside e-Office: the title and link come from the server, never from elsewhere.
    if (n.link && n.link.charAt(0) === '/' && n.link.charAt(1) !== '/') text.href = n.link;
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn-close ms-auto';
    close.setAttribute('aria-label', 'Tutup');
    close.addEventListener('click', function () {
      toast.remove();
    });
    body.appendChild(text);
    body.appendChild(close);
    toast.appendChild(body);
    box.appendChild(toast);
    window.setTimeout(function () {
      toast.remove();
    }, 8000);
  });

  // Leaving the page closes the stream at once instead of leaving it for the server to notice.
  window.addEventListener('pagehide', function () {
    source.close();
  });
})();
