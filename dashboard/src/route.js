// The URL is the state: `#/<view>?org=&from=&to=&repo=&team=&environment=` so every view, org, filter and window can be
// bookmarked and shared. Windows are whole days (yyyy-MM-dd, both included), read in the organization's time zone.

export const VIEWS = ['overview', 'delivery', 'repositories', 'pull-requests', 'flow', 'code', 'syncs', 'admin'];

export function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

export function defaultWindow(days = 90) {
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  return { from: isoDay(from), to: isoDay(to) };
}

/** The current route: {view, params} with params a plain object of the query. */
export function current() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = hash.split('?');
  const view = VIEWS.includes(path) ? path : path === 'login' ? 'login' : 'overview';
  return { view, params: Object.fromEntries(new URLSearchParams(search)) };
}

export function href(view, params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return `#/${view}${text ? `?${text}` : ''}`;
}

/** Navigates to view with params (merged over the current ones unless replace is set). */
export function go(view, params = {}, { replace = false } = {}) {
  const next = href(view, replace ? params : { ...current().params, ...params });
  if (location.hash !== next) location.hash = next;
}
