import fc from 'fast-check';

/**
 * Mutations of a valid YAML document that a person or an attacker could produce: wrong types,
 * unknown keys, deep nesting, huge strings, alias bombs, stray bytes, truncation. Each yields text.
 *
 * @example
 * fc.assert(fc.property(mutatedYaml([policyText]), (text) => { parser(text); }));
 */
export const mutatedYaml = (seeds: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...seeds), fc.nat(), mutation()).map(([text, at, mutate]) => mutate(text, at));

type Mutate = (text: string, at: number) => string;

const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer().map(String),
  fc.constantFrom('true', 'null', '~', '[]', '{}', '-1', '1e309', '.nan', '0x1F', '"', "'", '&a', '*a', '!!binary x', '? x', '|', '>', '- - -'),
);

const lineIndex = (text: string, at: number) => {
  const lines = text.split('\n');
  return { lines, i: at % Math.max(1, lines.length) };
};

const mutation = (): fc.Arbitrary<Mutate> =>
  fc.oneof(
    // A value replaced by something of another type.
    scalar.map((v): Mutate => (text, at) => {
      const { lines, i } = lineIndex(text, at);
      lines[i] = (lines[i] ?? '').replace(/:\s.*$/, `: ${v}`);
      return lines.join('\n');
    }),
    // An unknown key, at the top or nested.
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), scalar, fc.nat(6)).map(([k, v, indent]): Mutate => (text, at) => {
      const { lines, i } = lineIndex(text, at);
      lines.splice(i, 0, `${' '.repeat(indent)}${k.replace(/[\n:#]/g, 'x') || 'k'}: ${v}`);
      return lines.join('\n');
    }),
    // Deep nesting (flow style, so no indentation arithmetic).
    fc.integer({ min: 10, max: 5_000 }).map((depth): Mutate => (text) => `${text}\nnested: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`),
    fc.integer({ min: 10, max: 3_000 }).map((depth): Mutate => (text) => `${text}\nwhere: ${'{ all: ['.repeat(depth)}{ Name: { eq: x } }${' ] }'.repeat(depth)}\n`),
    // A huge string.
    fc.integer({ min: 1_000, max: 2_000_000 }).map((n): Mutate => (text) => `${text}\ndescription: "${'x'.repeat(n)}"\n`),
    // A billion-laughs alias bomb.
    fc.integer({ min: 3, max: 12 }).map((levels): Mutate => (text) => {
      const out = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let l = 1; l < levels; l++) out.push(`a${l}: &a${l} [${Array.from({ length: 10 }, () => `*a${l - 1}`).join(', ')}]`);
      return `${text}\n${out.join('\n')}\n`;
    }),
    // Stray characters (control bytes, tabs, BOMs, lone surrogates) somewhere.
    fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }).map((junk): Mutate => (text, at) => text.slice(0, at % (text.length + 1)) + junk + text.slice(at % (text.length + 1))),
    // Cut short.
    fc.constant<Mutate>((text, at) => text.slice(0, at % (text.length + 1))),
    // A list where a mapping was, and the reverse.
    fc.constant<Mutate>((text) => `- ${text.replace(/\n/g, '\n  ')}`),
    fc.constant<Mutate>((text) => text.replace(/^- /gm, '')),
  );
