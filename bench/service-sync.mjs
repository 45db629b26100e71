// The service half of bench/git-sync (BENCH_SERVICE=1): a full and a no-op sync through the real REST path.
// Logs in as the bootstrap admin, creates a fresh organization (so the first run is a full sync) and a git sync
// configuration, triggers a run through sync-service's API, follows it to the end, then triggers the no-op run,
// then a second full sync (another organization) in the now warm service.
// Prints key=value lines; durations are identity's startedAt → finishedAt of each run (the run as the service
// executed it), plus the wall time this client observed from the POST to the final status.
//
// Usage: node service-sync.mjs IDENTITY_URL SYNC_URL REPO_PATH   (env DEVHEALTH_ADMIN_EMAIL / _PASSWORD)

import { apiCall, loginAsAdmin } from '../dev/lib/api.mjs';

const [identityUrl, syncUrl, repositoryPath] = process.argv.slice(2);

async function call(base, method, path, options) {
  return (await apiCall(base, method, path, options)).json;
}

const login = () => loginAsAdmin(identityUrl);

// Polls every 500 ms: the duration reported is identity's startedAt → finishedAt, so polling faster only adds
// load (each poll is a JWT-verified request that sync-service answers by asking identity).
async function run(token, org, configurationId) {
  const started = performance.now();
  let run = await call(syncUrl, 'POST', `/api/v1/sync/orgs/${org}/configurations/${configurationId}/runs`, { token });
  while (run.status === 'running') {
    await new Promise(resolve => setTimeout(resolve, 500));
    run = await call(syncUrl, 'GET', `/api/v1/sync/orgs/${org}/runs/${run.id}`, { token });
  }
  const wallMs = Math.round(performance.now() - started);
  if (run.status !== 'succeeded') throw new Error(`run ${run.id} ${run.status}: ${run.error}`);
  return { run, wallMs, serverMs: Date.parse(run.finishedAt) - Date.parse(run.startedAt) };
}

/** A fresh organization with a git configuration for the repository: its first run is a full sync. */
async function freshConfiguration(suffix) {
  let token = await login();
  const slug = `bench-${Date.now()}-${suffix}`;
  await call(identityUrl, 'POST', '/api/v1/identity/orgs', { token, body: { slug, name: 'Benchmark' } });
  token = await login(); // the new membership is in the next token
  // Local repository paths are a privilege: the organization may sync only under its own roots.
  await call(identityUrl, 'PUT', `/api/v1/identity/orgs/${slug}/settings/repositories.local-roots`, {
    token, body: { value: [repositoryPath] },
  });
  const configuration = await call(identityUrl, 'POST', `/api/v1/identity/orgs/${slug}/sync-configurations`, {
    token, body: { name: 'bench', provider: 'git', options: { repositoryPath }, enabled: true },
  });
  return { token, slug, configuration };
}

try {
  const first = await freshConfiguration('a');
  const full = await run(first.token, first.slug, first.configuration.id);
  const noop = await run(first.token, first.slug, first.configuration.id);
  // The same full sync again in another organization: the service's JVM is now warm (JIT-compiled), as it is
  // for every sync but the first after a start.
  const second = await freshConfiguration('b');
  const warm = await run(second.token, second.slug, second.configuration.id);
  console.log(`service_full_ms=${full.serverMs}`);
  console.log(`service_warm_full_ms=${warm.serverMs}`);
  console.log(`service_full_wall_ms=${full.wallMs}`);
  console.log(`service_noop_ms=${noop.serverMs}`);
  console.log(`service_noop_wall_ms=${noop.wallMs}`);
  for (const [k, v] of Object.entries(full.run.counts ?? {})) console.log(`service_count_${k}=${v}`);
  console.log(`service_noop_commits=${noop.run.counts?.commits ?? ''}`);
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exit(1);
}
