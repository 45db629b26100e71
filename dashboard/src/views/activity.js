// Repositories (commits, lines and authors per day), pull requests (cycle-time stages stacked per period) and code
// (hotspots, bus factor).
import { get, query } from '../api.js';
import { chartCard, fmt, h, tableCard } from '../ui.js';

const axisChart = (categories, series, extra = {}) => ({
  tooltip: { trigger: 'axis' }, legend: { top: 0 },
  grid: { left: 56, right: 16, top: 32, bottom: 32 },
  xAxis: { type: 'category', data: categories }, yAxis: { type: 'value' }, series, ...extra,
});

export async function repositories(content, { base, params }) {
  const daily = await get(`${base}/metrics/repos/daily${query({ from: params.from, to: params.to, repo: params.repo })}`);
  // Summed over the selected repositories per day (the API answers one row per repository and day).
  const byDay = new Map();
  for (const row of daily.items) {
    const day = byDay.get(row.day) ?? { commits: 0, additions: 0, deletions: 0, authors: 0 };
    day.commits += row.commits; day.additions += row.additions; day.deletions += row.deletions; day.authors += row.authors;
    byDay.set(row.day, day);
  }
  const days = [...byDay.keys()].sort();
  const totals = days.reduce((sum, d) => sum + byDay.get(d).commits, 0);
  const empty = daily.items.length === 0 ? 'No repository has been synced yet: add a sync configuration (Syncs).'
    : totals === 0 ? 'No commits were authored in this window.' : null;
  const cards = [
    chartCard({ id: 'commits-daily', title: 'Commits per day', empty,
      option: axisChart(days, [{ name: 'Commits', type: 'bar', data: days.map(d => byDay.get(d).commits) }]),
      columns: ['day', 'commits'], rows: days.map(d => [d, byDay.get(d).commits]) }),
    chartCard({ id: 'lines-daily', title: 'Lines added and deleted per day', empty,
      option: axisChart(days, [{ name: 'Added', type: 'bar', stack: 'lines', data: days.map(d => byDay.get(d).additions), itemStyle: { color: '#1a7f37' } },
        { name: 'Deleted', type: 'bar', stack: 'lines', data: days.map(d => -byDay.get(d).deletions), itemStyle: { color: '#b42318' } }]),
      columns: ['day', 'additions', 'deletions'], rows: days.map(d => [d, byDay.get(d).additions, byDay.get(d).deletions]) }),
    chartCard({ id: 'authors-daily', title: 'Authors per day', empty,
      option: axisChart(days, [{ name: 'Authors', type: 'line', data: days.map(d => byDay.get(d).authors) }]),
      columns: ['day', 'authors'], rows: days.map(d => [d, byDay.get(d).authors]) }),
  ];
  content.append(
    h('p', { class: 'muted' }, `Commits in the window: `, h('strong', { dataset: { value: 'commits-total' } }, totals), ` (${daily.timeZone})`),
    h('div', { class: 'grid' }, cards.map(c => c.element)));
  await Promise.all(cards.map(c => c.drawn));
}

const STAGES = [['coding', 'Coding'], ['pickup', 'Pickup'], ['review', 'Review'], ['deploy', 'Deploy']];

export async function pullRequests(content, { base, params }) {
  const report = await get(`${base}/pull-requests/cycle-time${query({ from: params.from, to: params.to, repo: params.repo,
    team: params.team, period: 'week' })}`);
  const periods = report.byPeriod;
  const empty = report.overall.mergedPullRequests === 0 ? 'No pull requests were merged in this window.' : null;
  const stacked = chartCard({ id: 'cycle-time-stages', title: 'Cycle time by stage (median hours per week)', empty, wide: true,
    option: axisChart(periods.map(p => p.start), STAGES.map(([key, name]) =>
      ({ name, type: 'bar', stack: 'stages', data: periods.map(p => p.cycleTime[key].p50Hours) }))),
    columns: ['week', 'merged', ...STAGES.map(([, name]) => `${name} p50 h`)],
    rows: periods.map(p => [p.start, p.cycleTime.mergedPullRequests, ...STAGES.map(([key]) => p.cycleTime[key].p50Hours)]) });
  const repos = report.byRepo ?? [];
  const perRepo = tableCard({ id: 'cycle-time-repos', title: 'By repository (median hours)',
    empty: repos.length ? null : 'No merged pull requests per repository in this window.',
    columns: ['repository', 'merged', ...STAGES.map(([, name]) => name)],
    rows: repos.map(r => [r.repo, r.cycleTime.mergedPullRequests, ...STAGES.map(([key]) => r.cycleTime[key].p50Hours)]) });
  content.append(
    h('dl', { class: 'summary' }, h('dt', {}, 'Merged'), h('dd', { dataset: { value: 'merged' } }, report.overall.mergedPullRequests),
      STAGES.map(([key, name]) => [h('dt', {}, `${name} p50 (h)`), h('dd', { dataset: { value: `${key}-p50` } }, fmt(report.overall[key].p50Hours))])),
    h('div', { class: 'grid' }, stacked.element, perRepo));
  await stacked.drawn;
}

export async function code(content, { base, params }) {
  const [hotspots, busFactor] = await Promise.all([
    get(`${base}/code/hotspots${query({ from: params.from, to: params.to, repo: params.repo, limit: 25 })}`),
    get(`${base}/code/bus-factor${query({ from: params.from, to: params.to, repo: params.repo })}`),
  ]);
  const repos = busFactor.repos;
  const bus = chartCard({ id: 'bus-factor', title: 'Bus factor per repository',
    empty: repos.length ? null : 'No commits with line changes in this window.',
    option: axisChart(repos.map(r => r.repo), [{ name: 'Bus factor', type: 'bar', data: repos.map(r => r.busFactor) }],
      { yAxis: { type: 'value', minInterval: 1 } }),
    columns: ['repository', 'bus factor', 'authors', 'lines changed'], rows: repos.map(r => [r.repo, r.busFactor, r.authors, r.linesChanged]) });
  const table = tableCard({ id: 'hotspots', title: 'Hotspots (churn × authors)',
    empty: hotspots.items.length ? null : 'No text files changed by non-merge commits in this window.',
    columns: ['repository', 'path', 'commits', 'churn', 'authors', 'score'],
    rows: hotspots.items.map(s => [s.repo, h('code', {}, s.path), s.commits, s.churn, s.authors, s.score]) });
  content.append(h('div', { class: 'grid' }, bus.element, table));
  await bus.drawn;
}
