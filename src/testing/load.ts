/**
 * Loading fixtures from disk. `node:fs/promises` is imported lazily on these code paths only, so the module stays
 * portable (Bun and Deno provide `node:fs`).
 * @module
 */
import { HelloDaveError } from '../common/errors.js';
import { type Fixture, parseFixture, setFixtureFile } from './fixture.js';

type FileSystem = typeof import('node:fs/promises');

async function fileSystem(): Promise<FileSystem> {
  return import('node:fs/promises');
}

function pathText(file: string | URL): string {
  return typeof file === 'string' ? file : decodeURIComponent(file.pathname);
}

/** The folder part of a path (`a/b/c.json` → `a/b`); `.` when there is none. */
function parentOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  if (cut < 0) return '.';
  return cut === 0 ? file.slice(0, 1) : file.slice(0, cut);
}

function baseNameOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return file.slice(cut + 1);
}

/** A file beside `fixtureFile`. */
function sibling(fixtureFile: string | URL, name: string): string | URL {
  if (typeof fixtureFile !== 'string') return new URL(name, fixtureFile);
  return `${parentOf(fixtureFile)}/${name}`;
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/**
 * Reads, parses and validates one fixture file; a binary body's sibling file (`"file": "x.bin"`) is read
 * relative to the fixture file into `body.bytes`. Relative paths resolve against the working directory.
 * @example
 * const fixture = await loadFixture('test/fixtures/openai/videos-create-ok.1.json');
 */
export async function loadFixture(file: string | URL): Promise<Fixture> {
  const fs = await fileSystem();
  const name = pathText(file);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new HelloDaveError(`Cannot read fixture ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HelloDaveError(
      `Fixture ${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const fixture = parseFixture(value, name);
  const body = fixture.response.body;
  if (body && 'file' in body) {
    const path = sibling(file, body.file);
    try {
      const buffer = await fs.readFile(path);
      body.bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      throw new HelloDaveError(
        `Fixture ${name}: response.body.file "${body.file}" cannot be read (${pathText(path)}): ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
  setFixtureFile(fixture, name);
  return fixture;
}

/**
 * Loads a sequence `<prefix>.1.json`, `<prefix>.2.json`, … in order (the numbers must run from 1 without gaps).
 * Given a directory instead, loads every `<name>.<n>.json` in it, ordered by name, then n. A path ending in
 * `.json` loads that one file.
 * @example
 * const polls = await loadFixtureSequence('test/fixtures/openai/videos-retrieve-progress');
 */
export async function loadFixtureSequence(dirOrPrefix: string | URL): Promise<Fixture[]> {
  const name = pathText(dirOrPrefix);
  if (name.endsWith('.json')) return [await loadFixture(dirOrPrefix)];
  const fs = await fileSystem();

  const isDirectory = await fs.stat(dirOrPrefix).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  const directory: string | URL = isDirectory
    ? dirOrPrefix
    : typeof dirOrPrefix === 'string'
      ? parentOf(dirOrPrefix)
      : new URL('.', dirOrPrefix);
  const wantedBase = isDirectory ? undefined : baseNameOf(name);

  let entries: string[];
  try {
    entries = await fs.readdir(directory);
  } catch (error) {
    if (isMissing(error))
      throw new HelloDaveError(`No fixtures found for ${name}: ${pathText(directory)} does not exist`);
    throw error;
  }

  const found: { base: string; n: number; file: string }[] = [];
  for (const entry of entries) {
    const match = /^(.+)\.(\d+)\.json$/.exec(entry);
    if (!match?.[1] || !match[2]) continue;
    if (wantedBase !== undefined && match[1] !== wantedBase) continue;
    found.push({ base: match[1], n: Number(match[2]), file: entry });
  }
  if (found.length === 0) {
    throw new HelloDaveError(
      isDirectory
        ? `No fixtures (<name>.<n>.json) found in ${name}`
        : `No fixtures found for ${name} (looked for ${name}.1.json, ${name}.2.json, …)`,
    );
  }
  found.sort((a, b) => (a.base === b.base ? a.n - b.n : a.base < b.base ? -1 : 1));

  let previous: { base: string; n: number } | undefined;
  for (const item of found) {
    const expected = previous?.base === item.base ? previous.n + 1 : 1;
    if (item.n !== expected) {
      throw new HelloDaveError(
        `Fixture sequence ${item.base} has a gap: found .${item.n}.json but not .${expected}.json`,
      );
    }
    previous = item;
  }

  const fixtures: Fixture[] = [];
  for (const item of found) {
    const file: string | URL =
      typeof directory === 'string'
        ? `${directory.replace(/[/\\]+$/, '')}/${item.file}`
        : new URL(item.file, directory.href.endsWith('/') ? directory : `${directory.href}/`);
    fixtures.push(await loadFixture(file));
  }
  return fixtures;
}
