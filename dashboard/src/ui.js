// DOM helpers and the chart card every chart lives in: a title, the chart, a table view of the same numbers,
// a CSV download, and an empty state saying why there is nothing to draw.
import { draw } from './charts.js';

/** Creates an element: h('div', {class: 'x', onclick: fn}, child, …); children may be strings, nodes or arrays. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Formats a number for display: integers as is, others with up to 2 decimals; null as an em dash. */
export function fmt(value, digits = 2) {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(digits).replace(/\.?0+$/, '');
}

export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function csv(columns, rows) {
  const cell = value => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [columns.map(cell).join(','), ...rows.map(row => row.map(cell).join(','))].join('\n') + '\n';
}

function table(caption, columns, rows) {
  return h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, columns.map(column => h('th', { scope: 'col' }, column)))),
    h('tbody', {}, rows.map(row => h('tr', {}, row.map(value => h('td', {}, fmt(value)))))));
}

/**
 * A card holding one chart. spec: {id, title, option (ECharts), columns, rows (the same numbers as a table),
 * empty (why there is no data, or null when there is)}. Returns {element, drawn}: drawn resolves once the chart
 * is on screen (at once for an empty state).
 */
export function chartCard({ id, title, option, columns, rows, empty, wide }) {
  const body = h('div', { class: 'chart-body' });
  const card = h('section', { class: `card${wide ? ' wide' : ''}`, 'aria-labelledby': `${id}-title`, dataset: { chart: id } },
    h('header', { class: 'card-head' }, h('h2', { id: `${id}-title` }, title)), body);
  if (empty) {
    body.append(h('p', { class: 'empty', role: 'status', dataset: { empty: id } }, empty));
    return { element: card, drawn: Promise.resolve() };
  }
  const chart = h('div', { class: 'chart', role: 'img', 'aria-label': title, dataset: { canvas: id } });
  const data = h('div', { class: 'table-wrap', hidden: true, dataset: { table: id } }, table(title, columns, rows));
  const toggle = h('button', { type: 'button', class: 'link', 'aria-pressed': 'false', dataset: { toggle: id } }, 'Table');
  toggle.addEventListener('click', () => {
    const showTable = data.hidden;
    data.hidden = !showTable;
    chart.hidden = showTable;
    toggle.textContent = showTable ? 'Chart' : 'Table';
    toggle.setAttribute('aria-pressed', String(showTable));
  });
  const download = h('button', { type: 'button', class: 'link', dataset: { csv: id } }, 'CSV');
  download.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([csv(columns, rows)], { type: 'text/csv' }));
    h('a', { href: url, download: `${id}.csv` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  card.querySelector('.card-head').append(h('div', { class: 'card-tools' }, toggle, download));
  body.append(chart, data);
  // The chart is drawn once the card is in the document (ECharts needs its size).
  const drawn = new Promise(resolve => requestAnimationFrame(() => draw(chart, option).then(resolve)));
  return { element: card, drawn };
}

/** A plain data table card (hotspots, members…): columns, rows of cells (strings, numbers or nodes). */
export function tableCard({ id, title, columns, rows, empty }) {
  const body = empty
    ? h('p', { class: 'empty', role: 'status', dataset: { empty: id } }, empty)
    : h('div', { class: 'table-wrap', dataset: { table: id } },
      h('table', { class: 'data' }, h('caption', { class: 'visually-hidden' }, title),
        h('thead', {}, h('tr', {}, columns.map(column => h('th', { scope: 'col' }, column)))),
        h('tbody', {}, rows.map(row => h('tr', {}, row.map(value => h('td', {}, value instanceof Node ? value : fmt(value))))))));
  return h('section', { class: 'card wide', 'aria-labelledby': `${id}-title`, dataset: { chart: id } },
    h('header', { class: 'card-head' }, h('h2', { id: `${id}-title` }, title)), body);
}
