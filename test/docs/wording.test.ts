import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, extensions);
    return extensions.some((extension) => name.endsWith(extension)) ? [path] : [];
  });
}

describe('user-facing text', () => {
  const texts = [
    'README.md',
    'CHANGELOG.md',
    ...files('docs', ['.md']),
    ...files('src', ['.ts']),
    ...files('examples', ['.ts']),
  ];

  it.each(texts)('%s speaks of the older JavaScript hello-dave, never of "the seed"', (path) => {
    const hits = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => /\bthe seed's\b|\b(in|from|of|like|than) the seed\b/i.test(line));
    expect(hits).toEqual([]);
  });
});
