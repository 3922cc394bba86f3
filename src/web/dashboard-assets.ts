import { DASHBOARD_HTML } from './dashboard-page.js';
import { DASHBOARD_SCRIPT } from './dashboard-script.js';
import { DASHBOARD_CSS } from './dashboard-styles.js';

/** One file the dashboard serves: the web layer says what, the HTTP layer decides how. */
export interface WebAsset {
  path: string;
  contentType: string;
  body: string;
}

/**
 * Everything the browser loads. Nothing comes from another origin, which is what lets the server send
 * `default-src 'self'` (DASHBOARD_CSP) and the dashboard work on an air-gapped network.
 *
 * @example
 * for (const a of dashboardAssets()) app.get(a.path, (_req, reply) => reply.type(a.contentType).send(a.body));
 */
export const dashboardAssets = (): WebAsset[] => [
  { path: '/', contentType: 'text/html; charset=utf-8', body: DASHBOARD_HTML },
  { path: '/assets/dashboard.js', contentType: 'text/javascript; charset=utf-8', body: DASHBOARD_SCRIPT },
  { path: '/assets/dashboard.css', contentType: 'text/css; charset=utf-8', body: DASHBOARD_CSS },
];

/** Same-origin only; no inline script or style, no framing (the dashboard shows security findings). */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
