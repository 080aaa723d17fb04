/**
 * The release checks of scripts/release.mjs (docs/release.md): semantic versions, the CHANGELOG's Keep a Changelog
 * form, the tarball's contents (packed for real by npm from package.json `files`), and the refusal to publish
 * without a CI identity token for provenance.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHANGE_TYPES,
  checkChangelog,
  checkPackContents,
  compareSemver,
  parseArgs,
  parseSemver,
  provenanceIdentity,
  publishArgs,
  SHIPPED_FIXTURES,
  tarballFiles,
} from '../../scripts/release.mjs';
import { useTempDir } from '../helpers.js';

interface PackageJson {
  version: string;
  files: string[];
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;
const tmp = useTempDir('release-');

/** Every file package.json's exports and bin name, without `./`. */
function declared(): string[] {
  const files = Object.entries(pkg.exports)
    .filter(([subpath]) => subpath !== './package.json')
    .flatMap(([, target]) => (typeof target === 'string' ? [target] : Object.values(target)));
  return [...files, ...Object.values(pkg.bin)].map((file) => file.replace(/^\.\//, ''));
}

const GOOD = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', ...declared(), 'dist/chunk-ABC123.js'];

function npmPack(cwd: string): string[] {
  const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return tarballFiles(result.stdout);
}

describe('semantic versions', () => {
  it('package.json carries one', () => {
    expect(parseSemver(pkg.version)).toBeDefined();
  });

  it('accepts the forms of semver 2.0.0 and refuses the rest', () => {
    for (const good of ['0.2.0', '1.0.0-rc.1', '1.0.0-alpha.beta', '1.0.0+build.7', '10.20.30-x-y.0+meta'])
      expect(parseSemver(good), good).toBeDefined();
    for (const bad of ['1.0', 'v1.0.0', '01.0.0', '1.0.0-01', '1.0.0-', '1.0.0 ', '', '1.0.0-a..b'])
      expect(parseSemver(bad), bad).toBeUndefined();
  });

  it('orders versions by the precedence rules of the spec (§11)', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '2.0.0',
    ];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareSemver)).toEqual(ordered);
    expect(compareSemver('1.0.0+a', '1.0.0+b')).toBe(0);
  });
});

