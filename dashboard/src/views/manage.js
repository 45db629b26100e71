// Syncs (configurations, their runs and progress) and admin (members and roles, identity-mapping suggestions).
// Actions appear only for roles the API would allow them to (admin, owner); the API checks again.
import { api, get } from '../api.js';
import { current } from '../route.js';
import { fmt, h, tableCard } from '../ui.js';

const POLL_MS = 3000;

const list = answer => (Array.isArray(answer) ? answer : answer.items);

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
    columns: ['started', 'trigger', 'status', 'phase', 'items', 'reason'],
    rows: recent.map(r => [r.startedAt, r.trigger, r.status, r.phase ?? '', r.itemsTotal ? `${r.itemsProcessed}/${r.itemsTotal}` : r.itemsProcessed, r.error ?? '']) }));
}

const ROLES = ['viewer', 'member', 'admin', 'owner'];

export async function admin(content, { identity }) {
  const [members, suggestions] = await Promise.all([
    get(`${identity}/members?limit=200`).then(list),
    get(`${identity}/people/suggestions?limit=50`).then(list).catch(() => []),
  ]);
  const status = h('p', { role: 'status', class: 'muted', id: 'admin-status' });
  const roleSelect = member => {
    const select = h('select', { 'aria-label': `Role of ${member.email}`, dataset: { action: 'member-role' } },
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
  content.append(status,
    tableCard({ id: 'members', title: 'Members and roles', empty: members.length ? null : 'No members.',
      columns: ['email', 'name', 'role', 'member since'],
      rows: members.map(m => [m.email, m.displayName ?? '', roleSelect(m), m.memberSince]) }),
    tableCard({ id: 'suggestions', title: 'Identity-mapping suggestions',
      empty: suggestions.length ? null : 'No suggestions: every observed identity is mapped, or none was observed yet.',
      columns: ['identities', 'reason', 'confidence', ''],
      rows: suggestions.map(s => [(s.identities ?? []).map(i => i.externalId ?? i.email ?? '').join(', '), s.detail ?? s.reason,
        fmt(s.confidence), h('span', {}, decide(s, 'accept'), ' ', decide(s, 'reject'))]) }));
}
