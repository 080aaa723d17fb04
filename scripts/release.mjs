#!/usr/bin/env node
/**
 * Publishes hello-dave to the npm registry, with provenance, from a CI job that has an OIDC identity token.
 * docs/release.md is the guide; `.ci/run` runs `node scripts/release.mjs --dry-run --no-build` on every build.
 *
 *   node scripts/release.mjs --dry-run   # everything but the upload: checks, then `npm publish … --dry-run`
 *   node scripts/release.mjs             # the release (CI only: refuses without an identity token)
 *
 * Options: `--dry-run`; `--no-build` (dist/ is fresh already: CI just ran `npm test`); `--tag <dist-tag>` (default
 * `latest`, `next` for a prerelease version).
 *
 * Steps, each of which stops the script with exit code 1 and the reason:
 * 1. The version in package.json is a semantic version (https://semver.org, 2.0.0).
 * 2. CHANGELOG.md is in Keep a Changelog form (1.1.0): `# Changelog`, `## [Unreleased]` first, then
 *    `## [X.Y.Z] - YYYY-MM-DD` releases, newest first, each with only the standard change types (Added, Changed,
 *    Deprecated, Removed, Fixed, Security), each at most once. A release needs a section for its version (a dry
 *    run only reports its absence: between releases the version has none yet).
 * 3. A release needs a clean work tree whose HEAD carries the tag `vX.Y.Z`, and a CI identity token for provenance
 *    (GitHub Actions: `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, with the job's
 *    `permissions: id-token: write`; GitLab CI: `SIGSTORE_ID_TOKEN`). Without one it refuses: a hello-dave release
 *    is never published from a laptop. A dry run reports what a release would still need.
 * 4. `npm run build` (unless `--no-build`), then `npm pack --dry-run --json --ignore-scripts`: the tarball must hold
 *    package.json, README.md, CHANGELOG.md, LICENSE, every file package.json `exports` and `bin` name, and
 *    otherwise only dist/ JavaScript and declarations — no source map, no test, no fixture, no source.
 * 5. `npm publish --provenance --access public --tag <tag> --ignore-scripts` (dist/ was built in step 4, so what
 *    was checked is what is uploaded), with `--dry-run` in a dry run; the file list npm reports is checked again.
 *
 * The checks are exported for test/release/release.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Fixtures the package ships. None: the demo (`npm run demo`, examples/demo.ts) runs from a clone of the
 * repository and reads test/fixtures/demo/ there, and `dave --offline` answers with the echo model, which reads no
 * file. Anything under a `fixtures` folder in the tarball is refused unless listed here (and a test checks that
 * no built file names a fixture).
 */
export const SHIPPED_FIXTURES = Object.freeze([]);

/** The change types of Keep a Changelog 1.1.0, in its order. */
export const CHANGE_TYPES = Object.freeze(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']);

// https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** `{ major, minor, patch, prerelease }` of a semantic version, or undefined. */
export function parseSemver(version) {
  const match = typeof version === 'string' ? SEMVER.exec(version) : null;
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] === undefined ? [] : match[4].split('.'),
  };
}