describe('CHANGELOG.md (Keep a Changelog 1.1.0)', () => {
  it('the repository CHANGELOG passes, with one section per change type under Unreleased', () => {
    const text = readFileSync('CHANGELOG.md', 'utf8');
    const { problems } = checkChangelog(text, pkg.version);
    expect(problems).toEqual([]);
    const start = text.indexOf('## [Unreleased]');
    const end = text.indexOf('\n## [', start + 1);
    const unreleased = text.slice(start, end === -1 ? undefined : end);
    const types = [...unreleased.matchAll(/^### (\w+)$/gm)].map((match) => match[1]);
    expect(types).toEqual(CHANGE_TYPES.filter((type) => types.includes(type)));
  });

  const valid = [
    '# Changelog',
    '',
    '## [Unreleased]',
    '### Added',
    '- a',
    '## [1.1.0] - 2026-12-01',
    '### Fixed',
    '- b',
    '## [1.0.0] - 2026-11-01 [YANKED]',
    '### Added',
    '- c',
  ];

  it('finds the section of a released version and its date', () => {
    const result = checkChangelog(valid.join('\n'), '1.1.0');
    expect(result.problems).toEqual([]);
    expect(result.section).toMatchObject({ version: '1.1.0', date: '2026-12-01' });
    expect(checkChangelog(valid.join('\n'), '1.2.0').section).toBeUndefined();
  });

  it.each([
    ['a missing title', (lines: string[]) => lines.slice(1), 'the first line must be "# Changelog"'],
    ['no Unreleased first', (lines: string[]) => lines.filter((line) => line !== '## [Unreleased]'), 'Unreleased'],
    ['a type twice', (lines: string[]) => [...lines.slice(0, 5), '### Added', ...lines.slice(5)], 'twice'],
    ['an unknown type', (lines: string[]) => lines.map((line) => line.replace('### Fixed', '### Bugs')), 'Bugs'],
    ['a heading without a date', (lines: string[]) => lines.map((line) => line.replace(' - 2026-12-01', '')), 'YYYY'],
    ['an impossible date', (lines: string[]) => lines.map((line) => line.replace('2026-12-01', '2026-02-30')), 'date'],
    ['releases oldest first', (lines: string[]) => lines.map((line) => line.replace('[1.1.0]', '[0.9.0]')), 'newest'],
    ['a version twice', (lines: string[]) => lines.map((line) => line.replace('[1.1.0]', '[1.0.0]')), 'twice'],
  ])('reports %s', (_name, change, message) => {
    const { problems } = checkChangelog(change(valid).join('\n'), '1.1.0');
    expect(problems.join('\n')).toContain(message);
  });

  it('reports a package.json version older than the newest release', () => {
    expect(checkChangelog(valid.join('\n'), '1.0.5').problems.join()).toContain('older than the newest release');
  });
});

describe('tarball contents', () => {
  it('accepts dist/, README, CHANGELOG, LICENSE and package.json', () => {
    expect(checkPackContents(GOOD, pkg)).toEqual([]);
  });

  it.each([
    ['a source map', 'dist/chunk-ABC123.js.map', 'source map'],
    ['a test', 'test/core/agent.test.ts', 'test file'],
    ['a test inside dist', 'dist/core/agent.test.js', 'test file'],
    ['a snapshot', 'dist/__snapshots__/x.snap', 'test file'],
    ['a fixture', 'test/fixtures/demo/clip.mp4', 'test file'],
    ['a fixture elsewhere', 'fixtures/openai/videos-create-json.1.json', 'fixture'],
    ['a source file', 'src/index.ts', 'unexpected file'],
    ['a script', 'scripts/release.mjs', 'unexpected file'],
    ['a CI file', '.ci/run', 'unexpected file'],
  ])('refuses %s', (_name, file, message) => {
    expect(checkPackContents([...GOOD, file], pkg)).toEqual([expect.stringContaining(message)]);
  });

  it.each([
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    'package.json',
    'dist/index.js',
    'dist/providers/lalal/index.d.ts',
    'dist/cli/index.js',
  ])('requires %s', (file) => {
    expect(GOOD).toContain(file);
    expect(
      checkPackContents(
        GOOD.filter((name) => name !== file),
        pkg,
      ),
    ).toEqual([`missing ${file}`]);
  });

  it('the package ships no fixture: neither the built CLI nor any library source reads one', () => {
    // The demo runs from a clone (examples/demo.ts reads test/fixtures/demo/); `dave --offline` is the echo model.
    expect(SHIPPED_FIXTURES).toEqual([]);
    expect(readFileSync('examples/demo.ts', 'utf8')).toContain('../test/fixtures/demo/');
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sources(join(dir, entry.name)) : [join(dir, entry.name)],
      );
    const readers = sources('src')
      .filter((file) => !file.startsWith(join('src', 'testing')))
      .filter((file) => /fixtures\//.test(readFileSync(file, 'utf8')));
    expect(readers).toEqual([]);
  });

  it('npm packs what package.json `files` allows: source maps, tests and fixtures stay out', async () => {
    // A copy of the package with a dist/ of stand-ins for every declared file, plus what must not ship.
    for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'])
      await copyFile(file, join(tmp.path, file));
    const stray = [
      'dist/chunk-ABC123.js',
      'dist/chunk-ABC123.js.map',
      'dist/index.js.map',
      'test/release/release.test.ts',
      'test/fixtures/demo/clip.mp4',
      'src/index.ts',
      'examples/demo.ts',
      'tsup.config.ts',
    ];
    for (const file of [...declared(), ...stray]) {
      await mkdir(dirname(join(tmp.path, file)), { recursive: true });
      await writeFile(join(tmp.path, file), 'export {};\n');
    }
    const files = npmPack(tmp.path);
    expect(checkPackContents(files, pkg)).toEqual([]);
    expect(files).toContain('dist/chunk-ABC123.js');
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
  }, 30_000);

  it.skipIf(!existsSync('dist/index.js'))(
    'the built package packs as expected (after npm run build)',
    () => {
      expect(checkPackContents(npmPack('.'), pkg)).toEqual([]);
    },
    30_000,
  );
});

describe('publishing with provenance', () => {
  const GITHUB = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://ci.invalid/token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' };

  it('knows the CI identities npm can sign provenance with', () => {
    expect(provenanceIdentity(GITHUB)).toBe('GitHub Actions');
    expect(provenanceIdentity({ GITLAB_CI: 'true', SIGSTORE_ID_TOKEN: 'jwt' })).toBe('GitLab CI');
    expect(provenanceIdentity({ ACTIONS_ID_TOKEN_REQUEST_URL: 'https://ci.invalid/token' })).toBeUndefined();
    expect(provenanceIdentity({ GITLAB_CI: 'true' })).toBeUndefined();
    expect(provenanceIdentity({ CI: 'true' })).toBeUndefined();
  });

  it('publishes with --provenance, a prerelease under next, a dry run as the same command plus --dry-run', () => {
    const release = publishArgs('1.2.3', { dryRun: false });
    expect(release).toEqual([
      'publish',
      '--provenance',
      '--access',
      'public',
      '--tag',
      'latest',
      '--ignore-scripts',
      '--json',
    ]);
    expect(publishArgs('1.2.3', { dryRun: true })).toEqual([...release, '--dry-run']);
    expect(publishArgs('2.0.0-rc.1', { dryRun: false })).toContain('next');
    expect(publishArgs('1.2.3', { dryRun: false, tag: 'legacy' })).toContain('legacy');
  });

  it('reads its command line and refuses unknown arguments', () => {
    expect(parseArgs(['--dry-run', '--no-build', '--tag', 'next'])).toEqual({
      dryRun: true,
      build: false,
      tag: 'next',
    });
    expect(() => parseArgs(['--publish'])).toThrow('unknown argument --publish');
    expect(() => parseArgs(['--tag'])).toThrow('unknown argument --tag');
  });

  it('a release without a CI identity token is refused before anything is built or sent', () => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !/^(ACTIONS_ID_TOKEN_|SIGSTORE_ID_TOKEN$|GITLAB_CI$)/.test(key)) env[key] = value;
    }
    // Belt and braces: were anything sent, it would go to a closed port, not to the registry.
    env.npm_config_registry = 'http://127.0.0.1:9/';
    const result = spawnSync(process.execPath, ['scripts/release.mjs'], { env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refused: no CI identity token for provenance');
    expect(result.stdout).not.toContain('npm publish');
    expect(result.stdout).not.toContain('npm run build');
  });
});
