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
  // Browsers ask for an icon whatever the page says; answering keeps a 404 out of every console.
  { path: '/favicon.ico', contentType: 'image/svg+xml', body: FAVICON_SVG },
  { path: '/assets/favicon.svg', contentType: 'image/svg+xml', body: FAVICON_SVG },
];

/** A shield, drawn inline: no binary file to ship. */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 2 4 7v8c0 7.5 5.1 13.2 12 15 6.9-1.8 12-7.5 12-15V7z" fill="#10243e"/><path d="m11 16 4 4 7-8" stroke="#fff" stroke-width="3" fill="none"/></svg>';

/** Same-origin only; no inline script or style, no framing (the dashboard shows security findings). */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
