import type { CollectionProgress } from './aws-provider.js';

/**
 * The AWS provider runs where the scan collects — often a worker thread — while the progress bar is
 * drawn by the CLI's thread: a BroadcastChannel carries the numbers across without either side
 * knowing where the other runs.
 */
const CHANNEL = 'vigil:aws-collection-progress';
const EVERY_MS = 150;

/**
 * A progress sink for the provider: posts at most every 150 ms, and always the last update.
 * @example new AwsProvider({ ..., progress: broadcastProgress() });
 */
export const broadcastProgress = (): ((p: CollectionProgress) => void) => {
  const channel = new BroadcastChannel(CHANNEL);
  // A channel must not keep a finished scan's process alive.
  (channel as unknown as { unref?: () => void }).unref?.();
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (now - last < EVERY_MS && p.scopes.done < p.scopes.total) return;
    last = now;
    channel.postMessage(p);
  };
};

/**
 * Calls `onProgress` with every update any AWS provider of this process broadcasts; returns a
 * function that stops listening.
 * @example const stop = listenToProgress((p) => bar.update(p.scopes.done)); … stop();
 */
export const listenToProgress = (onProgress: (p: CollectionProgress) => void): (() => void) => {
  const channel = new BroadcastChannel(CHANNEL);
  (channel as unknown as { unref?: () => void }).unref?.();
  channel.onmessage = (e: unknown) => onProgress((e as { data: CollectionProgress }).data);
  return () => channel.close();
};
