import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissingApiKeyError } from '../../../src/index.js';
import {
  AgentDefinitionError,
  type DaveConfig,
  listAgents,
  loadAgent,
  loadAgentDefinition,
  resolveConfig,
  runAgent,
} from '../../../src/node/agents/index.js';
import { resolveAgentModel } from '../../../src/node/agents/loader.js';

const root = process.cwd();

function project(): { cwd: string; config: DaveConfig; write(path: string, text: string): string } {
  const cwd = mkdtempSync(join(tmpdir(), 'dave-agents-'));
  const userDir = join(cwd, 'user-agents');
  mkdirSync(join(cwd, 'agents'));
  mkdirSync(userDir);
  const config = { ...resolveConfig({ env: { HELLO_DAVE_CONFIG: '/none' }, cwd }).values, agentsDir: userDir };
  const write = (path: string, text: string) => {
    const file = join(cwd, path);
    writeFileSync(file, text);
    return file;
  };
  return { cwd, config, write };
}

async function failure(promise: Promise<unknown>): Promise<AgentDefinitionError> {
  try {
    await promise;
  } catch (error) {
    if (AgentDefinitionError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('agents by name', () => {
  it('finds ./agents first, then the user folder, then the catalog', async () => {
    const { cwd, config, write } = project();
    write('agents/echo.mjs', "export default { name: 'echo', description: 'my own echo', model: 'echo' };");
    write(
      'user-agents/helper.js',
      "export default { name: 'helper', description: 'from the user folder', model: 'echo' };",
    );
    const echo = await loadAgentDefinition('echo', { cwd, config });
    expect(echo).toMatchObject({ origin: 'project', definition: { description: 'my own echo' } });
    expect((await loadAgentDefinition('helper', { cwd, config })).origin).toBe('user');
    expect((await loadAgentDefinition('ask', { cwd, config })).origin).toBe('catalog');
    const listing = await listAgents({ cwd, config });
    expect(listing.filter((agent) => agent.name === 'echo')).toEqual([
      expect.objectContaining({ origin: 'project', description: 'my own echo' }),
    ]);
    expect(listing.map((agent) => agent.name)).toEqual(expect.arrayContaining(['helper', 'code', 'planner', 'claude']));
  });

  it('loads a TypeScript definition through tsx, importing defineAgent from the package', async () => {
    const { cwd, config, write } = project();
    write(
      'agents/typed.ts',
      [
        `import { defineAgent } from '${join(root, 'src/node/agents/index.ts')}';`,
        'const greeting: string = "typed";',
        "export default defineAgent({ name: 'typed', description: greeting, model: 'echo' });",
      ].join('\n'),
    );
    const agent = await loadAgent('typed', { cwd, config });
    expect(agent.name).toBe('typed');
    expect((await agent.run('through tsx')).text).toBe('through tsx');
  });

  it('loads a path', async () => {
    const { cwd, config, write } = project();
    const file = write('elsewhere.mjs', "export default { name: 'far', description: 'by path', model: 'echo' };");
    expect((await loadAgentDefinition('./elsewhere.mjs', { cwd, config })).file).toBe(file);
    expect((await loadAgentDefinition(file, { cwd, config })).definition.name).toBe('far');
  });

  it.each([
    ["export default { name: 'x' };", '"description" of x must be a non-empty string'],
    ["export default { name: 'x y', description: 'd' };", '"name" must be letters'],
    ["export default { name: 'x', description: 'd', toolsets: 'files' };", '"toolsets" of x must be a list'],
    ["export default { name: 'x', description: 'd', modle: 'echo' };", '"modle" is not a field'],
    ["export default { name: 'x', description: 'd', maxTurns: 0 };", '"maxTurns" of x must be a whole number'],
    ['export default 42;', 'the default export must be a agent definition'],
    ["export default { name: 'x', description: 'd' ", 'could not be loaded'],
    ['export const a = 1; export const b = 2;', 'has no default export'],
  ])('a broken definition (%s) names the file and the problem', async (text, problem) => {
    const { cwd, config, write } = project();
    const file = write('agents/broken.mjs', text);
    const error = await failure(loadAgentDefinition('broken', { cwd, config }));
    expect(error.message).toContain(file);
    expect(error.message).toContain(problem);
    const listed = (await listAgents({ cwd, config })).find((agent) => agent.name === 'broken');
    expect(listed?.problem).toContain(problem);
  });

  it('an unknown name lists the known ones', async () => {
    const { cwd, config } = project();
    const error = await failure(loadAgentDefinition('nobody', { cwd, config }));
    expect(error.message).toMatch(/No agent named "nobody"\. Known: echo, ask, code/);
  });

  it("toolsets by name: built in, the project's own, and an unknown one", async () => {
    const { cwd, config, write } = project();
    mkdirSync(join(cwd, 'toolsets'));
    write(
      'toolsets/clock.mjs',
      [
        `import { defineTool } from '${join(root, 'src/index.ts').replace(/\.ts$/, '.ts')}';`,
        "import * as z from 'zod/mini';",
        "export default { name: 'clock', description: 'time', tools: [defineTool({ name: 'now', description: 'now', input: z.object({}), run: () => 'noon' })] };",
      ].join('\n'),
    );
    write(
      'agents/timed.mjs',
      "export default { name: 'timed', description: 'd', model: 'echo', toolsets: ['files', 'clock'] };",
    );
    write('agents/lost.mjs', "export default { name: 'lost', description: 'd', model: 'echo', toolsets: ['nope'] };");
    const agent = await loadAgent('timed', { cwd, config });
    expect(agent.tools.specs().map((spec) => spec.name)).toEqual(expect.arrayContaining(['now', 'files_read']));
    expect((await agent.run('call now {}')).text).toBe('now: noon');
    const error = await failure(loadAgent('lost', { cwd, config }));
    expect(error.message).toMatch(/No toolset named "nope"\. Known: .*clock.*files/);
  });

  it('a media toolset without keys names the variables to set', async () => {
    const { cwd, config } = project();
    const error = await loadAgent('video', { cwd, config, env: {} }).catch((caught: unknown) => caught);
    expect(MissingApiKeyError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'video media', envVars: ['MINIMAX_API_KEY', 'XAI_API_KEY'] });
  });

  it('runAgent runs by name; offline swaps in the echo model', async () => {
    const { cwd, config } = project();
    expect((await runAgent('echo', 'hello', { cwd, config })).text).toBe('hello');
    const result = await runAgent('ask', 'no key needed', { cwd, config, offline: true });
    expect(result.text).toBe('no key needed');
  });

  it('model choice: options over the definition over the config; a new provider resets the model id', async () => {
    const config = {
      ...resolveConfig({ env: { HELLO_DAVE_CONFIG: '/none' } }).values,
      provider: 'openai',
      model: 'gpt-5.4',
    };
    const pick = async (definition: string | undefined, options: { model?: string; provider?: string }) => {
      const model = await resolveAgentModel(definition === undefined ? {} : { model: definition }, options, config);
      return `${model.provider}:${model.modelId}`;
    };
    expect(await pick(undefined, {})).toBe('openai:gpt-5.4');
    expect(await pick('anthropic', {})).toBe('anthropic:claude-sonnet-5');
    expect(await pick('anthropic', { model: 'claude-opus-5' })).toBe('anthropic:claude-opus-5');
    expect(await pick('anthropic', { provider: 'xai' })).toBe('xai:grok-4.7');
    expect(await pick(undefined, { model: 'xai:grok-4.5' })).toBe('xai:grok-4.5');
    await expect(pick(undefined, { provider: 'nobody' })).rejects.toThrow(/Unknown provider "nobody"/);
  });
});

describe('catalog agents that build on others', () => {
  it('workflow feeds each step the previous output', async () => {
    const { cwd, config } = project();
    const agent = await loadAgent('workflow', { cwd, config, offline: true });
    const steps = JSON.stringify({
      steps: [
        { agent: 'echo', task: 'one' },
        { agent: 'echo', task: 'two' },
      ],
    });
    const result = await agent.run(`call run_workflow ${steps}`);
    expect(result.text).toContain('"final":"two\\n\\nInput from the previous step:\\none"');
  });

  it('agent-creator checks the definition with the loader, then saves it where the loader finds it', async () => {
    const { cwd, config } = project();
    const agent = await loadAgent('agent-creator', { cwd, config, offline: true });
    const fields = {
      name: 'poet',
      description: 'Writes short poems.',
      instructions: 'Write a haiku.',
      model: 'echo',
      toolsets: ['files'],
    };
    const result = await agent.run(`call save_agent ${JSON.stringify(fields)}`, { onApproval: () => true });
    expect(result.text).toContain('dave --agent poet');
    expect(readFileSync(join(cwd, 'agents/poet.mjs'), 'utf8')).toContain('"description": "Writes short poems."');
    expect((await loadAgentDefinition('poet', { cwd, config })).definition).toMatchObject(fields);
    const bad = await agent.run(`call save_agent ${JSON.stringify({ ...fields, name: 'odd', toolsets: ['nope'] })}`, {
      onApproval: () => true,
    });
    expect(bad.text).toContain('Unknown toolsets: nope');
  });

  it('planner gets an ask tool for each helper agent', async () => {
    const { cwd, config } = project();
    const agent = await loadAgent('planner', { cwd, config, offline: true });
    expect(agent.tools.specs().map((spec) => spec.name)).toEqual(['ask_ask', 'ask_code']);
    const result = await agent.run('call ask_ask {"request":"relay this"}');
    expect(result.text).toContain('relay this');
  });
});
