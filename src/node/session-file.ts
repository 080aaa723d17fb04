/**
 * One session file on disk, as bytes: its entries read line by line (streamed, never held whole, over-long lines
 * skipped unheld) and the repair of a torn last line. The store (`file-session-store.ts`) decides who may write.
 * Format: `docs/session-format.md`.
 * @module
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parseSessionEntry, type SessionEntry } from '../core/session/session.js';

/**
 * The longest line read, in bytes: the longest string a JavaScript engine holds (about 512 MiB), so every entry
 * this library can write reads. A longer line cannot be an entry; it is skipped without being held.
 */
export const MAX_SESSION_LINE_BYTES = 0x1fffffe8;

/**
 * The lines of a file, split on `\n` as raw bytes are read: a line is held only up to `maxBytes`; past that, the
 * rest of it is read and dropped, and the line is skipped (a string that long cannot even be made).
 */
async function* fileLines(path: string, maxBytes: number): AsyncGenerator<string> {
  const stream = createReadStream(path);
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  const take = (): string | undefined => {
    if (skipping) return undefined;
    try {
      return Buffer.concat(parts, size).toString('utf8');
    } catch {
      return undefined; // (a line that does not fit in a string)
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (;;) {
        const end = chunk.indexOf(0x0a, start);
        const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
        if (!skipping && piece.length > 0) {
          if (size + piece.length > maxBytes) {
            parts = [];
            size = 0;
            skipping = true;
          } else {
            parts.push(piece);
            size += piece.length;
          }
        }
        if (end === -1) break;
        const text = take();
        parts = [];
        size = 0;
        skipping = false;
        if (text !== undefined) yield text;
        start = end + 1;
      }
    }
    const last = take();
    if (last) yield last;
  } finally {
    stream.destroy();
  }
}

/**
 * The entries of a session file, one line at a time, as they are read: the file is streamed, never held whole, so
 * a session of any size reads (a string cannot hold more than about 512 MiB). A last line without its newline is
 * kept only when it is a whole entry (a torn write is skipped); lines that are not entries of a known version are
 * skipped too, and so is a line longer than `maxLineBytes` (default {@link MAX_SESSION_LINE_BYTES}), unheld. A missing file
 * has no entries.
 */
export async function* sessionFileEntries(
  path: string,
  maxLineBytes: number = MAX_SESSION_LINE_BYTES,
): AsyncGenerator<SessionEntry> {
  try {
    for await (const line of fileLines(path, maxLineBytes)) {
      const entry = parseLine(line);
      if (entry) yield entry;
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return;
    throw error;
  }
}

function parseLine(line: string): SessionEntry | undefined {
  if (!line.trim()) return undefined;
  try {
    return parseSessionEntry(JSON.parse(line));
  } catch {
    return undefined;
  }
}

/** Reads a session file: every entry, oldest first (streamed from the file, line by line). */
export async function readSessionFile(path: string, options: { maxLineBytes?: number } = {}): Promise<SessionEntry[]> {
  const entries: SessionEntry[] = [];
  for await (const entry of sessionFileEntries(path, options.maxLineBytes)) entries.push(entry);
  return entries;
}

/**
 * Makes a session file safe to append to: a torn last line (no newline, not a whole entry) is cut off; a
 * whole last entry that only lacks its newline gets one. Returns the number of bytes removed. Only the last line
 * is read (backwards from the end), whatever the file's size.
 */
export async function repairSessionFile(path: string, options: { maxLineBytes?: number } = {}): Promise<number> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r+');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return 0;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const tail = await lastLine(handle, size, options.maxLineBytes ?? MAX_SESSION_LINE_BYTES);
    if (tail === undefined) return 0;
    if (parseLine(tail.text) !== undefined) {
      await handle.write('\n', size);
      await handle.sync();
      return 0;
    }
    await handle.truncate(tail.start);
    await handle.sync();
    return size - tail.start;
  } finally {
    await handle.close();
  }
}

/**
 * The last line of a file when it lacks its newline (with where it starts); `undefined` when the file ends in one.
 * A last line longer than `maxBytes` is not read: its text is given as `''` (not an entry).
 */
async function lastLine(
  handle: Awaited<ReturnType<typeof open>>,
  size: number,
  maxBytes: number,
): Promise<{ start: number; text: string } | undefined> {
  const CHUNK = 64 * 1024;
  let chunks: Buffer[] = [];
  let kept = 0;
  let tooLong = false;
  const text = (): string => (tooLong ? '' : Buffer.concat(chunks).toString('utf8'));
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const chunk = Buffer.alloc(end - start);
    await handle.read(chunk, 0, chunk.length, start);
    if (end === size && chunk[chunk.length - 1] === 0x0a) return undefined;
    const newline = chunk.lastIndexOf(0x0a);
    const piece = newline >= 0 ? chunk.subarray(newline + 1) : chunk;
    kept += piece.length;
    if (kept > maxBytes) {
      tooLong = true;
      chunks = [];
    } else if (!tooLong) chunks.unshift(piece);
    if (newline >= 0) return { start: start + newline + 1, text: text() };
    end = start;
  }
  return size === 0 ? undefined : { start: 0, text: text() };
}
