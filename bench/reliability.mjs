// The stack half of bench/reliability: faults against a baseline, a soak, and RELIABILITY.md.
// Usage: node reliability.mjs GATEWAY CLICKHOUSE_URL CONTROL REPO FIGURES_DIR REPORT IDENTITY_PORT SYNC_PORT ANALYTICS_PORT
// (env DEVHEALTH_ADMIN_EMAIL / _PASSWORD, BENCH_SOAK_SECONDS, BENCH_SOAK_RATE, BENCH_SOAK_WARMUP_SECONDS, BENCH_SUITE_RESULT)

import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import { apiCall, loginAsAdmin } from '../dev/lib/api.mjs';

const [gateway, clickhouse, control, repositoryPath, figuresDir, reportPath, identityPort, syncPort, analyticsPort] =
  process.argv.slice(2);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const SOAK_RATE = Number(process.env.BENCH_SOAK_RATE ?? 20);
const SOAK_WARMUP_SECONDS = Number(process.env.BENCH_SOAK_WARMUP_SECONDS ?? 120);
const CH_AUTH = `Basic ${Buffer.from('default:devhealth').toString('base64')}`;
const REQUEST_TIMEOUT_MS = 30_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const ctl = (...args) => execFileSync('bash', [control, ...args], { encoding: 'utf8' }).trim();
/** ctl without blocking the event loop (load keeps flowing while the action runs). */
const ctlAsync = async (...args) => (await promisify(execFile)('bash', [control, ...args])).stdout.trim();
const ports = { 'identity-service': identityPort, 'sync-service': syncPort, 'analytics-service': analyticsPort };
const results = [];
let failed = false;

const call = async (method, path, options) => (await apiCall(gateway, method, path, options)).json;

async function clickhouseQuery(sql, params = {}) {
  const url = new URL(clickhouse);
  url.searchParams.set('database', 'devhealth');
  url.searchParams.set('default_format', 'JSONEachRow');
  for (const [name, value] of Object.entries(params)) url.searchParams.set(`param_${name}`, value);
  const response = await fetch(url, { method: 'POST', headers: { authorization: CH_AUTH }, body: sql });
  const text = await response.text();
  if (!response.ok) throw new Error(`ClickHouse ${response.status}: ${text.slice(0, 300)}`);
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** An organization with a git sync configuration of the repository; returns its slug, id, configuration id, token. */
async function organization(slug) {
  let token = await loginAsAdmin(gateway);
  const org = await call('POST', '/api/v1/identity/orgs', { token, body: { slug, name: slug } });
  token = await loginAsAdmin(gateway);
  await call('PUT', `/api/v1/identity/orgs/${slug}/settings/repositories.local-roots`, {
    token, body: { value: [repositoryPath] },
  });
  const configuration = await call('POST', `/api/v1/identity/orgs/${slug}/sync-configurations`, {
    token, body: { name: 'reliability', provider: 'git', options: { repositoryPath }, enabled: true },
  });
  return { slug, id: org.id, configurationId: configuration.id, token };
}

async function startRun(org) {
  org.token = await loginAsAdmin(gateway);
  const { status, json } = await apiCall(gateway, 'POST',
    `/api/v1/sync/orgs/${org.slug}/configurations/${org.configurationId}/runs`, { token: org.token, allow: [409, 503] });
  return status < 300 ? json : null;
}

/** Polls the run until it ends (or the deadline); answers the last state seen, null when unreadable throughout. */
async function awaitRun(org, run, deadlineMs = 600_000, until = (r) => r.status !== 'running') {
  const deadline = Date.now() + deadlineMs;
  let last = run;
  while (Date.now() < deadline) {
    try {
      const { status, json } = await apiCall(gateway, 'GET', `/api/v1/sync/orgs/${org.slug}/runs/${run.id}`,
        { token: org.token, allow: [401] });
      if (status === 401) org.token = await loginAsAdmin(gateway); // expired
      else if (until((last = json))) return last;
    } catch {
      // the stack is mid-fault: keep polling
    }
    await sleep(100);
  }
  return last;
}

/** Starts runs until one succeeds (a failed or abandoned one is what a scheduler retry would follow). */
async function syncUntilSucceeded(org, attempts = 6) {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const run = await startRun(org);
    if (!run) { await sleep(5_000); continue; } // another run still holds the lease
    const ended = await awaitRun(org, run);
    if (ended.status === 'succeeded') return { run: ended, attempts: attempt };
    await sleep(2_000);
  }
  throw new Error(`no successful run for ${org.slug} in ${attempts} attempts`);
}

