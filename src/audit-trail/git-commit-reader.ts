import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * The commit checked out in the git repository holding `dir`, read from `.git` without running git
 * (HEAD → ref → loose ref or packed-refs; worktrees' `.git` files and `commondir` followed). Undefined
 * when `dir` is not in a git repository or HEAD cannot be resolved this simply.
 *
 * @example await gitCommitOf('./policies'); // '3f2a…' (40 hex digits)
 */
export const gitCommitOf = async (dir: string): Promise<string | undefined> => {
  const gitDir = await findGitDir(resolve(dir));
  if (!gitDir) return undefined;
  const head = (await read(join(gitDir, 'HEAD')))?.trim();
  if (!head) return undefined;
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  const ref = /^ref: (.+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  const common = (await read(join(gitDir, 'commondir')))?.trim();
  const dirs = [gitDir, ...(common ? [isAbsolute(common) ? common : resolve(gitDir, common)] : [])];
  for (const d of dirs) {
    const loose = (await read(join(d, ref)))?.trim();
    if (loose && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
    const packed = await read(join(d, 'packed-refs'));
    const hit = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
    if (hit) return hit.split(' ')[0];
  }
  return undefined;
};

const read = (file: string): Promise<string | undefined> => readFile(file, 'utf8').then((s) => s, () => undefined);

const findGitDir = async (start: string): Promise<string | undefined> => {
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const s = await stat(dotGit).catch(() => undefined);
    if (s?.isDirectory()) return dotGit;
    if (s?.isFile()) {
      const target = /^gitdir: (.+)$/m.exec((await read(dotGit)) ?? '')?.[1]?.trim();
      if (target) return isAbsolute(target) ? target : resolve(dir, target);
    }
    if (dirname(dir) === dir) return undefined;
  }
};
