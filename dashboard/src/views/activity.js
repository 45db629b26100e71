// Repositories (commits, lines and authors per day), pull requests (cycle-time stages stacked per period, review load
// per person) and code (activity heatmap, hotspots, bus factor).
import { get, getAll, query } from '../api.js';
import { chartCard, fmt, h, tableCard } from '../ui.js';

const axisChart = (categories, series, extra = {}) => ({
  tooltip: { trigger: 'axis' }, legend: { top: 0 },
  grid: { left: 56, right: 16, top: 32, bottom: 32 },
  xAxis: { type: 'category', data: categories }, yAxis: { type: 'value' }, series, ...extra,
});

/**
 * The window's git activity per day, summed over the selected repositories (the API answers one row per repository
 * and day): {timeZone, rows (the API's), days (sorted), byDay (day → {commits, additions, deletions, authors}),
 * totals (commits), empty (why there is nothing to draw, or null)}.
 */
export async function dailyActivity(base, params) {
  const daily = await get(`${base}/metrics/repos/daily${query({ from: params.from, to: params.to, repo: params.repo })}`);
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
  return { timeZone: daily.timeZone, rows: daily.items, days, byDay, totals, empty };
}

/** Commits (bars) and authors (line) per day: the overview's activity chart. */
export function activityChart(id, title, { days, byDay, empty }) {
  return chartCard({ id, title, empty, wide: true,
    option: axisChart(days, [{ name: 'Commits', type: 'bar', data: days.map(d => byDay.get(d).commits) },
      { name: 'Authors', type: 'line', yAxisIndex: 1, data: days.map(d => byDay.get(d).authors) }],
    { yAxis: [{ type: 'value', name: 'commits' }, { type: 'value', name: 'authors', minInterval: 1 }] }),
    columns: ['day', 'commits', 'authors'], rows: days.map(d => [d, byDay.get(d).commits, byDay.get(d).authors]) });
}

export async function repositories(content, { base, params }) {
  const { timeZone, days, byDay, totals, empty } = await dailyActivity(base, params);
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
    h('p', { class: 'muted' }, `Commits in the window: `, h('strong', { dataset: { value: 'commits-total' } }, totals), ` (${timeZone})`),
    h('div', { class: 'grid' }, cards.map(c => c.element)));
  await Promise.all(cards.map(c => c.drawn));
}

const STAGES = [['coding', 'Coding'], ['pickup', 'Pickup'], ['review', 'Review'], ['deploy', 'Deploy']];

/**
 * Reviews submitted per person in the window (user_metrics_daily, every repository: the API's per-person table has no
 * repository dimension), most first; people without a review are left out.
 */
async function reviewLoad(base, params) {
  const rows = await getAll(`${base}/metrics/users/daily${query({ from: params.from, to: params.to })}`, { limit: 200, max: 100_000 });
  const people = new Map();
  for (const row of rows) {
    const person = people.get(row.identityKey) ?? { name: row.displayName || row.identityKey, reviews: 0, merged: 0 };
    person.reviews += row.reviewsGiven;
    person.merged += row.prsMerged;
    people.set(row.identityKey, person);
  }
  return [...people.values()].filter(p => p.reviews > 0)
    .sort((a, b) => b.reviews - a.reviews || a.name.localeCompare(b.name));
}

