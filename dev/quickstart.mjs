// The API half of dev/up: everything here goes through the gateway, as a REST client would.
// Logs in as the bootstrap admin, makes sure the org `local` may sync local repositories under the repository's path
// (its repositories.local-roots setting) and that a git sync configuration for the repository exists, runs the sync
// showing its progress. dev/up then prints the summary with the devhealth CLI (bin/devhealth).
import { basename } from 'node:path';
import { createHash } from 'node:crypto';
import { apiCall, loginAsAdmin } from './lib/api.mjs';

const gateway = process.env.DEVHEALTH_GATEWAY ?? 'http://127.0.0.1:8080';
const repositoryPath = process.argv[2];
const org = 'local';

const call = (method, path, options) => apiCall(gateway, method, path, options);
const login = () => loginAsAdmin(gateway);

async function ensureOrg(token) {
  const { status } = await call('GET', `/api/v1/identity/orgs/${org}`, { token, allow: [404] });
  if (status === 404) {
    await call('POST', '/api/v1/identity/orgs', { token, body: { slug: org, name: 'Local' }, allow: [409] });
    console.log(`created organization '${org}'`);
    return login(); // the new membership is in the next token
  }
  return token;
}

// Local repository paths are a privilege: the organization may only point git syncs under its own roots (and the
// operator's, which dev/up sets for the services).
async function ensureLocalRoot(token) {
  const path = `/api/v1/identity/orgs/${org}/settings/repositories.local-roots`;
  const { json } = await call('GET', path, { token });
  const roots = json.value ?? [];
  const covers = root => repositoryPath === root || repositoryPath.startsWith(root.endsWith('/') ? root : `${root}/`);
  if (roots.some(covers)) return;
  await call('PUT', path, { token, body: { value: [...roots, repositoryPath] } });
  console.log(`organization '${org}' may now sync repositories under ${repositoryPath}`);
}

async function ensureConfiguration(token) {
  const { json } = await call('GET', `/api/v1/identity/orgs/${org}/sync-configurations`, { token });
  const configurations = Array.isArray(json) ? json : json.items;
  const existing = configurations.find(c => c.provider === 'git' && c.options?.repositoryPath === repositoryPath);
  if (existing) return existing;
  const suffix = createHash('sha1').update(repositoryPath).digest('hex').slice(0, 8);
  const body = { name: `${basename(repositoryPath)}-${suffix}`, provider: 'git', options: { repositoryPath } };
  const { json: created } = await call('POST', `/api/v1/identity/orgs/${org}/sync-configurations`, { token, body });
  console.log(`registered ${repositoryPath} as sync configuration '${created.name}'`);
  return created;
}

async function runSync(token, configuration) {
  const started = Date.now();
  const { status, json } = await call('POST', `/api/v1/sync/orgs/${org}/configurations/${configuration.id}/runs`,
    { token, allow: [409] });
  let run = json;
  if (status === 409) {
    const { json: runs } = await call('GET', `/api/v1/identity/orgs/${org}/sync-configurations/${configuration.id}/runs`, { token });
    run = (Array.isArray(runs) ? runs : runs.items)[0];
    console.log('a sync of this repository is already running; following it');
  }
  let shown = '';
  while (run.status === 'running') {
    await new Promise(resolve => setTimeout(resolve, 500));
    ({ json: run } = await call('GET', `/api/v1/sync/orgs/${org}/runs/${run.id}`, { token }));
    const total = run.itemsTotal != null ? `/${run.itemsTotal}` : '';
    const line = `  ${run.phase}: ${run.itemsProcessed}${total} commits`;
    if (line !== shown) {
      process.stdout.write(process.stdout.isTTY ? `\r${line.padEnd(60)}` : `${line}\n`);
      shown = line;
    }
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 'succeeded') {
    throw new Error(`sync failed after ${seconds} s: ${run.error}`);
  }
  const counts = Object.entries(run.counts ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
  console.log(`sync succeeded in ${seconds} s (${counts})`);
  return run;
}

try {
  let token = await login();
  token = await ensureOrg(token);
  await ensureLocalRoot(token);
  const configuration = await ensureConfiguration(token);
  await runSync(token, configuration);
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exit(1);
}
