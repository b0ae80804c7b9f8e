/*
 * The letter form, enhanced when JavaScript runs (the form works without it):
 * - rich-text fields get the Quill editor; its HTML goes back into the field's textarea on submit;
 * - list fields (one item per line) become repeatable inputs with add/remove buttons;
 * - groups of people get add/remove buttons that work without a round trip to the server.
 */
(function () {
  'use strict';

  var form = document.getElementById('letter-form');
  if (!form) return;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function icon(name) {
    return el('i', { class: 'bi bi-' + name, 'aria-hidden': 'true' });
  }

  // ---- rich text (Quill 2) ----
  var editors = [];
  if (window.Quill) {
    form.querySelectorAll('textarea[data-richtext]').forEach(function (textarea) {
      var holder = el('div', { class: 'letters-editor' });
      if (textarea.classList.contains('is-invalid')) holder.classList.add('is-invalid');
      textarea.insertAdjacentElement('afterend', holder);
      textarea.classList.add('d-none');
      var quill = new window.Quill(holder, {
        theme: 'snow',
        placeholder: 'Tulis isi surat di sini…',
        modules: {
          toolbar: [['bold', 'italic', 'underline'], [{ list: 'ordered' }, { list: 'bullet' }], ['clean']],
          // Tab leaves the editor (as in any other field) instead of typing a tab character.
          keyboard: {
            bindings: {
              tab: {
                key: 'Tab',
                handler: function () {
                  return true;
                },
              },
            },
          },
        },
      });
      if (textarea.value.trim()) quill.clipboard.dangerouslyPasteHTML(textarea.value);
      var label = document.getElementById(textarea.id + '-label');
      quill.root.setAttribute('role', 'textbox');
      quill.root.setAttribute('aria-multiline', 'true');
      if (label) {
        quill.root.setAttribute('aria-labelledby', label.id);
        label.removeAttribute('for');
        label.addEventListener('click', function () {
          quill.focus();
        });
      }
      var help = textarea.getAttribute('aria-describedby');
      if (help) quill.root.setAttribute('aria-describedby', help);
      var toolbar = holder.previousElementSibling;
      if (toolbar && toolbar.classList.contains('ql-toolbar')) {
        toolbar.setAttribute('role', 'toolbar');
        toolbar.setAttribute(
          'aria-label',
          'Format ' + (label ? label.textContent.replace('*', '').trim() : 'teks'),
        );
        var names = {
          'ql-bold': 'Tebal',
          'ql-italic': 'Miring',
          'ql-underline': 'Garis bawah',
          'ql-clean': 'Hapus format',
        };
        toolbar.querySelectorAll('button').forEach(function (button) {
          var name = Object.keys(names).find(function (c) {
            return button.classList.contains(c);
          });
          if (name) button.setAttribute('aria-label', names[name]);
          if (button.classList.contains('ql-list')) {
            button.setAttribute(
              'aria-label',
              button.value === 'ordered' ? 'Daftar bernomor' : 'Daftar berbutir',
            );
          }
        });
      }
      editors.push({ quill: quill, textarea: textarea });
    });
  }

  // ---- lists: one input per item ----
  function listRow(name, label, value, onChange) {
    var row = el('li', { class: 'input-group mb-2', 'data-list-item': '' });
    var input = el('input', { type: 'text', class: 'form-control', name: 'fields[' + name + '][]' });
    input.value = value;
    var remove = el('button', { type: 'button', class: 'btn btn-outline-danger' });
    remove.appendChild(icon('x-lg'));
    row.appendChild(input);
    row.appendChild(remove);
    input.addEventListener('keydown', function (event) {
      // Enter adds the next item rather than submitting the whole form.
      if (event.key === 'Enter') {
        event.preventDefault();
        onChange('add', row);
      }
    });
    remove.addEventListener('click', function () {
      onChange('remove', row);
    });
    return row;
  }

  form.querySelectorAll('[data-list-field]').forEach(function (box) {
    var name = box.getAttribute('data-list-field');
    var label = box.getAttribute('data-list-label');
    var textarea = box.querySelector('textarea');
    var hint = box.querySelector('[data-list-hint]');
    var labelEl = box.querySelector('label');
    var list = el('ol', { class: 'list-unstyled mb-2 letters-list-items', 'data-list-items': '' });
    var items = textarea.value.split(/\r?\n/).filter(function (s) {
      return s.trim() !== '';
    });
    if (items.length === 0) items = [''];

    function renumber() {
      list.querySelectorAll('[data-list-item]').forEach(function (row, i) {
        var input = row.querySelector('input');
        input.id = textarea.id + '-' + i;
        input.setAttribute('aria-label', label + ' butir ' + (i + 1));
        if (textarea.getAttribute('aria-describedby'))
          input.setAttribute('aria-describedby', textarea.getAttribute('aria-describedby'));
        row.querySelector('button').setAttribute('aria-label', 'Hapus ' + label + ' butir ' + (i + 1));
      });
      var first = list.querySelector('input');
      if (first && labelEl) labelEl.setAttribute('for', first.id);
    }
    function change(action, row) {
      if (action === 'add') {
        var next = listRow(name, label, '', change);
        if (row) row.insertAdjacentElement('afterend', next);
        else list.appendChild(next);
        renumber();
        next.querySelector('input').focus();
      } else {
        var rows = list.querySelectorAll('[data-list-item]');
        if (rows.length === 1) {
          row.querySelector('input').value = '';
          row.querySelector('input').focus();
          return;
        }
        var target = row.previousElementSibling || row.nextElementSibling;
        row.remove();
        renumber();
        target.querySelector('input').focus();
      }
    }
    items.forEach(function (value) {
      list.appendChild(listRow(name, label, value, change));
    });
    var add = el('button', { type: 'button', class: 'btn btn-sm btn-outline-primary' });
    add.appendChild(icon('plus-lg'));
    add.appendChild(document.createTextNode(' Tambah butir'));
    add.addEventListener('click', function () {
      change('add', list.lastElementChild);
    });
    if (textarea.classList.contains('is-invalid')) list.classList.add('is-invalid');
    textarea.insertAdjacentElement('afterend', list);
    list.insertAdjacentElement('afterend', add);
    textarea.remove();
    if (hint) hint.remove();
    renumber();
  });

  // ---- groups of people ----
  form.querySelectorAll('[data-people-field]').forEach(function (box) {
    var name = box.getAttribute('data-people-field');
    var label = box.getAttribute('data-people-label');
    var list = box.querySelector('[data-people-list]');
    var add = box.querySelector('[data-person-add]');
    var prefix = 'f-' + name + '-';

    function renumber() {
      list.querySelectorAll('[data-person]').forEach(function (group, i) {
        group.querySelector('[data-person-title]').textContent = label + ' ' + (i + 1);
        var remove = group.querySelector('[data-person-remove]');
        remove.setAttribute('aria-label', 'Hapus ' + label + ' ' + (i + 1));
        group.querySelectorAll('input, label, .form-text').forEach(function (node) {
          ['id', 'for', 'aria-describedby'].forEach(function (attr) {
            var v = node.getAttribute(attr);
            if (v && v.indexOf(prefix) === 0)
              node.setAttribute(attr, v.replace(/^(f-[^-]+-)\d+-/, '$1' + i + '-'));
          });
          var n = node.getAttribute('name');
          if (n) node.setAttribute('name', n.replace(/^(fields\[[^\]]+\])\[\d+\]/, '$1[' + i + ']'));
        });
      });
    }
    function wire(group) {
      var remove = group.querySelector('[data-person-remove]');
      remove.classList.remove('d-none');
      remove.addEventListener('click', function () {
        var groups = list.querySelectorAll('[data-person]');
        if (groups.length === 1) {
          group.querySelectorAll('input').forEach(function (input) {
            input.value = '';
          });
          group.querySelector('input').focus();
          return;
        }
        var target = group.previousElementSibling || group.nextElementSibling;
        group.remove();
        renumber();
        target.querySelector('input').focus();
      });
    }
    list.querySelectorAll('[data-person]').forEach(wire);
    add.addEventListener('click', function (event) {
      event.preventDefault();
      var last = list.lastElementChild;
      var copy = last.cloneNode(true);
      copy.querySelectorAll('input').forEach(function (input) {
        input.value = '';
        input.classList.remove('is-invalid');
      });
      copy.querySelectorAll('.invalid-feedback').forEach(function (node) {
        node.remove();
      });
      list.appendChild(copy);
      wire(copy);
      renumber();
      copy.querySelector('input').focus();
    });
  });

  // ---- submit: the editors' HTML into their fields ----
  form.addEventListener('submit', function () {
    editors.forEach(function (e) {
      var empty = e.quill.getText().trim() === '';
      // Quill 2 writes every space as &nbsp;, which would stop the letter's lines from wrapping.
      e.textarea.value = empty ? '' : e.quill.getSemanticHTML().replace(/&nbsp;/g, ' ');
    });
  });

  // Errors from the server: bring the summary into view for screen readers and keyboards.
  var summary = document.getElementById('galat');
  if (summary) summary.focus();
})();
