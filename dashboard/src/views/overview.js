// Overview: the five DORA metrics with their level badges and daily sparklines, the window's deployments and
// incidents on one timeline, and the git activity per day (all a git-only organization has).
import { get, getAll, query } from '../api.js';
import { draw } from '../charts.js';
import { chartCard, fmt, h, percent } from '../ui.js';
import { activityChart, dailyActivity } from './activity.js';

const sparkline = values => ({
  grid: { left: 2, right: 2, top: 4, bottom: 4 },
  xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
  yAxis: { type: 'value', show: false },
  series: [{ type: 'line', data: values, symbol: 'none', connectNulls: true, lineStyle: { width: 1.5 }, areaStyle: { opacity: 0.15 } }],
});

function metricCard(id, title, value, unit, level, reason, series) {
  const spark = h('div', { class: 'spark', 'aria-hidden': 'true' });
  const card = h('section', { class: 'metric', dataset: { metric: id }, 'aria-labelledby': `${id}-label` },
    h('h2', { id: `${id}-label` }, title),
    value === null
      ? h('p', { class: 'empty', dataset: { empty: id } }, reason ?? 'No data in this window.')
      : h('p', { class: 'value' }, h('span', { dataset: { value: id } }, value), unit ? h('span', { class: 'unit' }, ` ${unit}`) : null),
    level ? h('span', { class: `badge level-${level}`, dataset: { level: id, levelValue: level } },
      level[0].toUpperCase() + level.slice(1)) : null,
    spark);
  return { card, spark, series };
}

export async function overview(content, { base, params }) {
  const window = query({ from: params.from, to: params.to });
  const [dora, deployments, incidents, activity] = await Promise.all([
    get(`${base}/dora${query({ from: params.from, to: params.to, levels: '2024' })}`),
    getAll(`${base}/deployments${window}`),
    getAll(`${base}/incidents${window}`),
    dailyActivity(base, { from: params.from, to: params.to }),
  ]);
  const days = dora.series;
  const df = dora.deploymentFrequency, lt = dora.changeLeadTime, cfr = dora.changeFailRate;
  const rt = dora.failedDeploymentRecoveryTime, rw = dora.deploymentReworkRate;
  const metrics = [
    metricCard('deployment-frequency', 'Deployment frequency', df.level === null && df.deployments === 0 ? null : fmt(df.perWeek), 'per week',
      df.level, df.reason, days.map(d => d.deployments)),
    metricCard('change-lead-time', 'Change lead time (median)', lt.medianHours === null ? null : fmt(lt.medianHours), 'hours',
      lt.level, lt.reason, days.map(d => d.changeLeadTimeMedianHours)),
    metricCard('change-fail-rate', 'Change fail rate', cfr.rate === null ? null : percent(cfr.rate), '',
      cfr.level, cfr.reason, days.map(d => (d.deployments ? d.failedDeployments / d.deployments : null))),
    metricCard('recovery-time', 'Failed deployment recovery time', rt.medianHours === null ? null : fmt(rt.medianHours), 'hours',
      rt.level, rt.reason, dora.weekly.map(w => w.recoveryMedianHours)),
    metricCard('rework-rate', 'Deployment rework rate', rw.rate === null ? null : percent(rw.rate), '',
      null, rw.reason, days.map(d => d.reworkDeployments)),
  ];
  const timeline = chartCard({
    id: 'timeline', title: 'Deployments and incidents', wide: true,
    empty: deployments.length + incidents.length === 0 ? 'No deployments or incidents in this window: sync a CI/CD or incident provider, or widen the window.' : null,
    option: {
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 48 },
      xAxis: { type: 'time', min: `${params.from}T00:00:00`, max: `${params.to}T23:59:59` },
      yAxis: { type: 'category', data: ['Incidents', 'Deployments'] },
      dataZoom: [{ type: 'slider', height: 18, bottom: 6 }],
      series: [
        { name: 'Deployments', type: 'scatter', symbolSize: 9,
          data: deployments.map(d => ({ value: [d.finishedAt ?? d.createdAt, 'Deployments'], name: `${d.repo} → ${d.environment} (${d.status})` })) },
        { name: 'Incidents', type: 'scatter', symbol: 'triangle', symbolSize: 11, itemStyle: { color: '#b42318' },
          data: incidents.map(i => ({ value: [i.createdAt, 'Incidents'], name: i.title })) },
      ],
    },
    columns: ['kind', 'time', 'what'],
    rows: [...deployments.map(d => ['deployment', d.finishedAt ?? d.createdAt, `${d.repo} → ${d.environment} (${d.status})`]),
      ...incidents.map(i => ['incident', i.createdAt, i.title])],
  });
  const commits = activityChart('activity', 'Commits and authors per day', activity);
  content.append(
    h('p', { class: 'muted' }, `${dora.from} to ${dora.to}, ${dora.timeZone}. Levels: ${dora.levels.title}.`),
    h('div', { class: 'metrics' }, metrics.map(m => m.card)),
    h('div', { class: 'grid' }, commits.element, timeline.element));
  const drawn = [timeline.drawn, commits.drawn, ...metrics.filter(m => m.series.some(v => v !== null && v !== 0))
    .map(m => draw(m.spark, sparkline(m.series)))];
  await Promise.all(drawn);
  // The browser's own timing of "charts on screen" for bench/dashboard: one mark, of the latest drawing.
  performance.clearMarks('devhealth:overview-charts-drawn');
  performance.mark('devhealth:overview-charts-drawn');
}
