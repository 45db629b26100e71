import { admin, syncs } from './manage.js';
import { code, pullRequests, repositories } from './activity.js';
import { delivery } from './delivery.js';
import { flow } from './flow.js';
import { overview } from './overview.js';

/** Each view renders into its content element from the context {org, base, identity, params, repos, canAdmin, role}. */
export const views = { overview, delivery, repositories, 'pull-requests': pullRequests, flow, code, syncs, admin };