/** Run bookkeeping, not synced data: one row per run (a killed run leaves its own). */
const RUN_BOOKKEEPING = ['observed_identity_reports'];

/** Per table with org_id: FINAL row count and a checksum of every column that does not depend on the org or run. */
async function contents(orgId) {
  const columns = await clickhouseQuery(`SELECT table, groupArray(name) AS names FROM system.columns
    WHERE database = 'devhealth' AND type NOT LIKE '%UUID%'
      AND name NOT IN ('version', 'synced_at', 'computed_at', 'ingested_at', 'updated_at_version')
      AND table IN (SELECT table FROM system.columns WHERE database = 'devhealth' AND name = 'org_id')
      AND table IN (SELECT name FROM system.tables WHERE database = 'devhealth' AND engine LIKE '%MergeTree%')
    GROUP BY table ORDER BY table`);
  const result = {};
  for (const { table, names } of columns.filter((c) => !RUN_BOOKKEEPING.includes(c.table))) {
    const hashed = names.map((n) => `\`${n}\``).join(', ');
    const [row] = await clickhouseQuery(`SELECT count() AS rows, toString(sum(cityHash64(${hashed}))) AS checksum
      FROM \`${table}\` FINAL WHERE org_id = {org:UUID}`, { org: orgId });
    if (Number(row.rows) > 0) result[table] = { rows: Number(row.rows), checksum: row.checksum };
  }
  return result;
}

function compare(name, baseline, observed) {
  const tables = [...new Set([...Object.keys(baseline), ...Object.keys(observed)])].sort();
  let lost = 0; let extra = 0; const differing = [];
  for (const table of tables) {
    const b = baseline[table] ?? { rows: 0, checksum: '0' };
    const o = observed[table] ?? { rows: 0, checksum: '0' };
    if (o.rows < b.rows) lost += b.rows - o.rows;
    if (o.rows > b.rows) extra += o.rows - b.rows;
    if (b.checksum !== o.checksum) differing.push(table);
  }
  const rows = Object.values(baseline).reduce((sum, t) => sum + t.rows, 0);
  return { name, tables: tables.length, rows, lost, extra, differing };
}

/** Whether a run is writing rows, half-way through extracting, or over: the moment faults strike. */
const midway = (r) => r.status !== 'running' || r.phase === 'writing' || r.phase === 'metrics'
  || (r.phase === 'extracting' && r.itemsTotal && r.itemsProcessed * 2 >= r.itemsTotal);

/** Starts a run, waits until it is writing rows (or half-way through extracting), then applies the fault. */
async function midRun(org, fault) {
  const run = await startRun(org);
  if (!run) throw new Error('could not start the run');
  const progressed = await awaitRun(org, run, 120_000, midway);
  const counts = `${progressed.phase} ${progressed.itemsProcessed}/${progressed.itemsTotal ?? '?'}`;
  await fault();
  return { run, counts, statusAtFault: progressed.status };
}