/** Semantic-version precedence: negative, zero or positive (build metadata ignored). */
export function compareSemver(a, b) {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) throw new Error(`not a semantic version: ${x ? b : a}`);
  for (const key of ['major', 'minor', 'patch']) if (x[key] !== y[key]) return x[key] - y[key];
  if (x.prerelease.length === 0 || y.prerelease.length === 0) return y.prerelease.length - x.prerelease.length;
  for (let index = 0; index < Math.max(x.prerelease.length, y.prerelease.length); index += 1) {
    const p = x.prerelease[index];
    const q = y.prerelease[index];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/**
 * Checks a CHANGELOG against Keep a Changelog and finds the section of `version`.
 * @returns `{ problems, releases: [{ version, date }], section }`; `section` is the release of `version`, if any.
 */
export function checkChangelog(text, version) {
  const problems = [];
  const lines = text.split(/\r?\n/);
  if (lines[0] !== '# Changelog') problems.push('the first line must be "# Changelog"');
  const headings = [];
  lines.forEach((line, index) => {
    if (line.startsWith('## ')) headings.push({ line: index + 1, text: line.slice(3), types: [] });
    else if (line.startsWith('### ')) {
      const current = headings.at(-1);
      if (current) current.types.push({ line: index + 1, name: line.slice(4) });
      else problems.push(`line ${index + 1}: "${line}" comes before any version`);
    }
  });
  if (headings[0]?.text !== '[Unreleased]') problems.push('the first section must be "## [Unreleased]"');
  const releases = [];
  for (const heading of headings) {
    if (heading.text !== '[Unreleased]') {
      const match = /^\[([^\]]+)\] - (\d{4}-\d{2}-\d{2})(?: \[YANKED\])?$/.exec(heading.text);
      if (!match || !parseSemver(match[1])) {
        problems.push(`line ${heading.line}: "## ${heading.text}" is not "## [X.Y.Z] - YYYY-MM-DD"`);
        continue;
      }
      const date = new Date(`${match[2]}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== match[2])
        problems.push(`line ${heading.line}: ${match[2]} is not a date`);
      if (releases.some((release) => release.version === match[1]))
        problems.push(`line ${heading.line}: ${match[1]} appears twice`);
      const previous = releases.at(-1);
      if (previous && compareSemver(previous.version, match[1]) <= 0)
        problems.push(`line ${heading.line}: ${match[1]} comes after ${previous.version} (newest first)`);
      releases.push({ version: match[1], date: match[2], line: heading.line });
    }
    const seen = new Set();
    for (const type of heading.types) {
      if (!CHANGE_TYPES.includes(type.name))
        problems.push(`line ${type.line}: "### ${type.name}" is not one of ${CHANGE_TYPES.join(', ')}`);
      if (seen.has(type.name)) problems.push(`line ${type.line}: "### ${type.name}" twice in "## ${heading.text}"`);
      seen.add(type.name);
    }
  }
  const newest = releases[0];
  if (newest && parseSemver(version) && compareSemver(version, newest.version) < 0)
    problems.push(`package.json ${version} is older than the newest release in the CHANGELOG (${newest.version})`);
  return { problems, releases, section: releases.find((release) => release.version === version) };
}

/** Files package.json says the package must hold (exports and bin targets), without `./`. */
function declaredFiles(pkg) {
  const files = new Set(['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']);
  const add = (target) => {
    if (typeof target === 'string') files.add(target.replace(/^\.\//, ''));
    else if (target && typeof target === 'object') for (const value of Object.values(target)) add(value);
  };
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) if (subpath !== './package.json') add(target);
  add(pkg.bin);
  return files;
}

/**
 * What is wrong with a tarball's file list (`npm pack --json` paths): a required file missing, a source map, a
 * test, a fixture the package does not ship, or anything else outside dist/ JavaScript and declarations.
 */
export function checkPackContents(files, pkg) {
  const problems = [];
  const present = new Set(files);
  for (const file of declaredFiles(pkg)) if (!present.has(file)) problems.push(`missing ${file}`);
  const allowed = new Set([...declaredFiles(pkg), ...SHIPPED_FIXTURES]);
  for (const file of files) {
    if (allowed.has(file)) continue;
    if (/\.map$/.test(file)) problems.push(`source map ${file}`);
    else if (/(^|\/)(tests?|__tests__|__snapshots__)\//.test(file) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(file))
      problems.push(`test file ${file}`);
    else if (/(^|\/)fixtures?\//.test(file)) problems.push(`fixture not shipped on purpose ${file}`);
    else if (!/^dist\/.+\.(js|d\.ts)$/.test(file)) problems.push(`unexpected file ${file}`);
  }
  return problems;
}

/** The CI identity that can sign provenance, from the environment, or undefined. */
export function provenanceIdentity(env) {
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) return 'GitHub Actions';
  if (env.GITLAB_CI && env.SIGSTORE_ID_TOKEN) return 'GitLab CI';
  return undefined;
}

/** The `npm publish` arguments of a release of `version`. */
export function publishArgs(version, { tag, dryRun }) {
  const distTag = tag ?? (parseSemver(version)?.prerelease.length ? 'next' : 'latest');
  const args = ['publish', '--provenance', '--access', 'public', '--tag', distTag, '--ignore-scripts', '--json'];
  if (dryRun) args.push('--dry-run');
  return args;
}

/** Parses the command line: `{ dryRun, build, tag }`. */
export function parseArgs(argv) {
  const options = { dryRun: false, build: true, tag: undefined };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--tag' && argv[index + 1] && !argv[index + 1].startsWith('-')) options.tag = argv[++index];
    else throw new Error(`unknown argument ${arg} (use --dry-run, --no-build, --tag <dist-tag>)`);
  }
  return options;
}

/** The tarball's file list, from npm's JSON (the object of `npm pack --json`, or of `npm publish --json`). */
export function tarballFiles(json) {
  const parsed = JSON.parse(json);
  const entry = Array.isArray(parsed) ? parsed[0] : (parsed[Object.keys(parsed)[0]] ?? parsed);
  if (!entry || !Array.isArray(entry.files)) throw new Error('npm reported no file list');
  return entry.files.map((file) => file.path);
}

function npm(args, options = {}) {
  const result = spawnSync('npm', args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    ...options,
  });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  return result.stdout;
}

function git(args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

/** Runs a release (or its dry run); returns the exit code. */
export async function main(argv = process.argv.slice(2), env = process.env) {
  const say = (line) => console.log(`release: ${line}`);
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`release: ${error.message}`);
    return 2;
  }
  const refusals = [];
  const notes = [];
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const version = pkg.version;
  if (!parseSemver(version)) refusals.push(`package.json version ${JSON.stringify(version)} is not a semantic version`);

  const changelog = checkChangelog(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), version);
  refusals.push(...changelog.problems.map((problem) => `CHANGELOG.md: ${problem}`));
  if (!changelog.section) {
    const missing = `CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section (move the Unreleased entries there)`;
    (options.dryRun ? notes : refusals).push(missing);
  }

  const identity = provenanceIdentity(env);
  if (!identity) {
    const why =
      'no CI identity token for provenance (GitHub Actions with id-token: write, or GitLab CI with SIGSTORE_ID_TOKEN)';
    (options.dryRun ? notes : refusals).push(why);
  }
  let status = '';
  let tags = [];
  try {
    status = git(['status', '--porcelain', '--untracked-files=no']);
    tags = git(['tag', '--points-at', 'HEAD']).split('\n').filter(Boolean);
  } catch {
    (options.dryRun ? notes : refusals).push('not a git work tree');
  }
  if (status) (options.dryRun ? notes : refusals).push('the work tree has uncommitted changes');
  if (!tags.includes(`v${version}`)) (options.dryRun ? notes : refusals).push(`HEAD is not tagged v${version}`);

  if (refusals.length > 0) {
    for (const refusal of refusals) console.error(`release: refused: ${refusal}`);
    return 1;
  }

  if (options.build) {
    say('npm run build');
    npm(['run', 'build'], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const packed = tarballFiles(npm(['pack', '--dry-run', '--json', '--ignore-scripts']));
  const packProblems = checkPackContents(packed, pkg);
  if (packProblems.length > 0) {
    for (const problem of packProblems) console.error(`release: refused: tarball: ${problem}`);
    return 1;
  }
  say(`tarball: ${packed.length} files, contents as expected`);

  const args = publishArgs(version, { tag: options.tag, dryRun: options.dryRun });
  say(`npm ${args.join(' ')}${identity ? ` (identity: ${identity})` : ''}`);
  const published = tarballFiles(npm(args));
  const publishProblems = checkPackContents(published, pkg);
  if (publishProblems.length > 0 || published.length !== packed.length) {
    for (const problem of publishProblems) console.error(`release: npm publish: ${problem}`);
    if (published.length !== packed.length)
      console.error(`release: npm publish sent ${published.length} files, npm pack listed ${packed.length}`);
    return 1;
  }
  if (options.dryRun) {
    say(`dry run: hello-dave@${version} would publish ${published.length} files`);
    for (const note of notes) say(`a release would still need: ${note}`);
  } else {
    say(`published hello-dave@${version} with provenance from ${identity}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
