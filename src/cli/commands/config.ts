/**
 * `dave config`: the effective settings and where each came from.
 * @module
 */
import { resolveConfig } from '../../node/agents/index.js';
import { EXIT } from '../errors.js';
import type { Parsed } from '../main.js';

/** Shows the effective config. */
export async function configCommand(parsed: Parsed): Promise<number> {
  const { values, sources, file } = resolveConfig();
  if (parsed.values.json === true) {
    process.stdout.write(`${JSON.stringify({ v: 1, type: 'config', file, values, sources })}\n`);
    return EXIT.ok;
  }
  process.stdout.write(`config file: ${file}\n`);
  for (const [key, source] of Object.entries(sources)) {
    const value = values[key as keyof typeof values];
    const shown = value === undefined ? '(not set)' : typeof value === 'string' ? value : JSON.stringify(value);
    process.stdout.write(`${key.padEnd(12)} ${shown.padEnd(40)} ${source}\n`);
  }
  return EXIT.ok;
}
