// The measuring half of bench/analytics: seeds ClickHouse for a fresh organization with a deterministic generator,
// then, for every analytics endpoint, p50/p99 through the gateway, straight to analytics-service, and of the same SQL
// sent straight to the ClickHouse facade, with the service's own timers (mean time per request inside the service and
// in its ClickHouse reads), and checks the DORA deployment count against ClickHouse.
//
// Usage: node analytics.mjs GATEWAY_URL CLICKHOUSE_URL DATABASE QUERY_LOG ANALYTICS_URL
// Env: DEVHEALTH_ADMIN_EMAIL / _PASSWORD (the bootstrap admin), BENCH_SCALE (1), BENCH_REQUESTS (200),
// BENCH_WARMUP (100), BENCH_WARMUP_MAX (2000), BENCH_ANALYTICS_PID and BENCH_CLOCK_TICKS (the service's JIT, see
// jitCpuMs), BENCH_CONCURRENCY (4), BENCH_ENDPOINTS (all; comma-separated parts of endpoint labels, e.g.
// "repos,dora"), CLICKHOUSE_PASSWORD (devhealth).
// Prints the table on stdout; exits 1 when a check fails or an endpoint answers non-2xx.

import fs from 'node:fs';
import os from 'node:os';
import { apiCall, loginAsAdmin } from '../dev/lib/api.mjs';

const [gateway, clickhouse, database, queryLog, analytics] = process.argv.slice(2);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
// Untimed gateway requests (each followed by a replay) per endpoint before measuring: a long-running service has
// served an endpoint many times, and the JIT compiles a request's path only after some hundred calls. At least
// WARMUP, then more until the JIT has settled (see warmUp), at most WARMUP_MAX.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const WARMUP_MAX = Number(process.env.BENCH_WARMUP_MAX ?? 2000);
const WARMUP_ROUND = 50;
/** The JIT has settled when its compiler threads used less than this share of a warm-up round's wall time. */
const JIT_SETTLED_SHARE = 0.02;
const ANALYTICS_PID = Number(process.env.BENCH_ANALYTICS_PID ?? 0);
const CLOCK_TICKS = Number(process.env.BENCH_CLOCK_TICKS ?? 100);
const CH_AUTH = `Basic ${Buffer.from(`default:${process.env.CLICKHOUSE_PASSWORD ?? 'devhealth'}`).toString('base64')}`;
if (!(SCALE > 0) || !(REQUESTS > 0) || !(CONCURRENCY > 0)) throw new Error('BENCH_SCALE, BENCH_REQUESTS and BENCH_CONCURRENCY must be positive');
if (!(WARMUP >= 0) || !(WARMUP_MAX >= WARMUP)) throw new Error('BENCH_WARMUP must be zero or more, BENCH_WARMUP_MAX at least as much');

const DAY_MS = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const isoDay = (date) => date.toISOString().slice(0, 10);
const daysBefore = (n) => isoDay(new Date(today.getTime() - n * DAY_MS));
const TO = isoDay(today);

/** One statement straight to the facade (SQL in the body, as the JDBC driver sends it). */
async function clickhouseQuery(sql, { settings = {}, params = null, format = null, db = database } = {}) {
  const url = new URL(clickhouse);
  for (const [k, v] of Object.entries(settings)) url.searchParams.set(k, v);
  for (const [k, v] of Object.entries(params ?? {})) url.searchParams.set(`param_${k}`, v);
  const headers = { authorization: CH_AUTH };
  if (db) headers['x-clickhouse-database'] = db;
  if (format) headers['x-clickhouse-format'] = format;
  const response = await fetch(url, { method: 'POST', headers, body: sql });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`ClickHouse ${response.status}: ${body.toString('utf8').slice(0, 400)}\n${sql.slice(0, 400)}`);
  return body;
}

// --- the seeded generator ----------------------------------------------------------------------------------------
// Deterministic: every value is a cityHash64 of the row number and a salt (no rand()), so two runs at one scale hold
// the same data (only org_id and "today" differ). Commits are spread evenly over 2 years in time order; deployment d
// ships the block of K = commits / deployments commits before it, all in repository d mod REPOS.
function counts() {
  const n = (base, min = 1) => Math.max(min, Math.round(base * SCALE));
  const c = {
    repos: n(50, 5), people: n(500, 20), teams: n(10, 2), projects: 5,
    commits: n(1_000_000, 1000), prs: n(100_000, 100), deployments: n(10_000, 10), incidents: n(1000, 10), workItems: n(200_000, 200),
  };
  c.commitsPerDeployment = Math.floor(c.commits / c.deployments);
  c.commits = c.commitsPerDeployment * c.deployments;
  c.prs = Math.min(c.prs, Math.floor(c.commits / 10));
  return c;
}

