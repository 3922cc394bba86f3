import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { awsProgressBar } from '../../cli/aws-scan-options.js';
import { CapturedStream } from '../../testing/cli-harness.js';
import type { CollectionProgress } from './aws-provider.js';
import { broadcastProgress, listenToProgress } from './collection-progress.js';

/** Waits (up to 5 s, for a loaded machine) until `arrived()` holds: a broadcast crosses the event loop. */
const until = async (arrived: () => boolean) => {
  for (let waited = 0; !arrived() && waited < 5_000; waited += 10) await sleep(10);
};

const at = (done: number, total: number): CollectionProgress => ({ accounts: { done: 1, total: 3 }, scopes: { done, total }, calls: done * 10, resources: done * 5, failures: 1 });

test('progress crosses threads by broadcast: throttled while running, the last update always arrives', async () => {
  const seen: CollectionProgress[] = [];
  const stop = listenToProgress((p) => seen.push(p));
  const send = broadcastProgress();
  for (let i = 1; i <= 50; i++) send(at(i, 100));
  send(at(100, 100));
  await until(() => seen.at(-1)?.scopes.done === 100);
  stop();
  assert.ok(seen.length >= 2 && seen.length < 10, `${seen.length} updates for 51 sent`);
  assert.deepEqual(seen[0], at(1, 100));
  assert.deepEqual(seen.at(-1), at(100, 100));
});

test('the AWS progress bar on a terminal shows listings done of planned, accounts, calls, resources and failures', async () => {
  const stderr = new CapturedStream(true);
  const bar = awsProgressBar({ stdout: new CapturedStream(true), stderr, env: {}, cwd: '.' });
  assert.ok(bar);
  broadcastProgress()(at(40, 40));
  await until(() => stderr.text.includes('200 resources'));
  bar.stop();
  assert.match(stderr.text, /collecting .* 40\/40 account×region×service · 1\/3 accounts · 400 calls \(\d+\/s\) · 200 resources · 1 failed/);
  assert.equal(awsProgressBar({ stdout: new CapturedStream(false), stderr: new CapturedStream(false), env: {}, cwd: '.' }), undefined, 'no bar when stderr is not a terminal');
});
