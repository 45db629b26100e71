// Syncs (configurations, their runs, progress and rate-limit waits) and admin (members and roles, credentials'
// metadata, settings, teams, identity-mapping suggestions). Actions appear only for roles the API would allow them to
// (admin, owner); the API checks again.
import { api, get } from '../api.js';
import { current } from '../route.js';
import { fmt, h, tableCard } from '../ui.js';

const POLL_MS = 3000;

const list = answer => (Array.isArray(answer) ? answer : answer.items);

/** A duration in seconds as `1 h 5 min`, `3 min 20 s` or `45 s`. */
function duration(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = Math.round(seconds % 60);
  return h ? `${h} h ${m} min` : m ? `${m} min${s ? ` ${s} s` : ''}` : `${s} s`;
}

/**
 * A run's rate-limit waits: the provider's own limits made the run pause (sync-service's counts rateLimitWaits and
 * rateLimitWaitSeconds); while it waits, the phase says until when.
 */
function rateLimitWaits(run) {
  if (run.status === 'running' && run.phase?.startsWith('waiting until')) return run.phase;
  const waits = Number(run.counts?.rateLimitWaits ?? 0);
  return waits ? `${waits} (${duration(Number(run.counts?.rateLimitWaitSeconds ?? 0))})` : 'none';
}

function progress(run) {
  if (!run) return 'never run';
  if (run.status === 'running') {
    const total = run.itemsTotal ? `/${run.itemsTotal}` : '';
    return h('span', {}, `running: ${run.phase ?? '…'} ${run.itemsProcessed}${total} `,
      run.itemsTotal ? h('progress', { max: run.itemsTotal, value: run.itemsProcessed, 'aria-label': 'sync progress' }) : null);
  }
  return run.status === 'failed' ? `failed: ${run.error ?? 'no reason given'}` : `${run.status} ${run.finishedAt ?? ''}`;
}

export async function syncs(content, { identity, org, role, canAdmin }) {
  if (role === 'viewer') {
    content.append(h('p', { class: 'empty', role: 'status' }, 'Sync configurations need the member role or higher.'));
    return;
  }
  const configurations = list(await get(`${identity}/sync-configurations`));
  const runs = await Promise.all(configurations.map(c => get(`${identity}/sync-configurations/${c.id}/runs`).then(list).catch(() => [])));
  const rows = configurations.map((c, i) => {
    const action = canAdmin
      ? h('button', { type: 'button', class: 'small', dataset: { action: 'run-sync' }, onclick: async event => {
        event.target.disabled = true;
        try {
          await api('POST', `/api/v1/sync/orgs/${encodeURIComponent(org)}/configurations/${c.id}/runs`);
          event.target.textContent = 'Started';
        } catch (e) {
          event.target.textContent = e.status === 409 ? 'Already running' : `Failed: ${e.message}`;
        }
      } }, 'Run now')
      : '';
    return [c.name, c.provider, c.enabled ? 'yes' : 'no', c.nextRunAt ?? '—', progress(runs[i][0]), action];
  });
  content.append(tableCard({ id: 'sync-configurations', title: 'Sync configurations',
    empty: rows.length ? null : 'No sync configuration yet: dev/up registers the repository it syncs.',
    columns: ['name', 'provider', 'enabled', 'next run', 'last run', ''], rows }));
  // Live progress: while a run is running, the view redraws itself every few seconds (as long as it is shown).
  if (runs.some(list => list[0]?.status === 'running')) {
    const shown = location.hash;
    setTimeout(() => { if (location.hash === shown && current().view === 'syncs') dispatchEvent(new HashChangeEvent('hashchange')); }, POLL_MS);
  }
  const recent = runs.flat().sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '')).slice(0, 20);
  content.append(tableCard({ id: 'sync-runs', title: 'Recent runs', empty: recent.length ? null : 'No run yet.',
    columns: ['started', 'trigger', 'status', 'phase', 'items', 'rate-limit waits', 'reason'],
    rows: recent.map(r => [r.startedAt, r.trigger, r.status, r.phase ?? '', r.itemsTotal ? `${r.itemsProcessed}/${r.itemsTotal}` : r.itemsProcessed,
      rateLimitWaits(r), r.error ?? '']) }));
}

const ROLES = ['viewer', 'member', 'admin', 'owner'];

const PROVIDERS = ['git', 'github', 'gitlab', 'jira', 'pagerduty'];

// What the last admin action did, shown once by the admin view it redraws.
let notice = '';

/**
 * A small labelled form whose submit runs action(values); on success the view is redrawn with the API's new state and
 * action's message, on failure the problem's detail goes to status.
 */
function actionForm(id, legend, fields, submitLabel, status, action) {
  const controls = fields.map(([name, label, control]) => {
    control.id = `${id}-${name}`;
    control.name = name;
    return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
  });
  const form = h('form', { class: 'filters', id, 'aria-label': legend, dataset: { action: id } }, controls,
    h('button', { type: 'submit', class: 'primary' }, submitLabel));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const values = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
    try {
      notice = await action(values);
      dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (e) {
      status.textContent = e.message;
    }
  });
  return form;
}

const commaList = text => text.split(',').map(v => v.trim()).filter(Boolean);

