// Privacy page: fills in the anonymous usage figures from /api/stats. Only numbers are shown; the service keeps
// nothing else to show.

import { describeFailure, element } from './common.js';

const container = document.getElementById('usage-figures');

/** Turns counter names such as "burnAfterRead" or "deleted.EXPIRED" into "Burn after read", "Deleted expired". */
function humanize(key) {
  const words = key.replace(/([a-z0-9])([A-Z][a-z])/g, '$1 $2').replace(/[._-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

function totalsList(totals) {
  const list = element('dl', 'facts');
  Object.entries(totals).filter(([, value]) => isNumber(value)).forEach(([key, value]) => {
    const row = element('div');
    row.append(element('dt', '', humanize(key)), element('dd', '', value.toLocaleString()));
    list.append(row);
  });
  return list;
}

/** Returns the numeric counters of one hour, whether nested under "counters" or placed beside "hour". */
function countersOf(hour) {
  return hour.counters && typeof hour.counters === 'object' ? hour.counters : hour;
}

function hourlyTable(hours) {
  const columns = [];
  hours.forEach((hour) => Object.entries(countersOf(hour)).forEach(([key, value]) => {
    if (isNumber(value) && !columns.includes(key)) {
      columns.push(key);
    }
  }));
  const table = element('table', 'figures');
  const caption = element('caption', 'visually-hidden', 'Usage per hour, last 24 hours');
  const head = element('tr');
  head.append(element('th', '', 'Hour (your time)'), ...columns.map((key) => element('th', '', humanize(key))));
  const thead = element('thead');
  thead.append(head);
  const tbody = element('tbody');
  hours.forEach((hour) => {
    const row = element('tr');
    const label = hour.hour || hour.start || hour.time || '';
    const parsed = Date.parse(label);
    row.append(element('td', '', Number.isNaN(parsed) ? String(label)
      : new Date(parsed).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })));
    const counters = countersOf(hour);
    columns.forEach((key) => row.append(element('td', '',
      isNumber(counters[key]) ? counters[key].toLocaleString() : '0')));
    tbody.append(row);
  });
  table.append(caption, thead, tbody);
  const scroll = element('div', 'table-scroll');
  scroll.append(table);
  return scroll;
}

async function loadFigures() {
  let response;
  try {
    response = await fetch('/api/stats', { headers: { Accept: 'application/json' } });
  } catch (error) {
    container.replaceChildren(element('p', 'error', describeFailure(0, '')));
    return;
  }
  if (!response.ok) {
    container.replaceChildren(element('p', 'error',
      `The usage figures are not available right now. ${describeFailure(response.status, await response.text())}`));
    return;
  }
  const stats = await response.json();
  const parts = [];
  if (stats.totals && typeof stats.totals === 'object') {
    parts.push(element('h3', '', 'Totals'), totalsList(stats.totals));
  }
  const hours = Array.isArray(stats.hours) ? stats.hours : (Array.isArray(stats.hourly) ? stats.hourly : []);
  if (hours.length > 0) {
    parts.push(element('h3', '', 'Per hour'), hourlyTable(hours));
  }
  if (parts.length === 0) {
    parts.push(element('p', '', 'No usage has been counted yet.'));
  }
  container.replaceChildren(...parts);
}

loadFigures();
