/**
 * The dashboard's browser code: plain JavaScript, no framework, no bundler, no third-party script, so
 * the page works offline and under a strict Content-Security-Policy (`script-src 'self'`).
 * It is kept as a string (String.raw: backslashes stay as written) so `tsc` ships it in dist/.
 * Rules for editing it: no backticks and no dollar-brace inside (they would end or interpolate the
 * string), and every value from the API goes through `textContent`, never `innerHTML`: resource names
 * and evidence values come from the cloud and are not trusted.
 *
 * @example
 * reply.type('text/javascript; charset=utf-8').send(DASHBOARD_SCRIPT);
 */
export const DASHBOARD_SCRIPT = String.raw`
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const PAGE = 25;
const view = { severity: '', policy: '', account: '', offset: 0, total: 0, selected: null };
const byId = (id) => document.getElementById(id);

function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    // Through the CSSOM, which the CSP allows, unlike a style attribute.
    else if (k === 'style') node.style.cssText = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// Sign-in: the token lives in this tab's sessionStorage and goes out only as an Authorization header
// (never in a URL, a cookie or the page), so no other site can make the browser send it (no CSRF).
const TOKEN_KEY = 'vigil.token';
const session = { me: null };
const authHeaders = () => {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { authorization: 'Bearer ' + token } : {};
};

class SignInNeeded extends Error {}

async function callJson(method, url, payload) {
  const headers = Object.assign({ accept: 'application/json' }, authHeaders(), payload ? { 'content-type': 'application/json' } : {});
  const res = await fetch(url, { method, headers, body: payload ? JSON.stringify(payload) : undefined });
  const body = await res.json().catch(() => null);
  if (res.status === 401) {
    // A first visit needs no error message; a token that was refused (revoked, expired, mistyped) does.
    const offered = sessionStorage.getItem(TOKEN_KEY) !== null;
    sessionStorage.removeItem(TOKEN_KEY);
    throw new SignInNeeded(offered ? 'Not signed in: ' + ((body && body.message) || 'the token was refused') : '');
  }
  if (!res.ok) throw new Error((body && body.message) || ('HTTP ' + res.status + ' for ' + url));
  return body;
}

const getJson = (url) => callJson('GET', url);
const canDecide = () => Boolean(session.me && (session.me.role === 'approver' || session.me.role === 'admin'));

function showSignIn(message) {
  byId('session').hidden = true;
  byId('sign-in').hidden = false;
  const err = byId('sign-in-error');
  err.textContent = message || '';
  err.hidden = !message;
  byId('scan-info').textContent = 'Sign in to see the posture.';
  byId('sign-in-token').focus();
}

function showSession(me) {
  session.me = me;
  byId('sign-in').hidden = true;
  byId('session').hidden = !me.user;
  byId('whoami').textContent = me.user ? 'Signed in as ' + me.user + ' (' + me.role + ')' : '';
}

function showError(err) {
  if (err instanceof SignInNeeded) return showSignIn(err.message);
  const box = byId('error');
  box.textContent = 'Could not load data: ' + (err && err.message ? err.message : String(err));
  box.hidden = false;
}

const fmtTime = (t) => (t ? t.replace('T', ' ').slice(0, 16) + ' UTC' : '—');
const fmtNum = (n) => Number(n).toLocaleString('en');
const fmtValue = (v) => (v === null || v === undefined ? 'missing' : typeof v === 'string' ? v : JSON.stringify(v));
const sevBadge = (s) => h('span', { class: 'sev sev-' + s }, s);

function renderSummary(s) {
  byId('total-resources').textContent = fmtNum(s.resources);
  byId('total-policies').textContent = fmtNum(s.policies);
  byId('total-violations').textContent = fmtNum(s.violations.total);
  byId('scan-info').textContent = s.lastScan
    ? 'Last scan ' + s.lastScan.status + ' ' + fmtTime(s.lastScan.finishedAt || s.lastScan.startedAt) + ' (' + s.lastScan.source + ')'
    : 'No scan yet: run "vigil scan" to collect the estate.';

  const max = Math.max(1, ...SEVERITIES.map((k) => s.violations.bySeverity[k] || 0));
  byId('by-severity').replaceChildren(...SEVERITIES.map((k) => {
    const n = s.violations.bySeverity[k] || 0;
    return h('li', { 'data-severity': k },
      sevBadge(k),
      h('div', { class: 'bar', role: 'presentation' }, h('span', { class: 'fill-' + k, style: 'width:' + Math.round((100 * n) / max) + '%' })),
      h('span', { class: 'num', 'aria-label': n + ' ' + k + ' violations' }, fmtNum(n)));
  }));

  const fw = byId('by-framework').tBodies[0];
  fw.replaceChildren(...(s.byFramework.length ? s.byFramework.map((f) => h('tr', { 'data-framework': f.framework },
    h('td', {}, f.framework),
    h('td', { class: 'num' }, f.failingPolicies + ' / ' + f.policies),
    h('td', { class: 'num' }, fmtNum(f.violations)))) : [h('tr', {}, h('td', { colspan: 3, class: 'empty' }, 'No policies map to a framework.'))]));

  byId('top-policies').replaceChildren(...(s.topFailingPolicies.length ? s.topFailingPolicies.map((p) => h('li', {},
    sevBadge(p.severity),
    h('button', { type: 'button', class: 'link', title: 'Show only this policy', onclick: () => setFilter('policy', p.policyId) }, p.title),
    h('span', { class: 'num', 'aria-label': p.count + ' violations' }, fmtNum(p.count)))) : [h('li', { class: 'empty' }, 'Nothing fails. Well done.')]));

  const acct = byId('filter-account');
  acct.replaceChildren(h('option', { value: '' }, 'All accounts'),
    ...s.byAccount.map((a) => h('option', { value: a.accountId }, a.accountId + ' (' + a.violations + ')')));
  acct.value = view.account;
}

function renderPolicies(policies) {
  const sel = byId('filter-policy');
  sel.replaceChildren(h('option', { value: '' }, 'All policies'), ...policies.map((p) => h('option', { value: p.id }, p.title)));
  sel.value = view.policy;
}

async function loadViolations() {
  const q = new URLSearchParams({ limit: String(PAGE), offset: String(view.offset) });
  for (const k of ['severity', 'policy', 'account']) if (view[k]) q.set(k, view[k]);
  const page = await getJson('/api/violations?' + q);
  view.total = page.total;
  const body = byId('violations').tBodies[0];
  body.replaceChildren(...(page.items.length ? page.items.map((v) => h('tr', {
      'data-id': v.id, 'aria-selected': String(view.selected === v.id), onclick: () => openDetail(v.id),
    },
    h('td', {}, sevBadge(v.severity)),
    h('td', {}, v.policyTitle),
    h('td', {}, h('button', { type: 'button', class: 'link', onclick: (e) => { e.stopPropagation(); openDetail(v.id); } }, resourceName(v.resourceArn)),
      h('div', { class: 'arn' }, v.resourceArn)),
    h('td', {}, v.accountId),
    h('td', {}, v.owner || 'unassigned'),
    h('td', {}, v.state + (v.state === 'reminded' ? ' (' + v.remindersSent + ')' : '')),
    h('td', {}, fmtTime(v.lastSeenAt)))) : [h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No live violations match these filters.'))]));
  const first = page.total === 0 ? 0 : view.offset + 1;
  byId('violations-count').textContent = 'Showing ' + first + '–' + (view.offset + page.items.length) + ' of ' + fmtNum(page.total) + ' violations';
  byId('prev-page').disabled = view.offset === 0;
  byId('next-page').disabled = view.offset + PAGE >= page.total;
}

const resourceName = (arn) => arn.split(/[:/]/).filter(Boolean).pop() || arn;

function setFilter(name, value) {
  view[name] = value;
  view.offset = 0;
  byId('filter-' + name).value = value;
  loadViolations().catch(showError);
}

function openDetail(id) {
  showDetail(id).catch(showError);
}

async function showDetail(id) {
  view.selected = id;
  for (const tr of byId('violations').tBodies[0].rows) tr.setAttribute('aria-selected', String(tr.dataset.id === id));
  const d = await getJson('/api/violations/' + encodeURIComponent(id));
  const v = d.violation;
  const rem = d.policy ? d.policy.remediation : null;
  byId('detail-h').textContent = v.policyTitle;
  // replaceChildren does not flatten: optional sections are arrays or null, so flatten and drop them here.
  byId('detail-body').replaceChildren(...[
    h('dl', {},
      h('dt', {}, 'Severity'), h('dd', {}, sevBadge(v.severity)),
      h('dt', {}, 'State'), h('dd', {}, v.state),
      h('dt', {}, 'Resource'), h('dd', {}, h('code', {}, v.resourceArn)),
      h('dt', {}, 'Type'), h('dd', {}, v.resourceType),
      h('dt', {}, 'Account'), h('dd', {}, v.accountId + ' / ' + v.region),
      h('dt', {}, 'Owner'), h('dd', {}, v.owner || 'unassigned'),
      h('dt', {}, 'First seen'), h('dd', {}, fmtTime(v.firstSeenAt)),
      h('dt', {}, 'Next action'), h('dd', {}, fmtTime(v.nextActionAt)),
      d.policy ? [h('dt', {}, 'Frameworks'), h('dd', {}, Object.entries(d.policy.frameworks).map(([f, r]) => f + ' ' + [].concat(r).join(', ')).join('; '))] : null),
    h('h3', {}, 'Evidence'),
    h('table', { class: 'evidence' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Path'), h('th', { scope: 'col' }, 'Expected'), h('th', { scope: 'col' }, 'Actual'))),
      h('tbody', {}, v.evidence.map((e) => h('tr', {},
        h('td', {}, h('code', {}, e.path)), h('td', {}, e.expected), h('td', {}, h('code', {}, fmtValue(e.actual)), e.note ? h('div', {}, e.note) : null))))),
    rem ? [h('h3', {}, 'How to fix'), h('p', {}, rem.guidance),
      rem.enforce ? h('p', {}, 'Enforcement: ', h('code', {}, rem.enforce), rem.risk ? ' (' + rem.risk + ')' : '') : null] : null,
    v.state === 'awaiting-approval' && canDecide() ? decisionForm(v.id, d.approvals) : null,
    h('h3', {}, 'History'),
    h('ol', { class: 'history' }, d.history.length ? d.history.map((e) => h('li', {},
      h('time', { datetime: e.at }, fmtTime(e.at)), e.type + ' by ' + e.actor)) : h('li', { class: 'empty' }, 'No events recorded.')),
  ].flat().filter(Boolean));
  byId('detail').hidden = false;
  byId('workspace').classList.add('with-detail');
  byId('detail-h').focus();
}

// Approve or reject what waits for the security team: the API decides as the signed-in user.
function decisionForm(id, approvals) {
  const reason = h('input', { id: 'decision-reason', type: 'text', maxlength: '2000', autocomplete: 'off' });
  const last = approvals && approvals.length ? approvals[approvals.length - 1] : null;
  // Until the manager acts on it, a decision can still be changed: say what stands.
  const status = h('p', { id: 'decision-status', role: 'status' },
    last ? 'Decided: ' + last.decision + ' by ' + last.by + (last.reason ? ' (' + last.reason + ')' : '') + ' at ' + fmtTime(last.at) + '; ' +
      (last.decision === 'approved' ? 'enforcement is requested at the next manager run.' : 'it stays reported; nothing will be enforced.') : null);
  const decide = (what) => {
    status.textContent = '';
    status.className = '';
    callJson('POST', '/api/violations/' + encodeURIComponent(id) + '/' + what, { reason: reason.value })
      .then(() => showDetail(id))
      .catch((e) => {
        if (e instanceof SignInNeeded) return showSignIn(e.message);
        status.className = 'decision-error';
        status.textContent = e.message;
      });
  };
  const form = h('section', { class: 'decision', 'aria-labelledby': 'decision-h' },
    h('h3', { id: 'decision-h' }, 'Waiting for approval'),
    h('div', { class: 'field' }, h('label', { for: 'decision-reason' }, 'Reason (change ticket, risk note)'), reason),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', id: 'approve', onclick: () => decide('approve') }, 'Approve'),
      h('button', { type: 'button', id: 'reject', class: 'secondary', onclick: () => decide('reject') }, 'Reject')),
    status);
  return form;
}

function closeDetail() {
  view.selected = null;
  byId('detail').hidden = true;
  byId('workspace').classList.remove('with-detail');
  for (const tr of byId('violations').tBodies[0].rows) tr.setAttribute('aria-selected', 'false');
}

async function start() {
  for (const name of ['severity', 'policy', 'account']) {
    byId('filter-' + name).addEventListener('change', (e) => setFilter(name, e.target.value));
  }
  byId('filters').addEventListener('reset', (e) => {
    e.preventDefault();
    for (const name of ['severity', 'policy', 'account']) { view[name] = ''; byId('filter-' + name).value = ''; }
    view.offset = 0;
    loadViolations().catch(showError);
  });
  byId('prev-page').addEventListener('click', () => { view.offset = Math.max(0, view.offset - PAGE); loadViolations().catch(showError); });
  byId('next-page').addEventListener('click', () => { view.offset += PAGE; loadViolations().catch(showError); });
  byId('detail-close').addEventListener('click', closeDetail);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && view.selected) closeDetail(); });
  byId('sign-in').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = byId('sign-in-token');
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    input.value = '';
    callJson('POST', '/api/auth/login').then(loadAll).catch(showError);
  });
  byId('sign-out').addEventListener('click', () => {
    callJson('POST', '/api/auth/logout').catch(() => null).then(() => {
      sessionStorage.removeItem(TOKEN_KEY);
      location.reload();
    });
  });
  await loadAll();
}

async function loadAll() {
  showSession(await getJson('/api/me'));
  byId('error').hidden = true;
  const [summary, policies] = await Promise.all([getJson('/api/summary'), getJson('/api/policies')]);
  renderSummary(summary);
  renderPolicies(policies.items);
  await loadViolations();
  document.body.dataset.ready = 'true';
}

start().catch(showError);
`;