export async function pullRequests(content, { base, params }) {
  const [report, reviewers] = await Promise.all([
    get(`${base}/pull-requests/cycle-time${query({ from: params.from, to: params.to, repo: params.repo, team: params.team, period: 'week' })}`),
    reviewLoad(base, params),
  ]);
  const periods = report.byPeriod;
  const empty = report.overall.mergedPullRequests === 0 ? 'No pull requests were merged in this window.' : null;
  const stacked = chartCard({ id: 'cycle-time-stages', title: 'Cycle time by stage (median hours per week)', empty, wide: true,
    option: axisChart(periods.map(p => p.start), STAGES.map(([key, name]) =>
      ({ name, type: 'bar', stack: 'stages', data: periods.map(p => p.cycleTime[key].p50Hours) }))),
    columns: ['week', 'merged', ...STAGES.map(([, name]) => `${name} p50 h`)],
    rows: periods.map(p => [p.start, p.cycleTime.mergedPullRequests, ...STAGES.map(([key]) => p.cycleTime[key].p50Hours)]) });
  const shown = reviewers.slice(0, 20).reverse(); // the horizontal bars read top-down, most reviews first
  const load = chartCard({ id: 'review-load', title: 'Review load per person (reviews submitted, every repository)',
    empty: reviewers.length ? null : 'Nobody submitted a review in this window (or no pull-request provider is synced).',
    option: { tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, grid: { left: 140, right: 24, top: 8, bottom: 28 },
      xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: shown.map(p => p.name) },
      series: [{ name: 'Reviews', type: 'bar', data: shown.map(p => p.reviews) }] },
    columns: ['person', 'reviews', 'own pull requests merged'], rows: reviewers.map(p => [p.name, p.reviews, p.merged]) });
  const repos = report.byRepo ?? [];
  const perRepo = tableCard({ id: 'cycle-time-repos', title: 'By repository (median hours)',
    empty: repos.length ? null : 'No merged pull requests per repository in this window.',
    columns: ['repository', 'merged', ...STAGES.map(([, name]) => name)],
    rows: repos.map(r => [r.repo, r.cycleTime.mergedPullRequests, ...STAGES.map(([key]) => r.cycleTime[key].p50Hours)]) });
  content.append(
    h('dl', { class: 'summary' }, h('dt', {}, 'Merged'), h('dd', { dataset: { value: 'merged' } }, report.overall.mergedPullRequests),
      STAGES.map(([key, name]) => [h('dt', {}, `${name} p50 (h)`), h('dd', { dataset: { value: `${key}-p50` } }, fmt(report.overall[key].p50Hours))])),
    h('div', { class: 'grid' }, stacked.element, load.element, perRepo));
  await Promise.all([stacked.drawn, load.drawn]);
}

export async function code(content, { base, params }) {
  const [activity, hotspots, busFactor] = await Promise.all([
    dailyActivity(base, params),
    get(`${base}/code/hotspots${query({ from: params.from, to: params.to, repo: params.repo, limit: 25 })}`),
    get(`${base}/code/bus-factor${query({ from: params.from, to: params.to, repo: params.repo })}`),
  ]);
  const { days, byDay } = activity;
  const most = Math.max(1, ...days.map(d => byDay.get(d).commits));
  // Square cells as wide as the page allows (a year is 53 columns), never stretched across a short window.
  const weeks = Math.ceil((Date.parse(params.to) - Date.parse(params.from)) / (7 * 86_400_000)) + 2;
  const cell = Math.max(8, Math.min(22, Math.floor((Math.min(innerWidth, 1400) - 140) / weeks)));
  const heatmap = chartCard({ id: 'activity-heatmap', title: `Commits per day (${activity.timeZone})`, wide: true, empty: activity.empty,
    option: { tooltip: { formatter: ({ value }) => `${value[0]}: ${value[1]} commits` },
      visualMap: { type: 'piecewise', min: 0, max: most, orient: 'horizontal', left: 'center', bottom: 0, splitNumber: Math.min(5, most),
        inRange: { color: ['#dafbe1', '#4ac26b', '#116329'] } },
      calendar: { range: [params.from, params.to], top: 24, left: 44, bottom: 44, cellSize: cell,
        dayLabel: { firstDay: 1, nameMap: 'en' }, yearLabel: { show: false }, splitLine: { show: false } },
      series: [{ name: 'Commits', type: 'heatmap', coordinateSystem: 'calendar',
        data: days.filter(d => byDay.get(d).commits > 0).map(d => [d, byDay.get(d).commits]) }] },
    columns: ['day', 'commits'], rows: days.map(d => [d, byDay.get(d).commits]) });
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
  content.append(h('div', { class: 'grid' }, heatmap.element, bus.element, table));
  await Promise.all([heatmap.drawn, bus.drawn]);
}
