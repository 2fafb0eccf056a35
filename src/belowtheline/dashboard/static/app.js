// belowtheline dashboard: keyboard shortcuts for the review queue, auto-submitting filters.
// Loaded from this server only (the CSP forbids inline and foreign scripts). It never
// builds HTML from strings: text goes in through textContent, so comment text stays text.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  var statusEl = document.getElementById('status');
  var canAct = document.body.getAttribute('data-can-act') === 'true';
  var timer = null;

  function say(msg) {
    if (!statusEl) return;
    statusEl.textContent = msg;
    clearTimeout(timer);
    timer = setTimeout(function () { statusEl.textContent = ''; }, 4000);
  }

  function post(url, data) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json', 'X-CSRF-Token': csrf },
      body: new URLSearchParams(Object.assign({ csrf: csrf }, data)).toString()
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (!r.ok) throw new Error(j.message || ('HTTP ' + r.status));
        return j;
      });
    });
  }

  document.querySelectorAll('form.autosubmit select').forEach(function (sel) {
    sel.addEventListener('change', function () { sel.form.requestSubmit(); });
  });

  var queue = document.getElementById('queue');
  if (!queue) return;

  var UNDO_KEY = 'btl-undo';
  var undoStack = [];
  try { undoStack = JSON.parse(sessionStorage.getItem(UNDO_KEY) || '[]'); } catch (e) { undoStack = []; }
  function saveUndo() { sessionStorage.setItem(UNDO_KEY, JSON.stringify(undoStack.slice(-100))); }

  function items() { return Array.prototype.slice.call(queue.querySelectorAll('.item')); }
  var cur = 0;
  var inflight = 0;

  function focusAt(i) {
    var list = items();
    if (!list.length) return;
    cur = Math.max(0, Math.min(i, list.length - 1));
    list.forEach(function (el, k) { el.classList.toggle('current', k === cur); });
    list[cur].scrollIntoView({ block: 'nearest' });
    list[cur].focus({ preventScroll: true });
  }
  function nextOpen(from) {
    var list = items();
    for (var k = from + 1; k < list.length; k++) if (list[k].dataset.state === 'open') return k;
    for (k = 0; k < from; k++) if (list[k].dataset.state === 'open') return k;
    return -1;
  }
  function mark(el, state, text) {
    el.dataset.state = state;
    var out = el.querySelector('[data-outcome]');
    if (out) out.textContent = text;
  }
  function byItem(id) { return document.getElementById('item-' + id); }

  // When every item on the page is decided, load the next page of the queue.
  function maybeNextPage() {
    if (inflight > 0) return;
    var open = items().some(function (el) { return el.dataset.state === 'open' || el.dataset.state === 'pending'; });
    if (!open) {
      say('Page done, loading more…');
      var status = queue.getAttribute('data-status');
      window.location.assign('/dashboard/queue' + (status === 'escalated' ? '?status=escalated' : ''));
    }
  }

  function act(action) {
    var el = items()[cur];
    if (!el) return;
    if (el.dataset.state !== 'open') { var n0 = nextOpen(cur); if (n0 >= 0) focusAt(n0); return; }
    var id = el.dataset.item;
    mark(el, 'pending', action + '…');
    var n = nextOpen(cur);
    if (n >= 0) focusAt(n);
    inflight++;
    post('/dashboard/queue/' + id + '/decide', { action: action }).then(function (j) {
      mark(el, action, j.label + ' by ' + j.by);
      undoStack.push({ decisions: [j.decision], items: [j.item] });
      saveUndo();
      say('#' + id + ' ' + j.label + ' by ' + j.by + ' (u to undo)');
    }).catch(function (err) {
      mark(el, 'open', 'Failed: ' + err.message);
      say('Could not ' + action + ' #' + id + ': ' + err.message);
    }).then(function () { inflight--; maybeNextPage(); });
  }

  function actGroup(action) {
    var el = items()[cur];
    if (!el || !el.dataset.group) { say('This comment is in no copy-paste group.'); return; }
    var group = el.dataset.group;
    inflight++;
    post('/dashboard/groups/decide', { action: action, group: group }).then(function (j) {
      j.decisions.forEach(function (d) {
        var it = byItem(d.item);
        if (it) mark(it, action, j.label + ' by ' + j.by + ' (group)');
      });
      undoStack.push({ decisions: j.decisions.map(function (d) { return d.decision; }),
                       items: j.decisions.map(function (d) { return d.item; }) });
      saveUndo();
      say(j.decisions.length + ' comments of the group ' + j.label + ' by ' + j.by + (j.skipped ? ' (' + j.skipped + ' skipped)' : ''));
      var n = nextOpen(cur);
      if (n >= 0) focusAt(n);
    }).catch(function (err) { say('Group action failed: ' + err.message); })
      .then(function () { inflight--; maybeNextPage(); });
  }

  function undoLast() {
    var last = undoStack.pop();
    saveUndo();
    if (!last) { say('Nothing to undo.'); return; }
    inflight++;
    Promise.all(last.decisions.map(function (d) { return post('/dashboard/decisions/' + d + '/undo', {}); }))
      .then(function () {
        var missing = false;
        last.items.forEach(function (itemId) {
          var it = byItem(itemId);
          if (it) mark(it, 'open', 'undone'); else missing = true;
        });
        say('Undone: ' + last.decisions.length + ' decision(s).');
        if (missing) { window.location.reload(); return; }
        var first = byItem(last.items[0]);
        if (first) focusAt(items().indexOf(first));
      }).catch(function (err) { say('Undo failed: ' + err.message); })
      .then(function () { inflight--; });
  }

  // Buttons (and the group form) go through the same path as the keys.
  queue.addEventListener('submit', function (ev) {
    var form = ev.target;
    var button = ev.submitter;
    if (!button || !button.value) return;
    ev.preventDefault();
    var el = form.closest('.item');
    focusAt(items().indexOf(el));
    if (form.classList.contains('group-actions')) actGroup(button.value); else act(button.value);
  });
  queue.addEventListener('click', function (ev) {
    var el = ev.target.closest('.item');
    if (el && !ev.target.closest('a, button, form')) focusAt(items().indexOf(el));
  });

  var help = null;
  function toggleHelp() {
    if (help) { help.remove(); help = null; return; }
    help = document.createElement('div');
    help.className = 'help';
    help.textContent = 'j/k next/previous · a approve · r reject · e escalate · u undo · A/R/E whole copy-paste group · ? this help';
    document.body.appendChild(help);
  }

  document.addEventListener('keydown', function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var key = ev.key;
    var acts = { a: 'approve', r: 'reject', e: 'escalate' };
    var groupActs = { A: 'approve', R: 'reject', E: 'escalate' };
    if (key === 'j') focusAt(cur + 1);
    else if (key === 'k') focusAt(cur - 1);
    else if (key === '?') toggleHelp();
    else if (acts[key] || groupActs[key] || key === 'u') {
      if (!canAct) { say('Viewers cannot act on the queue.'); return; }
      if (acts[key]) act(acts[key]); else if (groupActs[key]) actGroup(groupActs[key]); else undoLast();
    } else return;
    ev.preventDefault();
  });
  focusAt(0);
})();
