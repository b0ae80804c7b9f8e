/*
 * Verifier order on the submit page. Without JavaScript each verifier has a number input for its
 * place; with it, up/down buttons move the list items and hidden `verifierIds` inputs carry the
 * ticked verifiers in the order shown.
 */
(function () {
  'use strict';

  var list = document.querySelector('[data-verifier-list]');
  if (!list) return;
  var form = list.closest('form');
  var status = document.querySelector('[data-order-status]');

  document.querySelectorAll('[data-order-hint-nojs]').forEach(function (n) {
    n.classList.add('d-none');
  });
  document.querySelectorAll('[data-order-hint-js]').forEach(function (n) {
    n.classList.remove('d-none');
  });

  function nameOf(item) {
    var label = item.querySelector('.form-check-label');
    return label && label.firstChild ? label.firstChild.textContent.trim() : '';
  }

  function button(iconName, text) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn btn-outline-secondary';
    b.setAttribute('aria-label', text);
    var i = document.createElement('i');
    i.className = 'bi bi-' + iconName;
    i.setAttribute('aria-hidden', 'true');
    b.appendChild(i);
    return b;
  }

  function items() {
    return Array.prototype.slice.call(list.querySelectorAll('[data-verifier-id]'));
  }

  /** Badges show each ticked verifier's place; hidden inputs carry the order to the server. */
  function refresh() {
    form.querySelectorAll('input[type=hidden][name=verifierIds]').forEach(function (n) {
      n.remove();
    });
    var place = 0;
    items().forEach(function (item, i, all) {
      var ticked = item.querySelector('input[type=checkbox]').checked;
      var badge = item.querySelector('[data-order-badge]');
      if (ticked) {
        place += 1;
        badge.textContent = 'Urutan ' + place;
        badge.classList.remove('d-none');
        var hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = 'verifierIds';
        hidden.value = item.getAttribute('data-verifier-id');
        form.appendChild(hidden);
      } else {
        badge.classList.add('d-none');
      }
      item.querySelector('[data-move=up]').disabled = i === 0;
      item.querySelector('[data-move=down]').disabled = i === all.length - 1;
    });
  }

  function move(item, direction) {
    var other = direction === 'up' ? item.previousElementSibling : item.nextElementSibling;
    if (!other) return;
    if (direction === 'up') other.insertAdjacentElement('beforebegin', item);
    else other.insertAdjacentElement('afterend', item);
    refresh();
    var again = item.querySelector('[data-move=' + direction + ']');
    (again.disabled ? item.querySelector('[data-move]:not([disabled])') : again).focus();
    if (status)
      status.textContent = nameOf(item) + ' sekarang di posisi ' + (items().indexOf(item) + 1) + '.';
  }

  items().forEach(function (item) {
    var order = item.querySelector('[data-order-input]');
    order.disabled = true; // the hidden inputs carry the order now
    order.classList.add('d-none');
    var name = nameOf(item);
    var group = document.createElement('div');
    group.className = 'btn-group btn-group-sm';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Urutan ' + name);
    var up = button('arrow-up', 'Naikkan ' + name);
    up.setAttribute('data-move', 'up');
    var down = button('arrow-down', 'Turunkan ' + name);
    down.setAttribute('data-move', 'down');
    up.addEventListener('click', function () {
      move(item, 'up');
    });
    down.addEventListener('click', function () {
      move(item, 'down');
    });
    group.appendChild(up);
    group.appendChild(down);
    item.appendChild(group);
    item.querySelector('input[type=checkbox]').addEventListener('change', refresh);
  });
  refresh();
  form.addEventListener('submit', refresh);
})();