export async function admin(content, { identity }) {
  const [members, suggestions, credentials, settings, teams] = await Promise.all([
    get(`${identity}/members?limit=200`).then(list),
    get(`${identity}/people/suggestions?limit=50`).then(list).catch(() => []),
    get(`${identity}/credentials?limit=200`).then(list),
    get(`${identity}/settings`).then(list),
    get(`${identity}/teams?limit=200`).then(list),
  ]);
  const status = h('p', { role: 'status', class: 'muted', id: 'admin-status' }, notice);
  notice = '';
  const roleSelect = member => {
    const select = h('select', { 'aria-label': `Role of ${member.email}`, dataset: { action: 'member-role', member: member.email } },
      ROLES.map(r => h('option', { value: r, selected: r === member.role }, r)));
    select.addEventListener('change', async () => {
      try {
        await api('PATCH', `${identity}/members/${member.userId}`, { role: select.value });
        status.textContent = `${member.email} is now ${select.value}.`;
      } catch (e) {
        status.textContent = `Could not change ${member.email}'s role: ${e.message}`;
        select.value = member.role;
      }
    });
    return select;
  };
  const decide = (suggestion, verdict) => h('button', { type: 'button', class: 'small', dataset: { action: `suggestion-${verdict}` },
    onclick: async event => {
      try {
        await api('POST', `${identity}/people/suggestions/${suggestion.id}/${verdict}`);
        event.target.closest('tr').remove();
        status.textContent = `Suggestion ${verdict}ed.`;
      } catch (e) {
        status.textContent = e.message;
      }
    } }, verdict === 'accept' ? 'Accept' : 'Reject');
  // The secret goes from the password field to the API and nowhere else: never shown, never kept.
  const addCredential = actionForm('add-credential', 'Add a credential', [
    ['provider', 'Provider', h('select', {}, PROVIDERS.map(p => h('option', { value: p }, p)))],
    ['name', 'Name', h('input', { required: true, maxlength: 200, autocomplete: 'off' })],
    ['baseUrl', 'Base URL (optional)', h('input', { type: 'url', placeholder: 'https://api.github.com' })],
    ['secret', 'Secret (token or password)', h('input', { type: 'password', required: true, autocomplete: 'new-password' })],
  ], 'Add credential', status, async ({ provider, name, baseUrl, secret }) => {
    const created = await api('POST', `${identity}/credentials`, { provider, name, secret, ...(baseUrl ? { metadata: { baseUrl } } : {}) });
    return `Credential ${created.name} added (fingerprint ${created.secretFingerprint}).`;
  });
  const editSetting = actionForm('edit-setting', 'Change a setting', [
    ['key', 'Setting', h('select', {}, settings.map(s => h('option', { value: s.key }, s.key)))],
    ['value', 'New value (JSON)', h('input', { required: true, placeholder: '"Europe/Berlin"', spellcheck: 'false' })],
  ], 'Save setting', status, async ({ key, value }) => {
    let parsed;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new Error(`The value of ${key} is not JSON (text needs quotes: "Europe/Berlin").`);
    }
    await api('PUT', `${identity}/settings/${encodeURIComponent(key)}`, { value: parsed });
    return `${key} saved.`;
  });
  const addTeam = actionForm('add-team', 'Add a team', [
    ['key', 'Key', h('input', { required: true, maxlength: 128, placeholder: 'payments' })],
    ['name', 'Name', h('input', { required: true, maxlength: 200 })],
    ['repositoryPatterns', 'Repositories (globs, comma-separated)', h('input', { placeholder: 'acme/payments-*' })],
    ['jiraProjectKeys', 'Jira projects (comma-separated)', h('input', { placeholder: 'PAY' })],
  ], 'Add team', status, async ({ key, name, repositoryPatterns, jiraProjectKeys }) => {
    await api('POST', `${identity}/teams`, { key, name, repositoryPatterns: commaList(repositoryPatterns),
      jiraProjectKeys: commaList(jiraProjectKeys) });
    return `Team ${key} added.`;
  });
  content.append(status,
    tableCard({ id: 'members', title: 'Members and roles', empty: members.length ? null : 'No members.',
      columns: ['email', 'name', 'role', 'member since'],
      rows: members.map(m => [m.email, m.displayName ?? '', roleSelect(m), m.memberSince]) }),
    tableCard({ id: 'credentials', title: 'Integration credentials (metadata only: secrets are never shown)',
      empty: credentials.length ? null : 'No credential yet: add one for GitHub, GitLab, Jira or PagerDuty below.',
      columns: ['name', 'provider', 'details', 'secret fingerprint', 'secret set', 'last used by a sync'],
      rows: credentials.map(c => [c.name, c.provider, Object.entries(c.metadata ?? {}).map(([k, v]) => `${k}: ${v}`).join(', '),
        h('code', {}, c.secretFingerprint), c.secretUpdatedAt, c.lastUsedAt ?? 'never']) }),
    addCredential,
    tableCard({ id: 'settings', title: 'Settings', empty: settings.length ? null : 'No settings.',
      columns: ['key', 'value', 'source'],
      rows: settings.map(s => [s.key, h('code', {}, JSON.stringify(s.value)), s.default ? 'default' : `set ${s.updatedAt}`]) }),
    editSetting,
    tableCard({ id: 'teams', title: 'Teams', empty: teams.length ? null : 'No team yet: add one below.',
      columns: ['key', 'name', 'members', 'repositories', 'Jira projects'],
      rows: teams.map(t => [t.key, t.name, t.members.length, t.repositoryPatterns.join(', '), t.jiraProjectKeys.join(', ')]) }),
    addTeam,
    tableCard({ id: 'suggestions', title: 'Identity-mapping suggestions',
      empty: suggestions.length ? null : 'No suggestions: every observed identity is mapped, or none was observed yet.',
      columns: ['identities', 'person', 'reason', 'confidence', ''],
      rows: suggestions.map(s => [(s.identities ?? []).map(i => `${i.provider}:${i.externalId}`).join(', '),
        s.person ? s.person.displayName : `new: ${s.newPerson?.displayName ?? ''}`, s.detail ?? s.reason,
        fmt(s.confidence), h('span', {}, decide(s, 'accept'), ' ', decide(s, 'reject'))]) }));
}
