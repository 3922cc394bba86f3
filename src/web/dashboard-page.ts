import { SEVERITIES } from '../common/severity.js';

/**
 * The dashboard's one HTML page. It is a string in a TypeScript module, not a file beside it, so
 * `tsc` carries it into dist/ and `npm start` serves it with no copy step and no bundler.
 * Data arrives from the JSON API; the page holds only structure, labels and landmarks.
 *
 * @example
 * reply.type('text/html; charset=utf-8').send(DASHBOARD_HTML);
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vigil — security posture</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/dashboard.css">
<script type="module" src="/assets/dashboard.js"></script>
</head>
<body>
<a class="skip" href="#violations-h">Skip to violations</a>
<header class="top">
  <h1>Vigil <span class="sub">security &amp; compliance posture</span></h1>
  <p id="scan-info" aria-live="polite">Loading…</p>
  <div id="session" class="session" hidden>
    <span id="whoami"></span>
    <button type="button" id="sign-out" class="secondary">Sign out</button>
  </div>
</header>
<main>
  <p id="error" role="alert" hidden></p>

  <!-- method=post: should the script not run, the browser must not put the token in the URL. -->
  <form id="sign-in" class="panel sign-in" method="post" action="#" hidden aria-labelledby="sign-in-h">
    <h2 id="sign-in-h">Sign in</h2>
    <p>This Vigil needs sign-in. Paste an API token (from <code>vigil api-token create</code>) or a token from your identity provider; it is kept for this browser tab only.</p>
    <div class="field">
      <label for="sign-in-token">Token</label>
      <input id="sign-in-token" name="token" type="password" autocomplete="off" spellcheck="false" required>
    </div>
    <button type="submit">Sign in</button>
    <p id="sign-in-error" role="alert" hidden></p>
  </form>

  <section aria-labelledby="totals-h">
    <h2 id="totals-h" class="visually-hidden">Totals</h2>
    <dl class="totals">
      <div class="card"><dt>Resources</dt><dd id="total-resources">–</dd></div>
      <div class="card"><dt>Policies</dt><dd id="total-policies">–</dd></div>
      <div class="card alert"><dt>Open violations</dt><dd id="total-violations">–</dd></div>
    </dl>
  </section>

  <div class="panels">
    <section class="panel" aria-labelledby="severity-h">
      <h2 id="severity-h">Violations by severity</h2>
      <ul id="by-severity" class="bars"></ul>
    </section>
    <section class="panel" aria-labelledby="framework-h">
      <h2 id="framework-h">By framework</h2>
      <table id="by-framework">
        <thead><tr><th scope="col">Framework</th><th scope="col" class="num">Failing policies</th><th scope="col" class="num">Violations</th></tr></thead>
        <tbody></tbody>
      </table>
    </section>
    <section class="panel" aria-labelledby="top-h">
      <h2 id="top-h">Top failing policies</h2>
      <ol id="top-policies" class="top-list"></ol>
    </section>
  </div>

  <div class="workspace" id="workspace">
    <section class="panel" aria-labelledby="violations-h">
      <h2 id="violations-h" tabindex="-1">Violations</h2>
      <form id="filters" class="filters" role="search" aria-label="Filter violations">
        <div class="field">
          <label for="filter-severity">Severity</label>
          <select id="filter-severity" name="severity">
            <option value="">All severities</option>
            ${SEVERITIES.map((s) => `<option value="${s}">${s}</option>`).join('')}
          </select>
        </div>
        <div class="field">
          <label for="filter-policy">Policy</label>
          <select id="filter-policy" name="policy"><option value="">All policies</option></select>
        </div>
        <div class="field">
          <label for="filter-account">Account</label>
          <select id="filter-account" name="account"><option value="">All accounts</option></select>
        </div>
        <button type="reset" class="secondary">Clear filters</button>
      </form>
      <p id="violations-count" aria-live="polite"></p>
      <div class="table-wrap">
        <table id="violations">
          <caption class="visually-hidden">Live violations, newest first</caption>
          <thead><tr>
            <th scope="col">Severity</th><th scope="col">Policy</th><th scope="col">Resource</th>
            <th scope="col">Account</th><th scope="col">Owner</th><th scope="col">State</th><th scope="col">Last seen</th>
          </tr></thead>
          <tbody></tbody>
        </table>
      </div>
      <nav class="pager" aria-label="Violation pages">
        <button type="button" id="prev-page" class="secondary">Previous</button>
        <button type="button" id="next-page" class="secondary">Next</button>
      </nav>
    </section>

    <aside id="detail" class="panel detail" aria-labelledby="detail-h" hidden>
      <div class="detail-head">
        <h2 id="detail-h" tabindex="-1">Violation</h2>
        <button type="button" id="detail-close" class="secondary" aria-label="Close violation detail">Close</button>
      </div>
      <div id="detail-body"></div>
    </aside>
  </div>
</main>
</body>
</html>
`;