function seedStatements(org, c) {
  const SPAN_DAYS = 730;
  const start = `toDateTime64('${daysBefore(SPAN_DAYS)} 00:00:00', 3, 'UTC')`;
  const spanMs = SPAN_DAYS * DAY_MS;
  const h = (expr, salt) => `cityHash64(${expr}, '${salt}')`;
  const uuid = (kind, expr) => `toUUID(concat('00000000-0000-4000-${kind}-', leftPad(toString(${expr}), 12, '0')))`;
  const repoId = (expr) => uuid('8000', expr);
  const personId = (expr) => uuid('9000', expr);
  const sha = (expr) => `lower(substring(concat(hex(${h(expr, 's1')}), hex(${h(expr, 's2')}), hex(${h(expr, 's3')})), 1, 40))`;
  const at = (ms) => `addMilliseconds(${start}, ${ms})`;
  const K = c.commitsPerDeployment;
  // Commit c: evenly spaced in time (± 1 hour), repository of its deployment block.
  const commitMs = (e) => `toInt64(intDiv(${e} * ${spanMs}, ${c.commits}) + ${h(e, 'jitter')} % 3600000)`;
  const commitRepo = (e) => `intDiv(${e}, ${K}) % ${c.repos}`;
  const person = (e, salt) => `(${h(e, salt)} % ${c.people})`;
  const email = (p) => `concat('person', toString(${p}), '@example.com')`;
  // Deployment d finishes 1–6 hours after its last commit; 90 % production, 5 % of those failed, 2 % rework.
  const deployMs = (d) => `(${commitMs(`(${d} * ${K} + ${K - 1})`)} + 3600000 + ${h(d, 'deploy')} % 18000000)`;
  const isProduction = (d) => `(${h(d, 'env')} % 10 != 0)`;
  const isFailed = (d) => `(${h(d, 'fail')} % 20 = 0)`;
  // Pull request i: its merge commit is commit 10 i + i mod 10; opened 1–72 h before, reviewed a third of the way.
  const prCommit = (i) => `(${i} * 10 + ${i} % 10)`;
  const prState = (i) => `multiIf(${h(i, 'state')} % 20 < 16, 'merged', ${h(i, 'state')} % 20 < 17, 'closed', 'open')`;
  const prMergedMs = (i) => commitMs(prCommit(i));
  const prOpenMs = (i) => `(${prMergedMs(i)} - 3600000 - toInt64(${h(i, 'open')} % 259200000))`;
  const prReviewMs = (i) => `(${prOpenMs(i)} + intDiv(${prMergedMs(i)} - ${prOpenMs(i)}, 3))`;
  // Work item w: created anywhere in the 2 years, started 0–5 days later, done 0–10 days after that.
  const wiCreatedMs = (w) => `toInt64(${h(w, 'wc')} % ${spanMs - 20 * DAY_MS})`;
  const wiStartedMs = (w) => `(${wiCreatedMs(w)} + toInt64(${h(w, 'ws')} % ${5 * DAY_MS}))`;
  const wiDoneMs = (w) => `(${wiStartedMs(w)} + toInt64(${h(w, 'wd')} % ${10 * DAY_MS}))`;
  const wiCategory = (w) => `multiIf(${h(w, 'cat')} % 20 < 14, 'done', ${h(w, 'cat')} % 20 < 17, 'in_progress', 'todo')`;
  const wiKey = (w) => `concat('PRJ', toString(${w} % ${c.projects}), '-', toString(${w}))`;
  const O = `toUUID('${org}')`;
  // Daily metric rows: every key (n of them) × every day of the 2 years.
  const days = (table, key, n, keyExpr, columns) => `INSERT INTO ${table} (org_id, ${key}, day, ${columns.map(([name]) => name).join(', ')}, computed_at, version)
    SELECT ${O}, ${keyExpr}, toDate(${start}) + toUInt32(number % ${SPAN_DAYS + 1}), ${columns.map(([, e]) => e).join(', ')}, now64(3), 1
    FROM numbers(${n * (SPAN_DAYS + 1)})`;
  const x = `intDiv(number, ${SPAN_DAYS + 1})`;
  return [
    ['repos', `INSERT INTO repos (org_id, repo_id, provider, full_name, url, default_branch, synced_at, version)
      SELECT ${O}, ${repoId('number')}, 'github', concat('bench/repo-', toString(number)),
             concat('https://github.com/bench/repo-', toString(number)), 'main', now64(3), 1 FROM numbers(${c.repos})`],
    ['people', `INSERT INTO people (org_id, person_id, person_key, display_name, primary_email, updated_at, version)
      SELECT ${O}, ${personId('number')}, toString(${personId('number')}), concat('Person ', toString(number)), ${email('number')}, now64(3), 1
      FROM numbers(${c.people})`],
    ['person_identities', `INSERT INTO person_identities (org_id, provider, external_id, person_id, name, email, version)
      SELECT ${O}, 'git', ${email('number')}, ${personId('number')}, concat('Person ', toString(number)), ${email('number')}, 1 FROM numbers(${c.people})
      UNION ALL
      SELECT ${O}, 'github', concat('person', toString(number)), ${personId('number')}, concat('Person ', toString(number)), '', 1 FROM numbers(${c.people})`],
    ['teams', `INSERT INTO teams (org_id, team_id, team_key, name, members, repo_patterns, project_keys, updated_at, version)
      SELECT ${O}, concat('team-', toString(number)), concat('team', toString(number)), concat('Team ', toString(number)),
             arrayMap(p -> toString(${personId('p')}), range(number * intDiv(${c.people}, ${c.teams}), (number + 1) * intDiv(${c.people}, ${c.teams}))),
             arrayMap(r -> concat('bench/repo-', toString(r)), range(number * intDiv(${c.repos}, ${c.teams}), (number + 1) * intDiv(${c.repos}, ${c.teams}))),
             [concat('PRJ', toString(number % ${c.projects}))], now64(3), 1
      FROM numbers(${c.teams})`],
    ['commits', `INSERT INTO commits (org_id, repo_id, sha, parents, is_merge, author_name, author_email, authored_at,
        committer_name, committer_email, committed_at, subject, additions, deletions, files_changed, version)
      SELECT ${O}, ${repoId(commitRepo('number'))}, ${sha('number')}, [${sha('number + 1')}], ${h('number', 'merge')} % 20 = 0,
             concat('Person ', toString(${person('number', 'author')})), ${email(person('number', 'author'))}, ${at(commitMs('number'))},
             concat('Person ', toString(${person('number', 'author')})), ${email(person('number', 'author'))}, ${at(commitMs('number'))},
             concat('change ', toString(number)), ${h('number', 'add')} % 200, ${h('number', 'del')} % 100, 2, 1
      FROM numbers(${c.commits})`],
    // Two files per commit; paths concentrate on few files (squared hash), as churn does.
    ['commit_stats', `INSERT INTO commit_stats (org_id, repo_id, sha, path, change_type, additions, deletions, is_binary, authored_at, committed_at, version)
      SELECT ${O}, ${repoId(commitRepo('intDiv(number, 2)'))}, ${sha('intDiv(number, 2)')},
             concat('src/module', toString(${h('number', 'dir')} % 20), '/File', toString(intDiv(pow(${h('number', 'file')} % 1000, 2), 1000)), '_', toString(number % 2), '.java'),
             'modified', ${h('number', 'add')} % 100, ${h('number', 'del')} % 50, 0,
             ${at(commitMs('intDiv(number, 2)'))}, ${at(commitMs('intDiv(number, 2)'))}, 1
      FROM numbers(${c.commits * 2})`],
    ['pull_requests', `INSERT INTO pull_requests (org_id, repo_id, provider, number, provider_id, title, state, is_draft, author_login,
        base_branch, head_branch, merge_commit_sha, labels, additions, deletions, changed_files, commits_count, comments_count,
        created_at, updated_at, first_commit_at, first_review_at, merged_at, closed_at, url, version)
      SELECT ${O}, ${repoId(commitRepo(prCommit('number')))}, 'github', number + 1, toString(number), concat('PR ', toString(number)), ${prState('number')}, 0,
             concat('person', toString(${person('number', 'prauthor')})), 'main', concat('feature/', toString(number)),
             if(${prState('number')} = 'merged', ${sha(prCommit('number'))}, ''), [if(${h('number', 'label')} % 3 = 0, 'bug', 'feature')],
             ${h('number', 'add')} % 500, ${h('number', 'del')} % 200, 1 + ${h('number', 'files')} % 20, 1 + ${h('number', 'cc')} % 5, ${h('number', 'com')} % 10,
             ${at(prOpenMs('number'))}, ${at(prMergedMs('number'))}, ${at(`${prOpenMs('number')} - toInt64(${h('number', 'fc')} % 172800000)`)},
             if(${prState('number')} = 'open', NULL, ${at(prReviewMs('number'))}),
             if(${prState('number')} = 'merged', ${at(prMergedMs('number'))}, NULL),
             if(${prState('number')} = 'open', NULL, ${at(prMergedMs('number'))}),
             concat('https://github.com/bench/pr/', toString(number)), 1
      FROM numbers(${c.prs})`],
    ['pull_request_reviews', `INSERT INTO pull_request_reviews (org_id, repo_id, pr_number, review_id, reviewer_login, state, submitted_at, version)
      SELECT ${O}, ${repoId(commitRepo(prCommit('intDiv(number, 2)')))}, intDiv(number, 2) + 1, toString(number),
             concat('person', toString(${person('number', 'reviewer')})), if(number % 2 = 0, 'COMMENTED', 'APPROVED'),
             ${at(`${prReviewMs('intDiv(number, 2)')} + number % 2 * 3600000`)}, 1
      FROM numbers(${c.prs * 2}) WHERE ${prState('intDiv(number, 2)')} != 'open'`],
    ['deployments', `INSERT INTO deployments (org_id, repo_id, provider, deployment_id, environment, pipeline_id, is_production, status,
        commit_sha, ref, created_at, finished_at, url, version)
      SELECT ${O}, ${repoId(`number % ${c.repos}`)}, 'github', concat('d', toString(number)), if(${isProduction('number')}, 'production', 'staging'),
             concat('p', toString(number)), ${isProduction('number')}, 'success', ${sha(`number * ${K} + ${K - 1}`)}, 'main',
             ${at(`${deployMs('number')} - 600000`)}, ${at(deployMs('number'))}, concat('https://github.com/bench/deployments/', toString(number)), 1
      FROM numbers(${c.deployments})`],
    ['deployment_facts', `INSERT INTO deployment_facts (org_id, repo_id, provider, deployment_id, environment, is_production, pipeline_id,
        commit_sha, finished_at, changes, failure_cause, recovered_at, is_rework, sequence_failure_cause, sequence_recovered_at, sequence_rework, version)
      SELECT ${O}, ${repoId(`number % ${c.repos}`)}, 'github', concat('d', toString(number)), if(${isProduction('number')}, 'production', 'staging'),
             ${isProduction('number')}, concat('p', toString(number)), ${sha(`number * ${K} + ${K - 1}`)}, ${at(deployMs('number'))}, ${K},
             if(${isFailed('number')}, 'incident', ''), if(${isFailed('number')}, ${at(`${deployMs('number')} + ${h('number', 'rec')} % 28800000`)}, NULL),
             ${h('number', 'rework')} % 50 = 0, '', NULL, 0, 1
      FROM numbers(${c.deployments})`],
    ['change_facts', `INSERT INTO change_facts (org_id, repo_id, environment, is_production, sha, authored_at, committed_at, pr_number,
        deployment_id, deployed_at, link_method, version)
      SELECT ${O}, ${repoId(commitRepo('number'))}, 'production', 1, ${sha('number')}, ${at(commitMs('number'))}, ${at(commitMs('number'))},
             if(number % 10 = intDiv(number, 10) % 10 AND intDiv(number, 10) < ${c.prs}, intDiv(number, 10) + 1, NULL),
             concat('d', toString(intDiv(number, ${K}))), ${at(deployMs(`intDiv(number, ${K})`))}, 'ancestry', 1
      FROM numbers(${c.commits}) WHERE ${isProduction(`intDiv(number, ${K})`)}`],
    ['incidents', `INSERT INTO incidents (org_id, provider, incident_id, incident_number, title, status, urgency, service, repo_id, deployment_id,
        created_at, acknowledged_at, resolved_at, url, version)
      SELECT ${O}, 'pagerduty', concat('I', toString(number)), number + 1, concat('Incident ', toString(number)), 'resolved',
             if(${h('number', 'urg')} % 3 = 0, 'high', 'low'), concat('service-', toString(number % 8)), ${repoId(`number % ${c.repos}`)}, '',
             ${at(`toInt64(${h('number', 'ic')} % ${spanMs - DAY_MS})`)}, ${at(`toInt64(${h('number', 'ic')} % ${spanMs - DAY_MS}) + 300000`)},
             ${at(`toInt64(${h('number', 'ic')} % ${spanMs - DAY_MS}) + 600000 + toInt64(${h('number', 'ir')} % 36000000)`)},
             concat('https://pagerduty.example/incidents/', toString(number)), 1
      FROM numbers(${c.incidents})`],
    ['incident_links', `INSERT INTO incident_links (org_id, provider, incident_id, incident_created_at, repo_id, deployment_id, link_method, reason,
        remediation_deployment_id, recovered_at, linked_at, version)
      SELECT ${O}, 'pagerduty', concat('I', toString(number)), ${at(`toInt64(${h('number', 'ic')} % ${spanMs - DAY_MS})`)}, ${repoId(`number % ${c.repos}`)},
             concat('d', toString(number * intDiv(${c.deployments}, ${c.incidents}))), 'time_window', 'caused_by', '', NULL, now64(3), 1
      FROM numbers(${c.incidents}) WHERE number % 2 = 0`],
    ['work_items', `INSERT INTO work_items (org_id, provider, work_item_id, project_key, title, type, status, status_category, priority, assignee,
        reporter, labels, story_points, created_at, updated_at, started_at, completed_at, resolved_at, url, version)
      SELECT ${O}, 'jira', ${wiKey('number')}, concat('PRJ', toString(number % ${c.projects})), concat('Item ', toString(number)),
             ['story', 'bug', 'task', 'story', 'task'][1 + ${h('number', 'type')} % 5], ${wiCategory('number')}, ${wiCategory('number')}, 'medium',
             concat('person', toString(${person('number', 'assignee')})), concat('person', toString(${person('number', 'reporter')})),
             [['backend'], ['frontend'], ['infra', 'backend'], [], ['security']][1 + ${h('number', 'labels')} % 5], toFloat64(${h('number', 'sp')} % 8),
             ${at(wiCreatedMs('number'))}, ${at(wiDoneMs('number'))},
             if(${wiCategory('number')} = 'todo', NULL, ${at(wiStartedMs('number'))}),
             if(${wiCategory('number')} = 'done', ${at(wiDoneMs('number'))}, NULL), if(${wiCategory('number')} = 'done', ${at(wiDoneMs('number'))}, NULL),
             concat('https://jira.example/browse/', ${wiKey('number')}), 1
      FROM numbers(${c.workItems})`],
    ['work_item_transitions', `INSERT INTO work_item_transitions (org_id, provider, work_item_id, transitioned_at, from_status, to_status,
        from_category, to_category, actor, version)
      SELECT ${O}, 'jira', ${wiKey('intDiv(number, 2)')},
             if(number % 2 = 0, ${at(wiStartedMs('intDiv(number, 2)'))}, ${at(wiDoneMs('intDiv(number, 2)'))}),
             if(number % 2 = 0, 'todo', 'in_progress'), if(number % 2 = 0, 'in_progress', 'done'),
             if(number % 2 = 0, 'todo', 'in_progress'), if(number % 2 = 0, 'in_progress', 'done'), 'person1', 1
      FROM numbers(${c.workItems * 2})
      WHERE ${wiCategory('intDiv(number, 2)')} = 'done' OR (number % 2 = 0 AND ${wiCategory('intDiv(number, 2)')} = 'in_progress')`],
    ['repo_metrics_daily', days('repo_metrics_daily', 'repo_id', c.repos, repoId(x), [
      ['commits', `${h('number', 'rc')} % 60`], ['merge_commits', `${h('number', 'rm')} % 3`], ['additions', `${h('number', 'ra')} % 5000`],
      ['deletions', `${h('number', 'rd')} % 2000`], ['files_changed', `${h('number', 'rf')} % 100`], ['authors', `${h('number', 'rau')} % 12`],
      ['prs_opened', `${h('number', 'ro')} % 8`], ['prs_merged', `${h('number', 'rpm')} % 7`], ['pr_cycle_time_p50_hours', `(${h('number', 'rct')} % 7200) / 100`]])],
    ['user_metrics_daily', days('user_metrics_daily', 'identity_key', c.people, `concat('person', toString(${x}))`, [
      ['commits', `${h('number', 'uc')} % 8`], ['additions', `${h('number', 'ua')} % 800`], ['deletions', `${h('number', 'ud')} % 300`],
      ['files_changed', `${h('number', 'uf')} % 20`], ['repos_touched', `${h('number', 'ur')} % 3`], ['prs_opened', `${h('number', 'uo')} % 2`],
      ['prs_merged', `${h('number', 'um')} % 2`], ['reviews_given', `${h('number', 'uv')} % 4`], ['work_items_completed', `${h('number', 'uw')} % 3`]])],
    ['team_metrics_daily', days('team_metrics_daily', 'team_id', c.teams, `concat('team-', toString(${x}))`, [
      ['commits', `${h('number', 'tc')} % 200`], ['additions', `${h('number', 'ta')} % 20000`], ['deletions', `${h('number', 'td')} % 8000`],
      ['active_members', `${h('number', 'tm')} % 50`], ['prs_opened', `${h('number', 'to')} % 30`], ['prs_merged', `${h('number', 'tp')} % 25`],
      ['reviews_given', `${h('number', 'tv')} % 60`], ['work_items_completed', `${h('number', 'tw')} % 40`]])],
    ['work_item_metrics_daily', days('work_item_metrics_daily', 'project_key', c.projects, `concat('PRJ', toString(${x}))`, [
      ['provider', `'jira'`], ['created', `${h('number', 'wc')} % 60`], ['completed', `${h('number', 'wd')} % 55`], ['wip', `${h('number', 'ww')} % 300`],
      ['bugs_created', `${h('number', 'wb')} % 10`], ['lead_time_p50_hours', `(${h('number', 'wl')} % 30000) / 100`],
      ['cycle_time_p50_hours', `(${h('number', 'wy')} % 20000) / 100`]])],
  ];
}

