import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { ManualClock } from '../common/clock.js';
import { ApprovalService } from '../escalation/approval-service.js';
import { createApiServer } from '../api/api-server.js';
import { violation } from '../testing/store-contract.js';
import { memoryTestStore } from '../testing/test-store.js';
import { OidcVerifier } from './oidc-verifier.js';
import { RequestAuthenticator } from '../api/request-authenticator.js';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A real identity provider stand-in: discovery document and JWKS over HTTP on a free port. */
describe('OIDC bearer tokens against a JWKS served over HTTP', () => {
  let server: Server;
  let issuer = '';
  let signing: Key;
  let stranger: Key;
  let jwksHits = 0;

  before(async () => {
    const idp = await generateKeyPair('RS256');
    signing = idp.privateKey;
    stranger = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(idp.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
      if (req.url === '/keys') return (jwksHits++, res.end(JSON.stringify({ keys: [jwk] })));
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const config = () => ({ issuer, audience: 'vigil', roles: { viewer: ['staff'], approver: ['secops'], admin: ['vigil-admins'] } });
  const sign = (claims: JWTPayload, opts: { key?: Key; kid?: string; iss?: string; aud?: string; exp?: string | number } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'idp-1' })
      .setIssuer(opts.iss ?? issuer)
      .setAudience(opts.aud ?? 'vigil')
      .setSubject('00u1abcd')
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(opts.key ?? signing);

  it('accepts a valid token (keys found by discovery), maps groups to the strongest role, names the person by e-mail', async () => {
    const oidc = new OidcVerifier(config());
    assert.deepEqual(await oidc.verify(await sign({ email: 'alice@example.com', groups: ['staff', 'secops'] })), { ok: true, subject: 'alice@example.com', role: 'approver' });
    assert.deepEqual(await oidc.verify(await sign({ groups: 'vigil-admins' })), { ok: true, subject: '00u1abcd', role: 'admin' }, 'no e-mail: the sub');
    assert.ok(jwksHits >= 1, 'the keys came from the HTTP server');
  });

  it('refuses expired, wrong audience, wrong issuer, unknown key and no-role tokens, each with its reason', async () => {
    const oidc = new OidcVerifier({ ...config(), jwksUri: `${issuer}/keys` });
    const claims = { email: 'bob@example.com', groups: ['staff'] };
    const cases: [string, string, Promise<string>][] = [
      ['expired', 'expired', sign(claims, { exp: Math.floor(Date.now() / 1000) - 600 })],
      ['wrong audience', 'bad-credentials', sign(claims, { aud: 'another-app' })],
      ['wrong issuer', 'bad-credentials', sign(claims, { iss: 'https://evil.example.com' })],
      ['unknown key', 'bad-credentials', sign(claims, { key: stranger, kid: 'idp-2' })],
      ['known kid, other key', 'bad-credentials', sign(claims, { key: stranger })],
      ['no role', 'denied', sign({ email: 'bob@example.com', groups: ['interns'] })],
      ['not a JWT', 'bad-credentials', Promise.resolve('not.a.jwt')],
    ];
    for (const [name, reason, token] of cases) {
      const r = await oidc.verify(await token);
      assert.equal(r.ok, false, name);
      if (!r.ok) assert.equal(r.reason, reason, `${name}: ${r.message}`);
    }
    const noRole = await oidc.verify(await sign({ email: 'bob@example.com', groups: ['interns'] }));
    assert.deepEqual(noRole.ok ? null : [noRole.status, noRole.message], [403, 'signed in as bob@example.com, but none of your groups (claim groups) grants a Vigil role (server.auth.oidc.roles)']);
    const aud = await oidc.verify(await sign(claims, { aud: 'another-app' }));
    assert.match(aud.ok ? '' : aud.message, /aud/);
  });

  it('an IdP that cannot be reached is 503, not a failed login', async () => {
    const oidc = new OidcVerifier({ ...config(), issuer: 'http://127.0.0.1:1' });
    const r = await oidc.verify(await sign({ email: 'a@example.com', groups: ['staff'] }));
    assert.deepEqual(r.ok ? null : [r.status, r.message], [503, "the identity provider's keys cannot be fetched right now; try again"]);
  });

  it('through the API: an OIDC approver approves as user:<email>; a wrong audience is a recorded 401 without the token on the trail', async () => {
    const store = memoryTestStore();
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    await store.violations.insert([violation(1, { state: 'awaiting-approval' })]);
    const api = createApiServer({
      store, policies: [], clock,
      auth: new RequestAuthenticator({ config: { oidc: config() }, store, clock, oidc: new OidcVerifier(config()) }),
      approvals: new ApprovalService({ store, clock, approvers: new Set(['alice@example.com']) }),
    });
    try {
      const good = await sign({ email: 'alice@example.com', groups: ['secops'] });
      const bad = await sign({ email: 'alice@example.com', groups: ['secops'] }, { aud: 'another-app' });
      const viewer = await sign({ email: 'vic@example.com', groups: ['staff'] });
      const post = (token: string) => api.fastify.inject({ method: 'POST', url: '/api/violations/v001/approve', headers: { authorization: `Bearer ${token}` }, payload: { reason: 'CHG-7' } });
      assert.equal((await post(bad)).statusCode, 401);
      assert.equal((await post(viewer)).statusCode, 403);
      const ok = await post(good);
      assert.equal(ok.statusCode, 200, ok.body);
      const events = await store.audit.list();
      assert.deepEqual(events.map((e) => [e.type, e.actor, e.data['status'] ?? null]), [
        ['auth.login.failed', 'api:anonymous', 401],
        ['api.request', 'api:anonymous', 401],
        ['auth.login.succeeded', 'user:vic@example.com', 403],
        ['api.request', 'user:vic@example.com', 403],
        ['violation.approved', 'user:alice@example.com', null],
        ['auth.login.succeeded', 'user:alice@example.com', 200],
        ['api.request', 'user:alice@example.com', 200],
      ]);
      const text = JSON.stringify(events);
      for (const t of [good, bad, viewer]) assert.equal(text.includes(t.split('.')[2]!), false, 'no token signature on the trail');
    } finally {
      await api.close();
      await store.close();
    }
  });
});
