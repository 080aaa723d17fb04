import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../src/http/types.js';
import { ANTHROPIC_PROVIDER } from '../../src/providers/anthropic/client.js';
import { ELEVENLABS_PROVIDER } from '../../src/providers/elevenlabs/client.js';
import { LALAL_PROVIDER } from '../../src/providers/lalal/client.js';
import { MINIMAX_PROVIDER } from '../../src/providers/minimax/client.js';
import { MUREKA_PROVIDER } from '../../src/providers/mureka/client.js';
import { OPENAI_PROVIDER } from '../../src/providers/openai/client.js';
import { STABILITY_PROVIDER } from '../../src/providers/stability/client.js';
import { XAI_PROVIDER } from '../../src/providers/xai/client.js';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(
  readme.indexOf('## Providers'),
  readme.indexOf('\n## ', readme.indexOf('## Providers') + 1),
);
/** GitHub's anchors of the README's headings (`## Quick start` → `quick-start`). */
const anchors = [...readme.matchAll(/^#+ (.+)$/gm)].map((match) =>
  (match[1] as string).toLowerCase().replace(/\s+/g, '-'),
);
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, unknown> };

describe('README provider table', () => {
  it('links every cell to an example that exists (or to a README section)', () => {
    const links = [...section.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1] as string);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) {
      if (link.startsWith('#')) expect(anchors, link).toContain(link.slice(1));
      else expect(existsSync(link), link).toBe(true);
    }
  });

  it('has a row for every provider entry point', () => {
    const providers = Object.keys(pkg.exports).filter((key) => existsSync(`src/providers/${key.slice(2)}/index.ts`));
    for (const provider of providers) expect(section, provider).toContain(`(\`${provider.slice(2)}\`)`);
  });
});

describe('README base URL table', () => {
  const configs: ProviderConfig[] = [
    OPENAI_PROVIDER,
    ANTHROPIC_PROVIDER,
    XAI_PROVIDER,
    MINIMAX_PROVIDER,
    STABILITY_PROVIDER,
    MUREKA_PROVIDER,
    ELEVENLABS_PROVIDER,
    LALAL_PROVIDER,
  ];
  it.each(configs.map((config) => [config.provider, config] as const))(
    '%s: default, version path and variable as the code has them',
    (_name, config) => {
      const row = section.split('\n').find((line) => line.includes(`| \`${config.baseUrl}\` |`));
      expect(row, config.baseUrl).toBeDefined();
      const hasVersion = new URL(config.baseUrl).pathname.startsWith('/v1');
      expect(row).toContain(hasVersion ? '| yes' : '| no |');
      for (const name of config.baseUrlEnv ?? []) expect(row).toContain(`\`${name}\``);
    },
  );
});

describe('README order', () => {
  it('is commands, what you get, install, quick start, providers, hooks, performance, design notes', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((match) => match[1] as string);
    const wanted = ['What you get', 'Install', 'Quick start', 'Providers', 'Hooks', 'Performance', 'Design notes'];
    expect(headings.filter((heading) => wanted.includes(heading))).toEqual(wanted);
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('## What you get'));
  });
});