async function seed(org) {
  const c = counts();
  console.error(`seeding ClickHouse for org ${org}: ${c.commits} commits, ${c.prs} pull requests, ${c.deployments} deployments, ` +
    `${c.incidents} incidents, ${c.workItems} work items, ${c.repos} repos, ${c.people} people, ${c.teams} teams, 2 years ...`);
  const started = performance.now();
  for (const [table, sql] of seedStatements(org, c)) {
    const t = performance.now();
    await clickhouseQuery(sql);
    const rows = (await clickhouseQuery(`SELECT count() FROM ${table} WHERE org_id = toUUID('${org}') FORMAT TabSeparated`)).toString().trim();
    console.error(`  ${table.padEnd(24)} ${rows.padStart(10)} rows  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  // Merge the parts once, as a long-lived table would be: the benchmark measures reads, not a fresh load's part count.
  for (const [table] of seedStatements(org, c)) await clickhouseQuery(`OPTIMIZE TABLE ${table} FINAL`);
  console.error(`  seeded and merged in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return c;
}

// --- measuring ------------------------------------------------------------------------------------------------------
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Runs each of `tasks` (name → async function) REQUESTS times with CONCURRENCY in flight, interleaved (each round
 * starts with the next task in turn), so all see the same machine: background merges, other processes and the JIT's
 * state weigh on every column alike. Returns {name: {p50, p99}} in ms.
 */
async function measureInterleaved(tasks) {
  const names = Object.keys(tasks);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      const first = next++ % names.length;
      for (let i = 0; i < names.length; i++) {
        const name = names[(first + i) % names.length];
        const t = performance.now();
        await tasks[name]();
        times[name].push(performance.now() - t);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const summary = (list) => {
    list.sort((a, b) => a - b);
    return { p50: percentile(list, 50), p99: percentile(list, 99) };
  };
  return Object.fromEntries(names.map((name) => [name, summary(times[name])]));
}

/**
 * analytics-service's own timers (Micrometer, /q/metrics): seconds and count of its analytics requests
 * (http_server_requests, every analytics URI) and seconds of its ClickHouse reads (devhealth_clickhouse_query).
 */
async function serviceTimers() {
  const text = await (await fetch(`${analytics}/q/metrics`)).text();
  const totals = { requestSeconds: 0, requests: 0, readSeconds: 0 };
  for (const line of text.split('\n')) {
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith('http_server_requests_seconds_sum{') && line.includes('uri="/api/v1/analytics/')) totals.requestSeconds += value;
    else if (line.startsWith('http_server_requests_seconds_count{') && line.includes('uri="/api/v1/analytics/')) totals.requests += value;
    else if (line.startsWith('devhealth_clickhouse_query_seconds_sum{')) totals.readSeconds += value;
  }
  return totals;
}

/**
 * CPU ms that analytics-service's JIT compiler threads (C1 and C2, "C2 CompilerThre…" in /proc) have used so far;
 * null when that cannot be read (no pid, not Linux). A thread the JVM retired takes its time with it, so a difference
 * may undercount, never overcount.
 */
function jitCpuMs() {
  if (!ANALYTICS_PID) return null;
  const tasks = `/proc/${ANALYTICS_PID}/task`;
  try {
    let ticks = 0;
    for (const tid of fs.readdirSync(tasks)) {
      try {
        if (!/^C[12] CompilerThre/.test(fs.readFileSync(`${tasks}/${tid}/comm`, 'utf8'))) continue;
        // After "(comm)": state is field 3; utime and stime are fields 14 and 15.
        const stat = fs.readFileSync(`${tasks}/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // the thread ended between listing and reading
      }
    }
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * Untimed rounds of `call` (one gateway request, one straight to the service, one replay): WARMUP, then rounds of
 * WARMUP_ROUND until the service's JIT compiler threads used less than JIT_SETTLED_SHARE of a round's wall time, up to
 * WARMUP_MAX. Returns how many it ran and whether the JIT settled (null: not observable, WARMUP only).
 */
async function warmUp(call) {
  for (let i = 0; i < WARMUP; i++) await call();
  let done = WARMUP;
  if (jitCpuMs() === null) return { requests: done, settled: null };
  while (done + WARMUP_ROUND <= WARMUP_MAX) {
    const jitBefore = jitCpuMs();
    const started = performance.now();
    for (let i = 0; i < WARMUP_ROUND; i++) await call();
    done += WARMUP_ROUND;
    if (jitCpuMs() - jitBefore < JIT_SETTLED_SHARE * (performance.now() - started)) return { requests: done, settled: true };
  }
  return { requests: done, settled: false };
}

/**
 * The body of a GET of `path` from `base` (the gateway, or analytics-service itself), as bytes (the raw column reads
 * ClickHouse's answers as bytes too).
 */
async function getBody(base, token, path) {
  const response = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`GET ${base}${path} → ${response.status}: ${body.toString('utf8').slice(0, 300)}`);
  return body;
}
const gatewayGet = (token, path) => getBody(gateway, token, path);
const serviceGet = (token, path) => getBody(analytics, token, path);

const logSize = () => (fs.existsSync(queryLog) ? fs.statSync(queryLog).size : 0);
function logSince(offset) {
  const fd = fs.openSync(queryLog, 'r');
  try {
    const length = fs.fstatSync(fd).size - offset;
    const buffer = Buffer.alloc(Math.max(0, length));
    fs.readSync(fd, buffer, 0, buffer.length, offset);
    return buffer.toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  } finally {
    fs.closeSync(fd);
  }
}

async function main() {
  const identity = gateway;
  let token = await loginAsAdmin(identity);
  const slug = `bench-${Date.now()}`;
  const { json: org } = await apiCall(identity, 'POST', '/api/v1/identity/orgs', { token, body: { slug, name: 'Analytics benchmark' } });
  token = await loginAsAdmin(identity); // the new membership is in the next token
  const c = await seed(org.id);

  const base = `/api/v1/analytics/orgs/${slug}`;
  const window = (days) => `from=${daysBefore(days - 1)}&to=${TO}`;
  const endpoints = [
    ['/dora (90 d)', `${base}/dora?${window(90)}`, true],
    ['/dora (365 d)', `${base}/dora?${window(365)}`, true],
    ['/metrics/repos/daily', `${base}/metrics/repos/daily?${window(90)}`, true],
    ['/metrics/users/daily', `${base}/metrics/users/daily?${window(90)}`, true],
    ['/metrics/teams/daily', `${base}/metrics/teams/daily?${window(90)}`, true],
    ['/metrics/work-items/daily', `${base}/metrics/work-items/daily?${window(90)}`, true],
    ['/commits', `${base}/commits?${window(90)}`],
    ['/deployments', `${base}/deployments?${window(90)}`],
    ['/pull-requests', `${base}/pull-requests?${window(90)}`],
    ['/pull-requests/cycle-time', `${base}/pull-requests/cycle-time?${window(90)}`],
    ['/incidents', `${base}/incidents?${window(90)}`],
    ['/work-items', `${base}/work-items?${window(90)}`],
    ['/work-items/flow', `${base}/work-items/flow?${window(90)}`],
    ['/investment', `${base}/investment?${window(90)}`],
    ['/code/hotspots', `${base}/code/hotspots?${window(90)}`],
    ['/code/bus-factor', `${base}/code/bus-factor?${window(90)}`],
    ['/repos', `${base}/repos`],
  ];

  let failed = false;
  // Verify: the DORA deployment counts equal the seeded production deployments in each window, counted straight
  // from the deployments table (one pipeline per deployment in the seed, so units = deployments).
  for (const days of [90, 365]) {
    const report = JSON.parse((await gatewayGet(token, `${base}/dora?${window(days)}`)).toString('utf8'));
    const expected = Number((await clickhouseQuery(`SELECT count() FROM deployments FINAL WHERE org_id = toUUID('${org.id}')
      AND is_production = 1 AND status = 'success' AND toDate(finished_at) BETWEEN '${daysBefore(days - 1)}' AND '${TO}' FORMAT TabSeparated`)).toString());
    const got = report.deploymentFrequency?.deployments;
    const ok = got === expected && expected > 0;
    console.error(`check: DORA ${days} d deployments ${got}, ClickHouse count(*) of production deployments ${expected}: ${ok ? 'ok' : 'MISMATCH'}`);
    if (!ok) failed = true;
  }

  const only = (process.env.BENCH_ENDPOINTS ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const selected = only.length === 0 ? endpoints : endpoints.filter(([label]) => only.some((e) => label.includes(e)));
  if (selected.length === 0) throw new Error(`BENCH_ENDPOINTS=${process.env.BENCH_ENDPOINTS} names no endpoint`);
  const rows = [];
  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  for (const [label, path, dailyTarget] of selected) {
    // Capture: one request alone, and the analytics statements it sent (org-scoped, with the service's read settings).
    await gatewayGet(token, path); // warms the JIT and the connection pool
    const offset = logSize();
    await gatewayGet(token, path);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Inlined by JDBC, or a server-side query parameter (the reads ClickHouse answers as JSON).
    const statements = logSince(offset).filter((s) => (s.sql.includes(org.id) || Object.values(s.params ?? {}).includes(org.id))
      && /\nSETTINGS final = 1\b/.test(s.sql));
    const replay = async () => {
      for (const s of statements) await clickhouseQuery(s.sql, { settings: s.settings, params: s.params, format: s.format, db: s.database });
    };
    const warm = await warmUp(async () => {
      await gatewayGet(token, path);
      await serviceGet(token, path);
      await replay();
    });
    const jitBefore = jitCpuMs();
    const before = await serviceTimers();
    const { viaGateway, direct, raw } = await measureInterleaved({
      viaGateway: () => gatewayGet(token, path), direct: () => serviceGet(token, path), raw: replay });
    const after = await serviceTimers();
    const jitMs = jitBefore === null ? NaN : jitCpuMs() - jitBefore;
    const requests = after.requests - before.requests;
    // Mean ms per request inside analytics-service (Vert.x's timer: request read → response written) and in its reads.
    const inService = requests > 0 ? 1000 * (after.requestSeconds - before.requestSeconds) / requests : NaN;
    const inReads = requests > 0 ? 1000 * (after.readSeconds - before.readSeconds) / requests : NaN;
    // The slowest statement of the request, timed alone (one run each), for the report.
    let slowest = { ms: 0, sql: '' };
    for (const s of statements) {
      const t = performance.now();
      await clickhouseQuery(s.sql, { settings: s.settings, params: s.params, format: s.format, db: s.database });
      const ms = performance.now() - t;
      if (ms > slowest.ms) slowest = { ms, sql: s.sql };
    }
    rows.push({ label, dailyTarget, statements: statements.length, viaGateway, direct, raw, inService, inReads, slowest, warm, jitMs });
    console.error(`  ${label}: ${statements.length} statements, warmed up with ${warm.requests} requests `
      + `(JIT ${warm.settled === null ? 'not observed' : warm.settled ? 'settled' : 'still compiling'}), `
      + `gateway p50 ${viaGateway.p50.toFixed(1)} ms, raw p50 ${raw.p50.toFixed(1)} ms, JIT while measuring ${jitMs.toFixed(0)} ms`);
  }

  const f = (v) => v.toFixed(1).padStart(8);
  console.log();
  console.log(`dataset: ${c.commits} commits, ${c.prs} PRs, ${c.deployments} deployments, ${c.incidents} incidents, ${c.workItems} work items, ` +
    `${c.repos} repos, ${c.people} people (BENCH_SCALE=${SCALE}); ${REQUESTS} requests per endpoint at concurrency ${CONCURRENCY} after at least ${WARMUP} untimed (warm)`);
  console.log(`${'endpoint'.padEnd(28)} ${'stmts'.padStart(5)} ${'gw p50'.padStart(8)} ${'gw p99'.padStart(8)} ${'raw p50'.padStart(8)} ${'raw p99'.padStart(8)} ${'ratio'.padStart(6)} ${'svc p50'.padStart(8)} ${'in svc'.padStart(7)} ${'reads'.padStart(7)} ${'warm'.padStart(6)} ${'jit ms'.padStart(7)}  flags`);
  for (const r of rows) {
    const ratio = r.raw.p50 > 0 ? r.viaGateway.p50 / r.raw.p50 : NaN;
    const flags = [];
    if (r.dailyTarget && r.viaGateway.p99 > 100) flags.push('p99>100ms');
    if (ratio > 1.2) flags.push('overhead>1.2x');
    if (r.warm.settled === false) flags.push('jit-unsettled');
    r.flags = flags;
    console.log(`${r.label.padEnd(28)} ${String(r.statements).padStart(5)} ${f(r.viaGateway.p50)} ${f(r.viaGateway.p99)} ${f(r.raw.p50)} ${f(r.raw.p99)} ${ratio.toFixed(2).padStart(6)} ${f(r.direct.p50)} ${r.inService.toFixed(1).padStart(7)} ${r.inReads.toFixed(1).padStart(7)} ${String(r.warm.requests).padStart(6)} ${r.jitMs.toFixed(0).padStart(7)}  ${flags.join(' ')}`);
  }
  console.log('(ms; ratio = gateway p50 / raw p50; targets: p99 <= 100 ms for DORA and daily endpoints, ratio <= 1.2;');
  console.log(' svc p50 = the same request straight to analytics-service, no gateway; in svc / reads = mean per request');
  console.log(' inside the service, from its request timer, and of that in its ClickHouse reads, from its query timer;');
  console.log(' warm = untimed rounds before measuring, until the JIT compiler threads used < 2 % of a round (jit-unsettled:');
  console.log(' BENCH_WARMUP_MAX reached first); jit ms = their CPU while measuring)');
  // Other processes' CPU on a shared machine shows up as latency: say how busy it was.
  console.log(`load average (1/5/15 min) on ${os.cpus().length} cores: before ${loadBefore}, after ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log();
  console.log('slowest statement of each endpoint over 100 ms (alone, one run):');
  for (const r of rows.filter((x) => x.slowest.ms > 100)) {
    console.log(`  ${r.label}: ${r.slowest.ms.toFixed(0)} ms: ${r.slowest.sql.replace(/\s+/g, ' ').slice(0, 600)}`);
  }
  if (rows.some((r) => r.statements === 0)) {
    console.error('error: no statements captured for some endpoint (query log)');
    failed = true;
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`error: ${error.stack ?? error.message}`);
  process.exit(1);
});
