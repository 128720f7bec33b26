// sitrep situation report: small interactivity on top of the server-drawn page
// (embedded at build time, see assets.cmake). The page reads fully without it.
// Never inserts report text as HTML: only toggles classes and reads textContent.
(function () {
  'use strict';

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  // Timeline: hovering a marker highlights its list entry, and the reverse.
  function linkTimeline() {
    var marks = {};
    all('.timeline-chart .tl-item').forEach(function (el) {
      marks[el.getAttribute('data-tl')] = el;
    });
    all('ol.timeline-list li').forEach(function (li) {
      var key = li.getAttribute('data-tl');
      var mark = marks[key];
      if (!mark) return;
      var on = function () { li.classList.add('hl'); mark.classList.add('hl'); };
      var off = function () { li.classList.remove('hl'); mark.classList.remove('hl'); };
      li.addEventListener('mouseenter', on);
      li.addEventListener('mouseleave', off);
      mark.addEventListener('mouseenter', on);
      mark.addEventListener('mouseleave', off);
    });
  }

  // Map: hovering a place row highlights its circle.
  function linkPlaces() {
    var circles = {};
    all('.map .place-link').forEach(function (a) {
      var target = (a.getAttribute('href') || '').slice(1);
      var circle = a.querySelector('circle');
      if (target && circle) circles[target] = circle;
    });
    all('table.places tr[id]').forEach(function (tr) {
      var circle = circles[tr.id];
      if (!circle) return;
      tr.addEventListener('mouseenter', function () { circle.classList.add('hl'); });
      tr.addEventListener('mouseleave', function () { circle.classList.remove('hl'); });
    });
  }

  // Documents: filter the index (and the full views) by text; hide junk blocks.
  function documentControls() {
    var filter = document.getElementById('doc-filter');
    if (filter) {
      var rows = all('table.doc-index tbody tr');
      var texts = rows.map(function (tr) { return tr.textContent.toLowerCase(); });
      filter.addEventListener('input', function () {
        var q = filter.value.trim().toLowerCase();
        rows.forEach(function (tr, i) {
          var hide = q !== '' && texts[i].indexOf(q) < 0;
          tr.classList.toggle('filtered-out', hide);
          var view = document.getElementById('doc-' + tr.id.replace('docrow-', ''));
          if (view) view.classList.toggle('filtered-out', hide);
        });
      });
    }
    var junk = document.getElementById('hide-junk');
    if (junk) {
      junk.addEventListener('change', function () {
        document.body.classList.toggle('hide-junk', junk.checked);
      });
    }
  }

  // A link to a row or entry flashes it, so the eye finds it after the jump.
  function flashTargets() {
    function flash() {
      var id = decodeURIComponent(location.hash.slice(1));
      var el = id ? document.getElementById(id) : null;
      if (!el) return;
      el.classList.add('hl');
      setTimeout(function () { el.classList.remove('hl'); }, 1600);
    }
    window.addEventListener('hashchange', flash);
  }

  function init() {
    linkTimeline();
    linkPlaces();
    documentControls();
    flashTargets();
    document.documentElement.setAttribute('data-sitrep-ready', '1');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
