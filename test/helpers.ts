/**
 * Small helpers shared by the unit tests (not a test file: vitest runs only `*.test.ts`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { CapturedRequest } from '../src/testing/index.js';

/** Awaits a promise that must reject and returns what it rejected with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

/** Resolves to 'pending' unless `promise` settles within a few macrotask turns. */
export async function settlesSoon<T>(promise: Promise<T>): Promise<'settled' | 'pending'> {
  const turns = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 30));
  return Promise.race([promise.then(() => 'settled' as const), turns]);
}

/** The JSON body of the n-th captured request. */
export function sent(
  requests: readonly CapturedRequest[],
  index: number,
): { messages: unknown[]; [key: string]: unknown } {
  const body = requests[index]?.body;
  if (!body || !('json' in body)) throw new Error(`request ${index} has no JSON body`);
  return body.json as { messages: unknown[]; [key: string]: unknown };
}

/**
 * A fresh temporary folder for every test of the calling file or `describe` block: made in `beforeEach` under the
 * OS temp folder (`prefix` + random letters), removed with its contents in `afterEach`. Read `.path` inside a test.
 */
export function useTempDir(prefix: string): { readonly path: string } {
  let path: string | undefined;
  beforeEach(async () => {
    path = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    if (path !== undefined) await rm(path, { recursive: true, force: true });
    path = undefined;
  });
  return {
    get path(): string {
      if (path === undefined) throw new Error('useTempDir: the folder exists only while a test runs');
      return path;
    },
  };
}
