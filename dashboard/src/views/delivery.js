// Delivery: the DORA metrics over time (ISO weeks) for a repository, team, environment and window; change lead time
// as a p50–p90 band.
import { get, query } from '../api.js';
import { chartCard, h } from '../ui.js';

const NO_DEPLOYMENTS = 'No successful production deployments match these filters in this window.';

function weekly(id, title, weeks, series, columns, rows, empty) {
  return chartCard({
    id, title, empty, columns, rows,
    option: {
      tooltip: { trigger: 'axis' }, legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: weeks.map(w => w.weekStart) },
      yAxis: { type: 'value' },
      series,
    },
  });
}

export async function delivery(content, { base, params }) {
  const dora = await get(`${base}/dora${query({ from: params.from, to: params.to, repo: params.repo, team: params.team,
    environment: params.environment, levels: '2024' })}`);
  const weeks = dora.weekly;
  const none = dora.deploymentFrequency.deployments === 0 ? NO_DEPLOYMENTS : null;
  const rate = (part, whole) => (whole ? Number((part / whole).toFixed(4)) : null);
  const cards = [
    weekly('deployments-weekly', 'Deployments per week', weeks,
      [{ name: 'Deployments', type: 'bar', data: weeks.map(w => w.deployments) },
        { name: 'Days with a deployment', type: 'line', data: weeks.map(w => w.daysWithDeployment) }],
      ['week', 'deployments', 'days with a deployment'], weeks.map(w => [w.weekStart, w.deployments, w.daysWithDeployment]), none),
    weekly('lead-time-weekly', 'Change lead time (hours, p50–p90 band)', weeks,
      [{ name: 'p50', type: 'line', data: weeks.map(w => w.changeLeadTimeMedianHours), stack: 'band', symbol: 'circle' },
        { name: 'p90', type: 'line', data: weeks.map(w => (w.changeLeadTimeP90Hours === null ? null : w.changeLeadTimeP90Hours - w.changeLeadTimeMedianHours)),
          stack: 'band', areaStyle: { opacity: 0.25 }, lineStyle: { opacity: 0 }, symbol: 'none',
          tooltip: { valueFormatter: () => '' } }],
      ['week', 'changes', 'p50 hours', 'p90 hours'], weeks.map(w => [w.weekStart, w.changes, w.changeLeadTimeMedianHours, w.changeLeadTimeP90Hours]),
      dora.changeLeadTime.changes === 0 ? 'No changes reached production in this window.' : null),
    weekly('fail-rate-weekly', 'Change fail rate and rework rate', weeks,
      [{ name: 'Change fail rate', type: 'line', data: weeks.map(w => rate(w.failedDeployments, w.deployments)) },
        { name: 'Rework rate', type: 'line', data: weeks.map(w => rate(w.reworkDeployments, w.deployments)) }],
      ['week', 'deployments', 'failed', 'rework'], weeks.map(w => [w.weekStart, w.deployments, w.failedDeployments, w.reworkDeployments]), none),
    weekly('recovery-weekly', 'Failed deployment recovery time (median hours)', weeks,
      [{ name: 'Median hours', type: 'bar', data: weeks.map(w => w.recoveryMedianHours) }],
      ['week', 'recovered', 'median hours'], weeks.map(w => [w.weekStart, w.recoveredDeployments, w.recoveryMedianHours]),
      dora.failedDeploymentRecoveryTime.recovered === 0 ? 'No failed deployment recovered in this window.' : null),
  ];
  content.append(
    h('dl', { class: 'summary' },
      h('dt', {}, 'Deployments'), h('dd', { dataset: { value: 'deployments' } }, dora.deploymentFrequency.deployments),
      h('dt', {}, 'Changes'), h('dd', { dataset: { value: 'changes' } }, dora.changeLeadTime.changes),
      h('dt', {}, 'Lead time p50 / p90 (h)'), h('dd', { dataset: { value: 'lead-time' } },
        `${dora.changeLeadTime.medianHours ?? '—'} / ${dora.changeLeadTime.p90Hours ?? '—'}`)),
    h('div', { class: 'grid' }, cards.map(c => c.element)));
  await Promise.all(cards.map(c => c.drawn));
}
