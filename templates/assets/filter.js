/* Prospectus course filter: progressive enhancement of the home page.
 * Without JavaScript (or if anything fails) the page stays as built: every
 * course by category, plus the static category, term, format and audience
 * pages. With it, a form above the list hides cards that do not match
 * (`hidden`), says how many are shown in a polite live region, and keeps the
 * choices in the address so a filtered list can be shared.
 * Plain ES5 and XMLHttpRequest, no dependencies: it runs on old phones. */
(function () {
  'use strict';

  var root = document.getElementById('courses');
  if (!root || !root.querySelector || !window.XMLHttpRequest || !('hidden' in root)) { return; }
  var indexURL = root.getAttribute('data-search-index');
  if (!indexURL) { return; }

  // One select a facet; `has` says whether a course belongs to a chosen value.
  var FACETS = [
    { key: 'category', label: 'Category', all: 'All categories', list: 'categories',
      has: function (c, v) { return !!c.category && c.category.id === v; } },
    { key: 'term', label: 'Term', all: 'All terms', list: 'terms',
      has: function (c, v) { return !!c.term && c.term.id === v; } },
    { key: 'format', label: 'Format', all: 'All formats', list: 'formats',
      has: function (c, v) { return !!c.format && c.format.id === v; } },
    { key: 'audience', label: 'Who it is for', all: 'Everyone', list: 'audiences',
      has: function (c, v) { return (c.audience || []).indexOf(v) >= 0; } }
  ];

  function fold(text) {
    var s = String(text || '').toLowerCase();
    if (s.normalize) { s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, ''); }
    return s;
  }

  function el(name, attributes, text) {
    var node = document.createElement(name);
    for (var key in attributes) {
      if (Object.prototype.hasOwnProperty.call(attributes, key)) { node.setAttribute(key, attributes[key]); }
    }
    if (text) { node.appendChild(document.createTextNode(text)); }
    return node;
  }

  function readQuery() {
    var result = {};
    var query = window.location.search.replace(/^\?/, '');
    if (!query) { return result; }
    var parts = query.split('&');
    for (var i = 0; i < parts.length; i++) {
      var pair = parts[i].split('=');
      try {
        result[decodeURIComponent(pair[0].replace(/\+/g, ' '))] = decodeURIComponent((pair[1] || '').replace(/\+/g, ' '));
      } catch (e) { /* a malformed parameter is ignored */ }
    }
    return result;
  }

  function load() {
    var request = new XMLHttpRequest();
    request.open('GET', indexURL, true);
    request.onreadystatechange = function () {
      if (request.readyState !== 4 || request.status < 200 || request.status >= 300) { return; }
      var index;
      try { index = JSON.parse(request.responseText); } catch (e) { return; }
      if (index && index.courses) { build(index); }
    };
    request.send();
  }

  function build(index) {
    var byID = {}, audiences = {};
    for (var i = 0; i < index.courses.length; i++) { byID[index.courses[i].id] = index.courses[i]; }
    for (var a = 0; a < (index.audiences || []).length; a++) { audiences[index.audiences[a].id] = index.audiences[a].name; }

    var cards = [];
    var nodes = root.querySelectorAll('[data-course-id]');
    for (var n = 0; n < nodes.length; n++) {
      var course = byID[nodes[n].getAttribute('data-course-id')] || null;
      // The card already shows title, summary, term, format, dates, places and status.
      var words = [nodes[n].textContent];
      if (course) {
        words.push(course.category && course.category.name);
        for (var m = 0; m < (course.audience || []).length; m++) { words.push(audiences[course.audience[m]]); }
      }
      cards.push({ node: nodes[n], course: course, text: fold(words.join(' ')) });
    }
    if (!cards.length) { return; }

    var form = el('form', { 'class': 'course-filter', role: 'search', 'aria-label': 'Filter courses', action: '' });
    form.appendChild(el('p', { 'class': 'filter-intro' },
      'Type a word or choose from the lists to narrow the courses below. The list changes as you go.'));
    var fields = el('div', { 'class': 'filter-fields' });
    var textField = el('div', { 'class': 'filter-field filter-field-text' });
    textField.appendChild(el('label', { 'for': 'filter-q' }, 'Search courses'));
    var input = el('input', { type: 'search', id: 'filter-q', name: 'q', autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': 'filter-q-hint' });
    textField.appendChild(input);
    textField.appendChild(el('span', { 'class': 'filter-hint', id: 'filter-q-hint' }, 'For example: sleep, online, carers'));
    fields.appendChild(textField);

    var selects = [];
    for (var f = 0; f < FACETS.length; f++) {
      var facet = FACETS[f];
      var values = index[facet.list] || [];
      if (values.length < 2) { continue; }
      var field = el('div', { 'class': 'filter-field' });
      field.appendChild(el('label', { 'for': 'filter-' + facet.key }, facet.label));
      var select = el('select', { id: 'filter-' + facet.key, name: facet.key });
      select.appendChild(el('option', { value: '' }, facet.all));
      for (var v = 0; v < values.length; v++) { select.appendChild(el('option', { value: values[v].id }, values[v].name)); }
      field.appendChild(select);
      fields.appendChild(field);
      selects.push({ facet: facet, node: select });
    }
    form.appendChild(fields);
    var actions = el('div', { 'class': 'filter-actions' });
    var clear = el('button', { type: 'button', 'class': 'filter-clear' }, 'Clear filters');
    actions.appendChild(clear);
    form.appendChild(actions);
    var status = el('p', { 'class': 'filter-status', role: 'status', 'aria-atomic': 'true' });
    form.appendChild(status);

    // Above the list of categories (whose counts it keeps up to date) and the courses.
    var before = root.querySelector('.category-jump') || root.querySelector('.category');
    root.insertBefore(form, before ? before : null);

    // Choices from a shared address; values that are not offered are ignored.
    var query = readQuery();
    input.value = query.q || '';
    for (var s = 0; s < selects.length; s++) {
      var wanted = query[selects[s].facet.key];
      for (var o = 0; wanted && o < selects[s].node.options.length; o++) {
        if (selects[s].node.options[o].value === wanted) { selects[s].node.value = wanted; }
      }
    }

    var announceTimer = null;
    var lastMessage = '';

    function apply(announce) {
      var tokens = fold(input.value).split(/\s+/);
      var shown = 0;
      for (var c = 0; c < cards.length; c++) {
        var card = cards[c];
        var visible = true;
        for (var t = 0; visible && t < tokens.length; t++) {
          if (tokens[t] && card.text.indexOf(tokens[t]) < 0) { visible = false; }
        }
        for (var k = 0; visible && k < selects.length; k++) {
          var value = selects[k].node.value;
          if (value && !(card.course && selects[k].facet.has(card.course, value))) { visible = false; }
        }
        card.node.hidden = !visible;
        if (visible) { shown++; }
      }
      // A category with nothing left is hidden too, with its link in the list of categories.
      var sections = root.querySelectorAll('.category');
      for (var i = 0; i < sections.length; i++) {
        var count = sections[i].querySelectorAll('[data-course-id]:not([hidden])').length;
        sections[i].hidden = count === 0;
        var link = root.querySelector('.category-jump a[href="#category-' + sections[i].getAttribute('data-category') + '"]');
        if (link && link.parentNode) {
          link.parentNode.hidden = count === 0;
          var badge = link.parentNode.querySelector('.count');
          if (badge) { badge.textContent = '(' + count + ')'; }
        }
      }
      var message = shown === 1 ? '1 course shown' : shown + ' courses shown';
      if (!shown) { message += '. Try ' + (tokens.join('') ? 'fewer words' : 'another choice') + ', or clear the filters.'; }
      updateAddress();
      window.clearTimeout(announceTimer);
      if (announce === 'now') {
        say(message);
      } else if (announce === 'later') {
        // While someone is typing, wait for a pause so each key does not interrupt them.
        announceTimer = window.setTimeout(function () { say(message); }, 700);
      } else {
        status.textContent = message;
        lastMessage = message;
      }
    }

    function say(message) {
      // The same words twice are not read again by some screen readers: nudge them.
      status.textContent = message === lastMessage ? message + '\u00a0' : message;
      lastMessage = status.textContent;
    }

    function updateAddress() {
      if (!window.history || !window.history.replaceState) { return; }
      var parts = [];
      if (input.value.replace(/\s+/g, '')) { parts.push('q=' + encodeURIComponent(input.value.replace(/^\s+|\s+$/g, ''))); }
      for (var k = 0; k < selects.length; k++) {
        if (selects[k].node.value) { parts.push(selects[k].facet.key + '=' + encodeURIComponent(selects[k].node.value)); }
      }
      var address = window.location.pathname + (parts.length ? '?' + parts.join('&') : '') + window.location.hash;
      try { window.history.replaceState(null, '', address); } catch (e) { /* file:// pages may refuse */ }
    }

    input.addEventListener('input', function () { apply('later'); });
    for (var e = 0; e < selects.length; e++) {
      selects[e].node.addEventListener('change', function () { apply('now'); });
    }
    clear.addEventListener('click', function () {
      input.value = '';
      for (var k = 0; k < selects.length; k++) { selects[k].node.value = ''; }
      apply('now');
      input.focus();
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      apply('now');
    });

    var filtered = !!input.value;
    for (var q = 0; q < selects.length; q++) { if (selects[q].node.value) { filtered = true; } }
    apply(filtered ? 'now' : 'quiet');
  }

  load();
}());
