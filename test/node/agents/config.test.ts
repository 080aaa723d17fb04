import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../../../src/node/agents/index.js';

function configFile(content: string): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'dave-config-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, content);
  return { dir, env: { HELLO_DAVE_CONFIG: file } };
}

describe('resolveConfig', () => {
  it('takes the file, then the environment, then options, and names where each value came from', () => {
    const { dir, env } = configFile(
      JSON.stringify({
        provider: 'anthropic',
        model: 'claude-opus-5',
        maxTurns: 4,
        outputDir: 'out',
        mediaBudget: { maxJobs: 2 },
      }),
    );
    const { values, sources, file } = resolveConfig({
      env: { ...env, HELLO_DAVE_MODEL: 'claude-haiku-4-5' },
      cwd: '/somewhere',
      overrides: { maxTurns: 7 },
    });
    expect(file).toBe(join(dir, 'config.json'));
    expect(values).toMatchObject({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      maxTurns: 7,
      outputDir: join(dir, 'out'),
      mediaBudget: { maxJobs: 2 },
    });
    expect(sources).toMatchObject({
      provider: `file ${file}`,
      model: 'env HELLO_DAVE_MODEL',
      maxTurns: 'option',
      outputDir: `file ${file}`,
      sessionsDir: 'default',
    });
  });

  it('without a file, uses the defaults', () => {
    const { values, sources } = resolveConfig({ env: { HELLO_DAVE_CONFIG: '/nonexistent/config.json' }, cwd: '/w' });
    expect(values.provider).toBe('openai');
    expect(values.outputDir).toBe('/w');
    expect(values.maxTurns).toBe(10);
    expect(sources.provider).toBe('default');
  });

  it.each([
    ['{"provder": "openai"}', 'provder', 'is not a setting'],
    ['{"maxTurns": 0}', 'maxTurns', 'whole number'],
    ['{"mediaBudget": {"maxJobs": "two"}}', 'mediaBudget.maxJobs', 'whole number'],
    ['{"mediaBudget": {"jobs": 2}}', 'mediaBudget.jobs', 'is not a setting'],
    ['{"provider": ""}', 'provider', 'non-empty string'],
    ['{ not json', '(file)', 'not valid JSON'],
  ])('rejects %s naming the key', (content, key, problem) => {
    const { env } = configFile(content);
    let error: unknown;
    try {
      resolveConfig({ env });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).key).toBe(key);
    expect((error as Error).message).toContain(`"${key}"`);
    expect((error as Error).message).toContain(problem);
    expect((error as Error).message).toContain(env.HELLO_DAVE_CONFIG);
  });

  it('names the environment variable when an override is not allowed', () => {
    expect(() => resolveConfig({ env: { HELLO_DAVE_CONFIG: '/none', HELLO_DAVE_MAX_TURNS: 'lots' } })).toThrow(
      /env HELLO_DAVE_MAX_TURNS: "maxTurns" must be a whole number/,
    );
  });
});
