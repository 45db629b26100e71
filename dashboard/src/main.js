// The DevHealth dashboard: login, the shell (navigation, organization switcher, filters) and the views.
import { ApiError, SessionExpired, clearSession, get, login, logout, session } from './api.js';
import { disposeAll } from './charts.js';
import { VIEWS, current, defaultWindow, go, href } from './route.js';
import { h } from './ui.js';
import { views } from './views/index.js';

const app = document.getElementById('app');
const LABELS = {
  overview: 'Overview', delivery: 'Delivery', repositories: 'Repositories', 'pull-requests': 'Pull requests',
  flow: 'Flow', code: 'Code', syncs: 'Syncs', admin: 'Admin',
};
// Filters each view reads; the others are not shown there (they would change nothing).
const FILTERS = {
  overview: [], delivery: ['repo', 'team', 'environment'], repositories: ['repo'], 'pull-requests': ['repo', 'team'],
  flow: [], code: ['repo'], syncs: [], admin: [],
};
const ADMIN_ROLES = new Set(['owner', 'admin']);

let me = null;
let renderSeq = 0;

function loginPage(message) {
  disposeAll();
  const error = h('p', { class: 'error', role: 'alert', id: 'login-error' }, message ?? '');
  const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'DevHealth'),
    h('p', { class: 'muted' }, 'Sign in to see your organization’s delivery health.'),
    h('label', { for: 'email' }, 'Email'), email,
    h('label', { for: 'password' }, 'Password'), password,
    error,
    h('button', { type: 'submit', class: 'primary', id: 'sign-in' }, 'Sign in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    try {
      await login(email.value, password.value);
      me = null;
      const { params } = current();
      go(current().view === 'login' ? 'overview' : current().view, params);
      render();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 401 ? 'Wrong email or password.' : e.message;
    }
  });
  app.replaceChildren(h('main', { id: 'main', class: 'login-page' }, form));
  email.focus();
}

function orgSwitcher(memberships, org) {
  const select = h('select', { id: 'org', 'aria-label': 'Organization' },
    memberships.map(m => h('option', { value: m.slug, selected: m.slug === org }, m.name)));
  select.addEventListener('change', () => go(current().view, { org: select.value }));
  return h('div', { class: 'field' }, h('label', { for: 'org' }, 'Organization'), select);
}

function filterBar(view, params, repos) {
  const apply = event => {
    event.preventDefault();
    const data = new FormData(event.target);
    go(view, Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v).trim()])));
  };
  const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const controls = [
    field('from', 'From', h('input', { id: 'from', name: 'from', type: 'date', value: params.from, required: true })),
    field('to', 'To', h('input', { id: 'to', name: 'to', type: 'date', value: params.to, required: true })),
  ];
  const shown = FILTERS[view];
  if (shown.includes('repo')) {
    controls.push(field('repo', 'Repository', h('select', { id: 'repo', name: 'repo' },
      h('option', { value: '' }, 'All repositories'),
      repos.map(r => h('option', { value: r.fullName, selected: r.fullName === params.repo }, r.fullName)))));
  }
  if (shown.includes('team')) {
    controls.push(field('team', 'Team', h('input', { id: 'team', name: 'team', value: params.team ?? '', placeholder: 'team key' })));
  }
  if (shown.includes('environment')) {
    controls.push(field('environment', 'Environment', h('input', { id: 'environment', name: 'environment',
      value: params.environment ?? '', placeholder: 'every production one' })));
  }
  const presets = h('div', { class: 'presets', role: 'group', 'aria-label': 'Window' }, [30, 90, 180].map(days =>
    h('button', { type: 'button', class: 'link', onclick: () => go(view, defaultWindow(days)) }, `${days} d`)));
  return h('form', { class: 'filters', 'aria-label': 'Filters', onsubmit: apply }, controls,
    h('button', { type: 'submit', class: 'primary', id: 'apply' }, 'Apply'), presets);
}

async function render() {
  const seq = ++renderSeq;
  if (!session()) return loginPage();
  const { view, params } = current();
  if (view === 'login') return loginPage();
  try {
    // Who the user is (roles) and the organizations they may switch to (every one for a superuser), in parallel.
    if (!me) {
      const [profile, orgs] = await Promise.all([get('/api/v1/identity/me'), get('/api/v1/identity/orgs')]);
      const roles = new Map(profile.memberships.map(m => [m.slug, m.role]));
      me = { ...profile, memberships: orgs.map(o => ({ slug: o.slug, name: o.name,
        role: profile.superuser ? 'owner' : roles.get(o.slug) ?? 'viewer' })) };
    }
    const memberships = me.memberships;
    if (!params.org || !params.from || !params.to) {
      const org = params.org ?? memberships[0]?.slug;
      return go(view, { ...defaultWindow(), ...params, ...(org ? { org } : {}) }, { replace: true });
    }
    const membership = memberships.find(m => m.slug === params.org);
    const canAdmin = Boolean(membership && ADMIN_ROLES.has(membership.role));
    // The repository filter's choices, only where a view offers that filter.
    const repos = membership && FILTERS[view].includes('repo')
      ? (await get(`/api/v1/analytics/orgs/${encodeURIComponent(params.org)}/repos`)).items : [];
    if (seq !== renderSeq) return;
    disposeAll();
    const content = h('div', { class: 'content', id: 'content', dataset: { view } });
    const nav = h('nav', { 'aria-label': 'Views' }, h('ul', {}, VIEWS
      .filter(v => v !== 'admin' || canAdmin)
      .map(v => h('li', {}, h('a', { href: href(v, params), 'aria-current': v === view ? 'page' : false, dataset: { nav: v } }, LABELS[v])))));
    app.replaceChildren(
      h('header', { class: 'top' },
        h('a', { class: 'brand', href: href('overview', params) }, 'DevHealth'),
        orgSwitcher(memberships, params.org),
        h('span', { class: 'who', id: 'who', dataset: { role: membership?.role ?? '' } }, `${me.email} · ${membership?.role ?? 'no access'}`),
        h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: async () => { await logout(); me = null; loginPage(); } }, 'Sign out')),
      nav,
      h('main', { id: 'main', tabindex: '-1' },
        h('h1', {}, LABELS[view]),
        filterBar(view, params, repos),
        content));
    const done = () => { if (seq === renderSeq) document.body.dataset.rendered = `${view}:${seq}`; };
    if (!membership) {
      content.append(h('p', { class: 'empty', role: 'status' }, 'You are not a member of this organization.'));
      return done();
    }
    const context = { org: params.org, base: `/api/v1/analytics/orgs/${encodeURIComponent(params.org)}`,
      identity: `/api/v1/identity/orgs/${encodeURIComponent(params.org)}`, params, repos, canAdmin, role: membership.role };
    if (view === 'admin' && !canAdmin) {
      content.append(h('p', { class: 'empty', role: 'status' }, 'Administration needs the admin or owner role.'));
      return done();
    }
    await views[view](content, context);
    done();
  } catch (e) {
    if (e instanceof SessionExpired) {
      me = null;
      clearSession();
      return loginPage('Your session has expired. Please sign in again.');
    }
    console.error(e);
    const main = document.getElementById('content') ?? app;
    main.append(h('p', { class: 'error', role: 'alert' }, `Could not load this view: ${e.message}`));
  }
}

addEventListener('hashchange', render);
render();
