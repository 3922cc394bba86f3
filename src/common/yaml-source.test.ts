import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { YamlSource } from './yaml-source.js';

const TEXT = `id: a
where:
  all:
    - Versioning.Status: { ne: Enabled }
    - any:
        - Name:
            matches: "^tmp-"
remediation:
  guidance: fix
`;

describe('YamlSource', () => {
  const src = YamlSource.parse('p/a.yaml', TEXT);

  it('points at the key of a scalar field, where a person looks', () => {
    assert.deepEqual(src.locate(['id']), { file: 'p/a.yaml', line: 1, col: 1 });
    assert.deepEqual(src.locate(['remediation', 'guidance']), { file: 'p/a.yaml', line: 9, col: 3 });
  });

  it('points at list items and nested keys deep in a condition', () => {
    assert.deepEqual(src.locate(['where', 'all', 1]), { file: 'p/a.yaml', line: 5, col: 7 });
    assert.deepEqual(src.locate(['where', 'all', 0, 'Versioning.Status', 'ne']), { file: 'p/a.yaml', line: 4, col: 28 });
    assert.deepEqual(src.locate(['where', 'all', 1, 'any', 0, 'Name', 'matches']), { file: 'p/a.yaml', line: 7, col: 13 });
  });

  it('locates an unknown key by its name, and falls back to the nearest existing ancestor', () => {
    assert.deepEqual(src.locate(['remediation'], 'guidance'), { file: 'p/a.yaml', line: 9, col: 3 });
    assert.deepEqual(src.locate(['where', 'all', 7, 'x']), { file: 'p/a.yaml', line: 4, col: 5 }, 'the list itself, where it starts');
    assert.deepEqual(src.locate(['nope']), { file: 'p/a.yaml', line: 1, col: 1 });
  });

  it('reports syntax errors and duplicate keys with their position', () => {
    const dup = YamlSource.parse('d.yaml', 'id: a\ntitle: x\nid: b\n').syntaxDiagnostics();
    assert.equal(dup.length, 1);
    assert.deepEqual({ line: dup[0]!.line, col: dup[0]!.col, file: dup[0]!.file }, { line: 3, col: 1, file: 'd.yaml' });
    assert.match(dup[0]!.message, /unique/i);
    const bad = YamlSource.parse('b.yaml', 'a: 1\nb: [1, 2\nc: 3\n').syntaxDiagnostics();
    assert.ok(bad.length >= 1);
    assert.ok(bad.every((d) => d.file === 'b.yaml' && d.line! >= 2 && !d.message.includes('\n')), JSON.stringify(bad));
    assert.deepEqual(src.syntaxDiagnostics(), []);
  });

  it('refuses alias bombs instead of expanding them: a located problem, not an exception a caller must catch', () => {
    const lol = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const src = YamlSource.parse('bomb.yaml', lol);
    assert.equal(src.toJS(), undefined);
    assert.match(src.syntaxDiagnostics()[0]?.message ?? '', /alias/i);
  });
});

describe('input limits (docs/limits.md)', () => {
  const problems = (text: string) => YamlSource.parse('p.yaml', text).syntaxDiagnostics().map((d) => `${d.line}:${d.col} ${d.message}`);

  it('an alias bomb is refused, not expanded', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${Array(10).fill(i ? `*${'b'.repeat(i)}` : '*a').join(', ')}]`)].join('\n');
    const src = YamlSource.parse('p.yaml', bomb);
    assert.match(src.syntaxDiagnostics()[0]?.message ?? '', /too many YAML aliases expanded \(the limit is 100/);
    assert.equal(src.toJS(), undefined);
    assert.deepEqual(problems('a: &a x\nb: *a\nc: *a\n'), [], 'a few aliases are fine');
  });

  it('a file over 1 MiB, a string over 64 KiB and nesting past 64 levels are located errors', () => {
    assert.match(problems(`a: "${'x'.repeat(1024 * 1024)}"\n`)[0]!, /^1:1 file is 1,048,58\d characters; the limit is 1,048,576/);
    assert.deepEqual(problems(`title: ok\nguidance: "${'y'.repeat(70_000)}"\n`), ['2:1 guidance: a string of 70,000 characters; the limit is 65,536']);
    assert.match(problems(`where: ${'['.repeat(80)}1${']'.repeat(80)}\n`)[0]!, /nested more than 64 levels deep/);
    assert.deepEqual(problems(`where: ${'['.repeat(60)}1${']'.repeat(60)}\n`), []);
  });
});
