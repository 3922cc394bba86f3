import assert from 'node:assert/strict';
import { Script } from 'node:vm';
import { describe, it } from 'node:test';
import { DASHBOARD_CSP, dashboardAssets } from './dashboard-assets.js';
import { DASHBOARD_SCRIPT } from './dashboard-script.js';

// Fast checks that hold even where no browser is installed; dashboard.test.ts checks the behaviour.
describe('dashboard assets', () => {
  it('ship a browser script that at least parses', () => {
    assert.doesNotThrow(() => new Script(DASHBOARD_SCRIPT, { filename: 'dashboard.js' }));
  });

  it('load nothing from another origin, so the dashboard works offline', () => {
    for (const a of dashboardAssets()) {
      const external = a.body.match(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]+|@import|url\(\s*["']?(?:https?:)?\/\//g);
      assert.equal(external, null, `${a.path} refers to another origin: ${external?.join(', ')}`);
    }
    assert.match(DASHBOARD_CSP, /default-src 'self'/);
    assert.doesNotMatch(DASHBOARD_CSP, /unsafe-inline|unsafe-eval/);
  });

  it('serve every file the page links to', () => {
    const assets = dashboardAssets();
    const html = assets.find((a) => a.path === '/')?.body ?? '';
    const linked = [...html.matchAll(/(?:src|href)="(\/[^"#]*)"/g)].map((m) => m[1]);
    assert.ok(linked.length >= 3, 'the page links its script, stylesheet and icon');
    for (const path of linked) assert.ok(assets.some((a) => a.path === path), `${path} is linked but not served`);
  });

  it('never put API data into innerHTML: resource names and evidence come from the cloud', () => {
    assert.doesNotMatch(DASHBOARD_SCRIPT, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
