import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSystemError } from '../../src/common/errors.js';
import { FileSessionStore } from '../../src/node/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hello-dave-fs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('session store file-system failures', () => {
  it('a taken id is a FileSystemError naming the file (EEXIST), and leaves no lock behind', async () => {
    const store = new FileSessionStore({ dir });
    await (await store.create({ id: 'taken' })).close();
    const error = await store.create({ id: 'taken' }).catch((caught: unknown) => caught);
    expect(FileSystemError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'EEXIST', operation: 'create', path: join(dir, 'taken.jsonl') });
    expect((error as Error).message).toContain(join(dir, 'taken.jsonl'));
    // The failed create gave its lock back: the session can be opened.
    await (await store.open('taken')).close();
  });

  it('a sessions folder that is a file is a FileSystemError naming it', async () => {
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    const store = new FileSessionStore({ dir: join(file, 'sessions') });
    const error = await store.create().catch((caught: unknown) => caught);
    expect(FileSystemError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ENOTDIR' });
    expect((error as Error).message).toContain(file);
  });
});
