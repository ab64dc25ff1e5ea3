// The weekly timetable picture: every site a colour, conflicts outlined in red and named in the blocks' titles, and
// the same week as a list by day (shown instead of the picture on a phone, read by screen readers everywhere).
// Data comes from the page (data-week: the person's other commitments); on the schedule step the slots being
// typed — weekly ones and those on a date of the week shown — are drawn too, live, and checked against them.
// Built with DOM calls only (no markup strings).
(function () {
  'use strict';
  const NS = 'http://www.w3.org/2000/svg';
  const COLOURS = ['#1f77b4', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
  const NEW_COLOUR = '#ff7f0e';

  function el(name, attrs, text) {
    const e = document.createElementNS(NS, name);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function hhmm(m) { return String(Math.floor(m / 60)).padStart(2, '0') + ':' + String(m % 60).padStart(2, '0'); }

  function overlaps(a, b) { return a.day === b.day && a.start < b.end && b.start < a.end; }

  function minutes(t) { return +t.slice(0, 2) * 60 + +t.slice(3); }

  // A date as the form takes it — ROC 1151224, 115/12/24, 115-12-24, 66/2/3, or ISO — as days since 1970, or null.
  function epochDay(text) {
    const t = (text || '').trim();
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    let y, mo, d;
    if (m) { [y, mo, d] = [+m[1], +m[2], +m[3]]; } else {
      m = /^(\d{3})(\d{2})(\d{2})$/.exec(t) || /^(\d{1,3})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(t);
      if (!m) { return null; }
      [y, mo, d] = [+m[1] + 1911, +m[2], +m[3]];
    }
    const ms = Date.UTC(y, mo - 1, d);
    const check = new Date(ms);
    return check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? ms / 86400000 : null;
  }

  // A slot from `day` (0 = Monday of the week shown), split at midnight. A weekly slot's night past Sunday falls
  // on Monday (`weekly`); a dated slot's part outside the week shown is left out.
  function push(blocks, day, start, end, site, weekly) {
    const add = (d, s, e) => { if (d >= 0 && d < 7 && e > s) { blocks.push({ day: d, start: s, end: e, site, colour: -1 }); } };
    if (end > start) { add(day, start, end); } else if (end < start) {
      add(day, start, 1440);
      add(weekly ? (day + 1) % 7 : day + 1, 0, end);
    }
  }

  function draw(figure, blocks, labels, data) {
    const days = figure.dataset.days.split(',');
    const from = Math.min(8 * 60, ...blocks.map(b => Math.floor(b.start / 60) * 60));
    const to = Math.max(18 * 60, ...blocks.map(b => Math.ceil(b.end / 60) * 60));
    const left = 44, top = 24, colW = 90, hourH = 22, width = left + 7 * colW, height = top + (to - from) / 60 * hourH;
    const svg = el('svg', { viewBox: `0 0 ${width} ${height + 4}`, role: 'img', 'aria-labelledby': figure.id + '-cap',
      width: '100%' });
    for (let d = 0; d < 7; d++) {
      svg.appendChild(el('text', { x: left + d * colW + colW / 2, y: 16, 'text-anchor': 'middle', 'font-size': 12 }, days[d]));
      svg.appendChild(el('line', { x1: left + d * colW, y1: top, x2: left + d * colW, y2: height, stroke: '#ccc' }));
    }
    for (let m = from; m <= to; m += 60) {
      const y = top + (m - from) / 60 * hourH;
      svg.appendChild(el('line', { x1: left, y1: y, x2: width, y2: y, stroke: '#e5e5e5' }));
      svg.appendChild(el('text', { x: 4, y: y + 4, 'font-size': 10 }, hhmm(m)));
    }
    blocks.forEach(b => {
      const y = top + (b.start - from) / 60 * hourH;
      const h = Math.max(4, (b.end - b.start) / 60 * hourH);
      const g = el('g');
      g.appendChild(el('title', {}, b.site + ' ' + days[b.day] + ' ' + hhmm(b.start) + '–' + hhmm(b.end % 1440 || 1440)
        + (b.caseNumber ? ' ' + b.caseNumber : '') + (b.conflict ? ' ' + labels.conflict : '')));
      g.appendChild(el('rect', { x: left + b.day * colW + 3, y: y, width: colW - 6, height: h, rx: 3,
        fill: b.colour < 0 ? NEW_COLOUR : COLOURS[b.colour % COLOURS.length], 'fill-opacity': 0.85,
        stroke: b.conflict ? '#b00020' : 'none', 'stroke-width': b.conflict ? 3 : 0 }));
      if (h >= 14) {
        g.appendChild(el('text', { x: left + b.day * colW + 7, y: y + 12, 'font-size': 10, fill: '#fff' },
          b.site.slice(0, 7)));
      }
      svg.appendChild(g);
    });
    const old = figure.querySelector('svg');
    if (old) { old.replaceWith(svg); } else { figure.insertBefore(svg, figure.firstChild); }
    const legend = figure.querySelector('.legend');
    legend.replaceChildren();
    const sites = [...new Map(blocks.map(b => [b.site, b.colour])).entries()];
    sites.forEach(([site, colour]) => {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch swatch-' + (colour < 0 ? 'new' : colour % COLOURS.length);
      li.append(swatch, document.createTextNode(site));
      legend.appendChild(li);
    });
    if (figure.dataset.homeLabel && data.home) {
      const li = document.createElement('li');
      li.textContent = figure.dataset.homeLabel.replace('{0}', data.home);
      legend.appendChild(li);
    }
    const conflicts = blocks.filter(b => b.conflict).length;
    figure.querySelector('.conflicts').textContent = conflicts ? labels.conflicts : '';
    const list = figure.querySelector('.day-list');
    list.replaceChildren();
    for (let d = 0; d < 7; d++) {
      const today = blocks.filter(b => b.day === d).sort((a, b) => a.start - b.start);
      if (!today.length) { continue; }
      const li = document.createElement('li');
      const name = document.createElement('strong');
      name.textContent = days[d];
      li.appendChild(name);
      const items = document.createElement('ul');
      today.forEach(b => {
        const item = document.createElement('li');
        item.textContent = hhmm(b.start) + '–' + hhmm(b.end % 1440 || 1440) + ' ' + b.site
          + (b.caseNumber ? ' ' + b.caseNumber : '') + (b.conflict ? ' ' + labels.conflict : '');
        if (b.conflict) { item.className = 'error'; }
        items.appendChild(item);
      });
      li.appendChild(items);
      list.appendChild(li);
    }
    if (!list.children.length) {
      const li = document.createElement('li');
      li.textContent = labels.empty;
      list.appendChild(li);
    }
  }

  document.querySelectorAll('figure.timetable').forEach(figure => {
    const data = JSON.parse(figure.dataset.week || '{"blocks":[]}');
    const labels = { conflict: figure.dataset.conflict, conflicts: figure.dataset.conflicts, mine: figure.dataset.mine,
      empty: figure.dataset.empty };
    const form = document.querySelector('form[data-live-timetable]');
    function live() {
      const mine = [];
      if (form) {
        form.querySelectorAll('fieldset.slot[data-weekly]').forEach(f => {
          const day = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']
            .indexOf(f.querySelector('select').value);
          const [s, e] = [...f.querySelectorAll('input[type=time]')].map(i => i.value);
          if (day < 0 || !s || !e) { return; }
          push(mine, day, minutes(s), minutes(e), labels.mine, true);
        });
        const monday = epochDay(data.mondayIso);
        form.querySelectorAll('fieldset.slot[data-dated]').forEach(f => {
          const date = epochDay(f.querySelector('input:not([type=time])').value);
          const [s, e] = [...f.querySelectorAll('input[type=time]')].map(i => i.value);
          if (date === null || monday === null || !s || !e) { return; }
          push(mine, date - monday, minutes(s), minutes(e), labels.mine, false);
        });
      }
      const all = data.blocks.map(b => Object.assign({}, b)).concat(mine);
      all.forEach(a => {
        if (all.some(b => b !== a && b.site !== a.site && overlaps(a, b))) { a.conflict = true; }
        if (mine.some(b => b !== a && overlaps(a, b) && mine.indexOf(a) >= 0)) { a.conflict = true; }
      });
      draw(figure, all, labels, data);
    }
    if (form) { form.addEventListener('input', live); form.addEventListener('change', live); }
    live();
  });
})();