async function faultClickHouse(baseline) {
  const org = await organization(`rel-ch-${Date.now()}`);
  const started = Date.now();
  const { run, counts, statusAtFault } = await midRun(org, async () => {
    ctl('kill', 'clickhouse');
    await sleep(3_000);
    ctl('start-clickhouse');
  });
  const first = await awaitRun(org, run);
  const final = first.status === 'succeeded' ? { attempts: 1 } : await syncUntilSucceeded(org);
  const verdict = compare('ClickHouse killed mid-sync', baseline, await contents(org.id));
  return { ...verdict, detail: `kill -9 of the facade at ${counts} (run ${statusAtFault}), restarted 3 s later; `
    + `interrupted run ${first.status}, ${final.attempts} run(s) to success, ${Math.round((Date.now() - started) / 1000)} s` };
}

async function faultSyncService(baseline) {
  const org = await organization(`rel-sync-${Date.now()}`);
  const started = Date.now();
  const { run, counts } = await midRun(org, async () => {
    ctl('kill', 'sync-service');
    ctl('start', 'sync-service', ports['sync-service']);
  });
  // The killed run's lease (30 s) must expire before identity lets a new run of the configuration start.
  const abandoned = await awaitRun(org, run, 180_000);
  const final = await syncUntilSucceeded(org, 20);
  const verdict = compare('sync-service killed mid-run', baseline, await contents(org.id));
  return { ...verdict, detail: `kill -9 at ${counts}; the killed run ended ${abandoned.status}; `
    + `${final.attempts} start(s) until a run succeeded, ${Math.round((Date.now() - started) / 1000)} s` };
}

// --- a second sync-service replica ------------------------------------------------------------------------------
const LEASE_SECONDS = 30; // sync-service's lease: 3 × devhealth.sync.heartbeat-interval (10 s)

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP proxy to identity-service for one replica; cut() refuses new connections and drops open ones. */
async function identityProxy() {
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(identityPort), '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => { sockets.delete(socket); client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut: () => { server.close(); for (const socket of sockets) socket.destroy(); },
  };
}

/** Replica b of sync-service (port, identity through a fresh proxy), started and ready. */
async function startReplicaB() {
  const proxy = await identityProxy();
  const port = await freePort();
  await ctlAsync('start-replica', 'sync-service.b', String(port), proxy.url);
  return { port, proxy, base: `http://127.0.0.1:${port}` };
}

