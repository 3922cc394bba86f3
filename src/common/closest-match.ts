/** Edit distance (insertions, deletions, substitutions; a swap of neighbours counts once). */
const distance = (a: string, b: string): number => {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = d;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
};

/**
 * The candidate a typo most likely meant, or undefined when none is close (at most a third of the
 * word changed, and at least two edits allowed). Case is ignored.
 *
 * @example
 * closestMatch('aws.s3.bukket', ['aws.s3.bucket', 'aws.ec2.instance']); // 'aws.s3.bucket'
 * closestMatch('xyz', ['aws.s3.bucket']); // undefined
 */
export const closestMatch = (word: string, candidates: Iterable<string>): string | undefined => {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d <= limit && (d < bestD || (d === bestD && best !== undefined && c.localeCompare(best) < 0))) {
      best = c;
      bestD = d;
    }
  }
  return best;
};
