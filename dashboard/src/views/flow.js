// Flow: throughput and WIP per week, cycle time per completed item with percentile lines, time in each status, and
// the investment sunburst (completed work by type, then label).
import { get, getAll, query } from '../api.js';
import { chartCard, fmt, h } from '../ui.js';

const HOUR = 3_600_000;
const CATEGORY_COLORS = { todo: '#8c959f', in_progress: '#0a58ca', done: '#1a7f37' };

/** Median hours per item in each status (grouped by category, in the API's order), over the window's completed items. */
function timeInStatusCard(report) {
  const statuses = report.timeInStatus.flatMap(c => c.statuses.map(s => ({ ...s, category: c.category })));
  const shown = [...statuses].reverse(); // horizontal bars read top-down in the API's order
  return chartCard({ id: 'time-in-status', title: 'Time in each status (median hours per completed item)',
    empty: statuses.length ? null : 'No completed item has status history in this window (Jira changelogs give it).',
    option: { tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, grid: { left: 120, right: 24, top: 8, bottom: 28 },
      xAxis: { type: 'value', name: 'hours' }, yAxis: { type: 'category', data: shown.map(s => s.status) },
      series: [{ name: 'Median hours', type: 'bar',
        data: shown.map(s => ({ value: s.p50Hours, itemStyle: { color: CATEGORY_COLORS[s.category] ?? '#57606a' } })) }] },
    columns: ['category', 'status', 'items', 'total h', 'p50 h'],
    rows: statuses.map(s => [s.category, s.status, s.items, s.totalHours, s.p50Hours]) });
}

async function completedItems(base, params) {
  const items = await getAll(`${base}/work-items${query({ from: params.from, to: params.to, statusCategory: 'done' })}`);
  // Listed by creation; the scatter shows those completed inside the window (the flow report's population).
  return items.filter(i => i.startedAt && i.completedAt && i.completedAt.slice(0, 10) >= params.from
    && i.completedAt.slice(0, 10) <= params.to);
}

export async function flow(content, { base, params }) {
  const window = { from: params.from, to: params.to, period: 'week' };
  const [report, investment, items] = await Promise.all([
    get(`${base}/work-items/flow${query(window)}`),
    get(`${base}/investment${query({ ...window, group: 'label' })}`),
    completedItems(base, params),
  ]);
  const buckets = report.series;
  const noItems = report.throughput === 0 && report.wip === 0 ? 'No work items were completed or in progress in this window: sync Jira, GitHub or GitLab issues.' : null;
  const throughput = chartCard({ id: 'throughput', title: 'Throughput and WIP per week', empty: noItems,
    option: { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 48, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: buckets.map(b => b.start) }, yAxis: { type: 'value' },
      series: [{ name: 'Throughput', type: 'bar', data: buckets.map(b => b.throughput) },
        { name: 'WIP', type: 'line', data: buckets.map(b => b.wip) }] },
    columns: ['week', 'throughput', 'wip', 'cycle time p50 h'], rows: buckets.map(b => [b.start, b.throughput, b.wip, b.cycleTimeP50Hours]) });
  const points = items.map(i => [i.completedAt, Number(((Date.parse(i.completedAt) - Date.parse(i.startedAt)) / HOUR).toFixed(2)), i.workItemId]);
  const ct = report.cycleTime;
  const lines = [['p50', ct.p50Hours], ['p85', ct.p85Hours], ['p95', ct.p95Hours]].filter(([, v]) => v !== null);
  const scatter = chartCard({ id: 'cycle-time-scatter', title: 'Cycle time per completed item (hours)',
    empty: points.length ? null : ct.reason ?? 'No item was started and completed in this window.',
    option: { tooltip: { trigger: 'item' }, grid: { left: 56, right: 48, top: 16, bottom: 32 },
      xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'hours' },
      series: [{ name: 'Items', type: 'scatter', symbolSize: 7, data: points,
        markLine: { symbol: 'none', data: lines.map(([name, value]) => ({ name, yAxis: value, label: { formatter: `${name} ${fmt(value)} h` } })) } }] },
    columns: ['item', 'completed', 'cycle time h'], rows: points.map(([at, hours, id]) => [id, at, hours]) });
  const tree = investment.tree;
  const sunburst = chartCard({ id: 'investment', title: 'Investment (completed work by type and label)',
    empty: tree && tree.value > 0 ? null : 'No work item was completed in this window.',
    option: { tooltip: { trigger: 'item' },
      series: [{ type: 'sunburst', radius: ['12%', '90%'], data: tree?.children ?? [], label: { rotate: 'radial', minAngle: 10 } }] },
    columns: ['type', 'label', 'items', 'share'],
    rows: (tree?.children ?? []).flatMap(type => (type.children?.length ? type.children : [{ name: '', value: type.value, share: type.share }])
      .map(label => [type.name, label.name, label.value, label.share])) });
  const cards = [throughput, scatter, timeInStatusCard(report), sunburst];
  content.append(
    h('dl', { class: 'summary' },
      h('dt', {}, 'Throughput'), h('dd', { dataset: { value: 'throughput' } }, report.throughput),
      h('dt', {}, 'WIP'), h('dd', { dataset: { value: 'wip' } }, report.wip),
      h('dt', {}, 'Cycle time p50 (h)'), h('dd', { dataset: { value: 'cycle-time-p50' } }, fmt(ct.p50Hours)),
      h('dt', {}, 'Flow efficiency'), h('dd', {}, report.flowEfficiency.efficiency === null ? '—' : `${Math.round(report.flowEfficiency.efficiency * 100)}%`)),
    h('div', { class: 'grid' }, cards.map(c => c.element)));
  await Promise.all(cards.map(c => c.drawn));
}