/** A manual run started on replica b directly (not through the gateway), in trace `traceId`. */
async function startRunOn(replica, org, traceId) {
  org.token = await loginAsAdmin(gateway);
  const { json } = await apiCall(replica.base, 'POST',
    `/api/v1/sync/orgs/${org.slug}/configurations/${org.configurationId}/runs`, {
      token: org.token, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
  return json;
}

/** The configuration's runs as identity records them (whichever replica ran them), newest first. */
async function runsOf(org) {
  org.token = await loginAsAdmin(gateway);
  return call('GET', `/api/v1/identity/orgs/${org.slug}/sync-configurations/${org.configurationId}/runs`, { token: org.token });
}

/** Polls identity's record of the configuration's runs until `until(runs)` holds (or the deadline). */
async function awaitRuns(org, until, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  let runs = [];
  while (Date.now() < deadline) {
    runs = await runsOf(org);
    if (until(runs)) return runs;
    await sleep(500);
  }
  throw new Error(`runs of ${org.slug} not as expected within ${deadlineMs / 1000} s: ${JSON.stringify(runs.map((r) => [r.trigger, r.status, r.phase]))}`);
}

/** Waits (bounded) until replica b's run is writing, as faults mid-run do. */
async function awaitWriting(org, run) {
  return (await awaitRuns(org, (runs) => runs.some((r) => r.id === run.id && midway(r)), 120_000))
    .find((r) => r.id === run.id);
}

/**
 * Two replicas, one killed: replica b runs the sync and is killed (-9) mid-run; the configuration is then given a
 * schedule, and replica a's scheduler must take the run over once b's lease has expired.
 */
async function faultReplicaKilled(baseline) {
  const org = await organization(`rel-replica-${Date.now()}`);
  const replica = await startReplicaB();
  const started = Date.now();
  const run = await startRunOn(replica, org, randomBytes(16).toString('hex'));
  const atFault = await awaitWriting(org, run);
  ctl('kill', 'sync-service.b');
  const killedAt = Date.now();
  replica.proxy.cut();
  await call('PATCH', `/api/v1/identity/orgs/${org.slug}/sync-configurations/${org.configurationId}`, {
    token: org.token, body: { scheduleIntervalSeconds: 60 },
  });
  const runs = await awaitRuns(org, (list) => list.some((r) => r.trigger === 'schedule' && r.status === 'succeeded'), 300_000);
  const takeover = runs.find((r) => r.trigger === 'schedule' && r.status === 'succeeded');
  await call('PATCH', `/api/v1/identity/orgs/${org.slug}/sync-configurations/${org.configurationId}`, {
    token: org.token, body: { enabled: false },
  });
  const killed = runs.find((r) => r.id === run.id);
  const verdict = compare('one of two sync-service replicas killed mid-run', baseline, await contents(org.id));
  return { ...verdict, detail: `replica b killed (-9) at ${atFault.phase} ${atFault.itemsProcessed}/${atFault.itemsTotal ?? '?'}; `
    + `its run ended ${killed?.status} ("${killed?.error ?? ''}"); replica a's scheduler started run ${takeover.id.slice(0, 8)} `
    + `${Math.round((Date.parse(takeover.startedAt) - killedAt) / 1000)} s after the kill (lease ${LEASE_SECONDS} s, scheduler poll 30 s) `
    + `and it succeeded; ${Math.round((Date.now() - started) / 1000)} s in all` };
}

/**
 * One replica cut off from identity: replica b's run is traced (its statements' query ids carry the trace id, as the
 * facade logs them); identity is cut off from b mid-run. b must stop writing before its lease could have expired
 * (last statement of the trace ≤ cut + lease), the run then succeeds on replica a, and the data equal the baseline.
 */
async function faultReplicaCutOff(baseline) {
  const org = await organization(`rel-cut-${Date.now()}`);
  const replica = await startReplicaB();
  const traceId = randomBytes(16).toString('hex');
  const run = await startRunOn(replica, org, traceId);
  const atFault = await awaitWriting(org, run);
  const cutAt = Date.now();
  replica.proxy.cut();
  // b's lease runs out unrenewed; until then identity refuses a new run of the configuration.
  const final = await syncUntilSucceeded(org, 30);
  const statements = fs.readFileSync(ctl('facade-log'), 'utf8').split('\n')
    .filter((line) => line.includes(`query_id=${traceId}-`)).map((line) => Date.parse(line.slice(0, 24)));
  const lastWrite = Math.max(...statements);
  const stoppedAfter = (lastWrite - cutAt) / 1000;
  ctl('kill', 'sync-service.b');
  const verdict = compare('a sync-service replica cut off from identity mid-run', baseline, await contents(org.id));
  const stoppedInTime = statements.length > 0 && stoppedAfter < LEASE_SECONDS;
  return { ...verdict, late: !stoppedInTime,
    detail: `identity cut off from replica b at ${atFault.phase} ${atFault.itemsProcessed}/${atFault.itemsTotal ?? '?'}; `
      + `b's last statement of the run's trace (${statements.length} in all) ${stoppedAfter.toFixed(1)} s after the cut `
      + `(lease ${LEASE_SECONDS} s: ${stoppedInTime ? 'stopped in time' : 'TOO LATE'}); `
      + `replica a's run succeeded after ${final.attempts} start(s)` };
}

/** A steady load through the gateway while `during` runs: latencies, statuses, the longest wait. */
async function underLoad(token, rate, during) {
  const paths = ['/api/v1/identity/me', '/api/v1/identity/orgs', `/api/v1/analytics/orgs/${token.org}/repos`];
  const samples = [];
  let running = true;
  const pending = [];
  const loop = (async () => {
    let i = 0;
    while (running) {
      const path = paths[i++ % paths.length];
      const began = performance.now();
      pending.push(fetch(gateway + path, {
        headers: { authorization: `Bearer ${token.value}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }).then(async (r) => { await r.arrayBuffer(); return r.status; }, () => 'timeout')
        .then((status) => samples.push({ at: Date.now(), ms: performance.now() - began, status })));
      await sleep(1000 / rate);
    }
  })();
  const result = await during();
  running = false;
  await loop;
  await Promise.all(pending);
  return { result, samples };
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};

async function readiness(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/q/health/ready`, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 'down';
  }
}

async function faultPostgres(org) {
  const token = { value: await loginAsAdmin(gateway), org: org.slug };
  const readinessSeen = new Set();
  const { samples } = await underLoad(token, 10, async () => {
    await sleep(3_000);
    const watch = (async () => {
      for (let i = 0; i < 60; i++) { readinessSeen.add(await readiness(identityPort)); await sleep(250); }
    })();
    await ctlAsync('restart-postgres');
    await watch;
  });
  const after = samples.filter((s) => s.at > Date.now() - 5_000);
  const longest = Math.max(...samples.map((s) => s.ms));
  const timeouts = samples.filter((s) => s.status === 'timeout').length;
  const statuses = count(samples.map((s) => s.status));
  const ok = timeouts === 0 && readinessSeen.has(200) && after.every((s) => s.status === 200);
  return { name: 'PostgreSQL restarted under load', ok,
    detail: `${samples.length} requests at 10/s: statuses ${JSON.stringify(statuses)}, longest ${Math.round(longest)} ms, `
      + `timeouts (> ${REQUEST_TIMEOUT_MS / 1000} s) ${timeouts}; identity readiness answers seen while it restarted `
      + `${JSON.stringify([...readinessSeen])}${readinessSeen.has(503) ? ' (went down, came back)' : ' (never seen down)'}; `
      + `last 5 s all 200: ${after.every((s) => s.status === 200)}` };
}

async function faultIdentityRestart(org) {
  const token = await loginAsAdmin(gateway);
  ctl('kill', 'identity-service');
  ctl('start', 'identity-service', ports['identity-service']);
  const me = await apiCall(gateway, 'GET', '/api/v1/identity/me', { token, allow: [401] });
  const repos = await apiCall(gateway, 'GET', `/api/v1/analytics/orgs/${org.slug}/repos`, { token, allow: [401, 403] });
  return { name: 'identity-service restarted', ok: me.status === 200 && repos.status === 200,
    detail: `a token issued before kill -9 + restart: identity /me ${me.status}, analytics repos ${repos.status}` };
}

const count = (values) => values.reduce((m, v) => ({ ...m, [v]: (m[v] ?? 0) + 1 }), {});

/** A service's VmRSS, RssAnon, RssFile (KB) and Threads, from /proc/<pid>/status. */
function procStatus(service) {
  return Object.fromEntries(ctl('memory', service).split('\n')
    .map((line) => line.split(/:\s+/)).map(([name, value]) => [name, parseInt(value, 10)]));
}

/**
 * Where a service's memory is, in MB: RSS split into anonymous (heap, metaspace, code, thread stacks, malloc) and
 * file-backed pages (the jar, the AOT cache and the JDK's modules, mapped and touched as code runs: growth there is
 * not a leak), its threads, and from its own metrics (Micrometer, /q/metrics) the heap live after the last major GC,
 * metaspace and code cache in use.
 */
async function memoryOf(service) {
  const status = procStatus(service);
  const metrics = await (await fetch(`http://127.0.0.1:${ports[service]}/q/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const sum = (name, labels = '') => metrics.split('\n').filter((line) => line.startsWith(name) && line.includes(labels))
    .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  const mb = (bytes) => Math.round(bytes / 1_048_576);
  return { rss: Math.round(status.VmRSS / 1024), anon: Math.round(status.RssAnon / 1024), file: Math.round(status.RssFile / 1024),
    threads: status.Threads, heapCommitted: mb(sum('jvm_memory_committed_bytes{', 'area="heap"')),
    heapMax: mb(sum('jvm_memory_max_bytes{', 'area="heap"')), liveHeap: mb(sum('jvm_gc_live_data_size_bytes')),
    metaspace: mb(sum('jvm_memory_used_bytes{', 'id="Metaspace"')),
    codeCache: mb(sum('jvm_memory_used_bytes{', 'id="Code')) }; // CodeCache, or CodeHeap '…' when segmented
}

/** SOAK_RATE requests/s through the gateway for `seconds` while the organization's git sync re-runs all along. */
async function loadWithSyncs(org, token, seconds) {
  const syncs = [];
  const { samples } = await underLoad(token, SOAK_RATE, async () => {
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      const run = await startRun(org);
      if (run) syncs.push((await awaitRun(org, run, Math.max(1_000, end - Date.now()))).status);
      else await sleep(1_000);
      // a fresh token now and then: the soak outlives the 15-minute access token
      token.value = await loginAsAdmin(gateway);
    }
  });
  return { samples, syncs };
}

async function soak(org) {
  const token = { value: await loginAsAdmin(gateway), org: org.slug };
  // The same load first, unmeasured: the JIT's code, classes first used and the heap's first touches settle in it.
  if (SOAK_WARMUP_SECONDS > 0) await loadWithSyncs(org, token, SOAK_WARMUP_SECONDS);
  const rss = () => Object.fromEntries(Object.keys(ports).map((s) => [s, Math.round(procStatus(s).VmRSS / 1024)]));
  const memory = async () => Object.fromEntries(await Promise.all(Object.keys(ports).map(async (s) => [s, await memoryOf(s)])));
  const memoryStart = await memory();
  const rssEveryMinute = [];
  const sampler = setInterval(() => rssEveryMinute.push(rss()), 60_000);
  const { samples, syncs } = await loadWithSyncs(org, token, SOAK_SECONDS);
  clearInterval(sampler);
  const memoryEnd = await memory();
  const t0 = samples.length ? Math.min(...samples.map((s) => s.at)) : 0;
  const minutes = [];
  for (const s of samples) {
    const m = Math.floor((s.at - t0) / 60_000);
    (minutes[m] ??= []).push(s);
  }
  // The last minute is partial (the load stops with the soak): merged into the one before when under half full.
  if (minutes.length > 1 && minutes.at(-1).length < (SOAK_RATE * 60) / 2) minutes.at(-2).push(...minutes.pop());
  const errors = samples.filter((s) => s.status !== 200).length;
  return {
    requests: samples.length, errors, statuses: count(samples.map((s) => s.status)),
    minutes: minutes.map((list, i) => ({ minute: i + 1, requests: list.length,
      p50: Math.round(percentile(list.map((s) => s.ms), 50)), p99: Math.round(percentile(list.map((s) => s.ms), 99)) })),
    rssEveryMinute, syncs: count(syncs),
    memoryStart, memoryEnd,
  };
}

function readFigures(name) {
  const file = `${figuresDir}/${name}.json`;
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

function report(faults, others, soakResult) {
  const lines = [];
  const fmt = (n) => Number(n).toLocaleString('en-US');
  lines.push('# RELIABILITY', '',
    `Written by \`bench/reliability\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((l) => l.startsWith('processor')).length : '?'} cores). `
    + 'Each line: the test, what it did, its figure. Regenerate with `bench/reliability`.', '');
  lines.push('## Bad input, tokens, secrets (the reliability-tests suite: `' + (process.env.BENCH_SUITE_RESULT ?? 'skipped') + '`)', '');
  const hostile = readFigures('hostile-requests');
  if (hostile) {
    const ops = Object.entries(hostile.operations).map(([s, n]) => `${s} ${n}`).join(', ');
    lines.push(`- **Hostile requests** generated from the OpenAPI documents (${ops} operations): malformed JSON, wrong types, `
      + 'missing fields, 2 MB bodies, NUL and unpaired surrogates, Unicode spaces, SQL and template injection in every '
      + 'filter, path traversal, invalid cron, reversed/enormous/impossible date ranges, absurd page sizes. '
      + `**5xx: ${hostile.serverErrors} of ${fmt(hostile.requests)}**; answers not problem+json with a stable type: ${hostile.failures}. `
      + `Statuses: ${Object.entries(hostile.statuses).map(([k, v]) => `${k}×${fmt(v)}`).join(', ')}.`);
  }
  const gatewayRefusals = readFigures('gateway-refusals');
  if (gatewayRefusals) {
    lines.push(`- **Gateway refusals** (nginx's own: NUL in the path, URI over 8 KB, header over 8 KB, garbage request line, `
      + `unknown HTTP version, body over 10 MB, duplicate Content-Length, …): ${Object.keys(gatewayRefusals).length} cases, `
      + 'every one problem+json with a DevHealth type (was nginx HTML).');
  }
  const tokens = readFigures('token-matrix');
  if (tokens) {
    lines.push(`- **Token matrix**: ${tokens.endpoints} secured endpoints × ${Object.keys(tokens.requestsByToken).length} token cases `
      + '(forged kinds, another organization, a deactivated user, a viewer per missing permission), '
      + `${fmt(tokens.requests)} requests; answers letting a token through or wrong: **${tokens.failures}**. `
      + 'Forged/expired/foreign-issuer/foreign-audience/alg none/HS256 with the public key/unknown kid/another key under the '
      + 'genuine kid/edited payload: 401 every time; another organization\'s owner: 403/404; a deactivated user\'s '
      + 'unexpired token: 401/403 (every service asks identity); a viewer without the operation\'s permission: 403.');
  }
  const secrets = readFigures('secrets');
  if (secrets) {
    lines.push(`- **Secrets**: ${secrets.secretsLookedFor.join(', ')} looked for in every API answer about the credential, `
      + `a dump of every PostgreSQL table (${fmt(secrets.dumpBytes)} bytes) and all three services' logs (${fmt(secrets.logBytes)} bytes): `
      + `found ${secrets.found.length}.`);
  }
  for (const provider of ['github', 'gitlab', 'jira', 'pagerduty']) {
    const storm = readFigures(`storm-${provider}`);
    if (!storm) continue;
    const faults = Object.entries(storm.injected).filter(([fault]) => fault !== 'none').map(([fault, n]) => `${fault.replaceAll('_', ' ')} ${n}`);
    lines.push(`- **Provider storm, ${provider}** (sync-service's replay of the recorded responses): a full sync met ${faults.join(', ')} `
      + `(every URL one fault, in turn: 502 then 503, 429 with Retry-After, the provider's own refusal, a body cut short, a slow answer) `
      + `and waited ${storm.rateLimitWaits} time(s) for rate limits; its ${fmt(storm.rows)} rows in ${storm.tables} tables equal a calm sync's `
      + '(row counts and checksums, FINAL): **rows lost 0, duplicates 0**.');
  }
  if (!hostile && !tokens) lines.push('- (suite skipped: BENCH_SKIP_SUITE=1)');
  lines.push('', '## Faults (local stack, loopback only)', '');
  for (const f of faults) {
    lines.push(`- **${f.name}**: ${f.detail}. Rows lost: **${fmt(f.lost)} of ${fmt(f.rows)}**; duplicates/extra rows: **${fmt(f.extra)}**; `
      + `tables with a different checksum: ${f.differing.length ? f.differing.join(', ') : 'none'} (of ${f.tables}).`);
  }
  for (const o of others) lines.push(`- **${o.name}**: ${o.detail}. ${o.ok ? 'Passed' : '**FAILED**'}.`);
  if (soakResult) {
    lines.push('', `## Soak (${SOAK_SECONDS} s at ${SOAK_RATE} requests/s through the gateway, git syncs re-running, measured after a ${SOAK_WARMUP_SECONDS} s warm-up at the same load)`, '',
      `- Requests: ${fmt(soakResult.requests)}; **errors: ${soakResult.errors}**; statuses ${JSON.stringify(soakResult.statuses)}; syncs ${JSON.stringify(soakResult.syncs)}.`,
      `- RSS MB at start → end: ${Object.keys(soakResult.memoryStart).map((s) => `${s} ${soakResult.memoryStart[s].rss} → ${soakResult.memoryEnd[s].rss}`).join('; ')}.`,
      `- RSS MB at each minute: ${Object.keys(soakResult.memoryStart).map((s) => `${s} ${soakResult.rssEveryMinute.map((m) => m[s]).join(', ')}`).join('; ')}.`,
      '', '| service | RSS MB | anonymous MB | file-backed MB | threads | heap committed MB (max) | live heap MB | metaspace MB | code cache MB |',
      '|---|---|---|---|---|---|---|---|---|',
      ...Object.keys(soakResult.memoryStart).map((service) => {
        const a = soakResult.memoryStart[service]; const b = soakResult.memoryEnd[service];
        const cell = (m, k) => (k === 'heapCommitted' ? `${m[k]} (${m.heapMax})` : m[k]);
        return `| ${service} | ${['rss', 'anon', 'file', 'threads', 'heapCommitted', 'liveHeap', 'metaspace', 'codeCache']
          .map((k) => `${cell(a, k)} → ${cell(b, k)}`).join(' | ')} |`;
      }),
      '', '| minute | requests | p50 ms | p99 ms |', '|---:|---:|---:|---:|',
      ...soakResult.minutes.map((m) => `| ${m.minute} | ${m.requests} | ${m.p50} | ${m.p99} |`));
  }
  lines.push('', '## Not covered here', '',
    '- The production gateway (a Gateway API implementation) answers its own errors in its own format; only the local nginx gateway is made to answer problem+json.', '');
  fs.writeFileSync(reportPath, lines.join('\n'));
}

try {
  const baselineOrg = await organization(`rel-base-${Date.now()}`);
  const baselineRun = await syncUntilSucceeded(baselineOrg);
  const baseline = await contents(baselineOrg.id);
  console.log(`baseline: ${JSON.stringify(baselineRun.run.counts)} → ${Object.keys(baseline).length} tables`);
  const faults = [];
  for (const fault of [faultClickHouse, faultSyncService, faultReplicaKilled, faultReplicaCutOff]) {
    const verdict = await fault(baseline);
    console.log(`${verdict.name}: lost ${verdict.lost}, extra ${verdict.extra}, differing ${verdict.differing.join(',') || 'none'} — ${verdict.detail}`);
    if (verdict.lost || verdict.extra || verdict.differing.length || verdict.late) failed = true;
    faults.push(verdict);
  }
  const others = [];
  for (const check of [faultPostgres, faultIdentityRestart]) {
    const verdict = await check(baselineOrg);
    console.log(`${verdict.name}: ${verdict.ok ? 'ok' : 'FAILED'} — ${verdict.detail}`);
    if (!verdict.ok) failed = true;
    others.push(verdict);
  }
  let soakResult = null;
  if (SOAK_SECONDS > 0) {
    console.log(`soak: ${SOAK_SECONDS} s at ${SOAK_RATE} requests/s ...`);
    soakResult = await soak(baselineOrg);
    console.log(`soak: ${soakResult.requests} requests, ${soakResult.errors} errors; RSS ${Object.entries(soakResult.memoryStart).map(([s, m]) => `${s} ${m.rss} → ${soakResult.memoryEnd[s].rss}`).join(', ')} MB`);
    if (soakResult.errors) failed = true;
  }
  report(faults, others, soakResult);
  console.log(`report: ${reportPath}`);
} catch (error) {
  console.error(`error: ${error.stack ?? error.message}`);
  process.exit(1);
}
process.exit(failed ? 1 : 0);
