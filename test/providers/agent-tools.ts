/**
 * Tools shared by the Agent-over-fixtures tests of each provider (not a test file: vitest runs only `*.test.ts`).
 * The recorded fixtures expect exactly these names, descriptions and schemas.
 */
import * as z from 'zod/mini';
import { defineTool } from '../../src/core/tools/define-tool.js';

/** What {@link weather} answers per city. */
export const WEATHER: Record<string, string> = { Paris: '18°C, cloudy', London: '15°C, rain' };

/** `get_weather`: answers from {@link WEATHER} (`unknown` otherwise); throws for Oslo. */
export const weather = defineTool({
  name: 'get_weather',
  description: 'Current weather for a city',
  input: z.object({ city: z.string() }),
  run: ({ city }) => {
    if (city === 'Oslo') throw new Error('weather service down');
    return WEATHER[city] ?? 'unknown';
  },
});

/** `delete_file`: needs approval, then says what it deleted. */
export const deleteFile = defineTool({
  name: 'delete_file',
  description: 'Deletes a file',
  input: z.object({ path: z.string() }),
  needsApproval: true,
  run: ({ path }) => `deleted ${path}`,
});
