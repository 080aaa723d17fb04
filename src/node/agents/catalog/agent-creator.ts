/**
 * The agent-creator agent: writes a new agent definition file (`./agents/NAME.mjs`) from a description. The file
 * is checked by the loader before it is saved, and saving asks the person first.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { defineTool } from '../../../core/tools/define-tool.js';
import { checkAgentDefinition, defineAgent } from '../define-agent.js';
import { importDefinition } from '../module-loader.js';
import { BUILTIN_TOOLSETS, listToolsetNames } from '../toolsets.js';

const saveInput = z.object({
  name: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)),
  description: z.string().check(z.minLength(1)),
  instructions: z.string().check(z.minLength(1)),
  model: z.optional(z.string()),
  toolsets: z.optional(z.array(z.string())),
});

/** The text of an agent definition module (plain data, so it loads without any import). */
export function agentModuleText(fields: z.infer<typeof saveInput>): string {
  const definition = {
    name: fields.name,
    description: fields.description,
    ...(fields.model ? { model: fields.model } : {}),
    instructions: fields.instructions,
    ...(fields.toolsets?.length ? { toolsets: fields.toolsets } : {}),
  };
  return `// Made by the agent-creator agent. Run it with: dave --agent ${fields.name}\nexport default ${JSON.stringify(definition, null, 2)};\n`;
}

export default defineAgent({
  name: 'agent-creator',
  description: 'Writes a new agent definition file (./agents/NAME.mjs) from your description.',
  instructions:
    'You design agents. From the description, choose a short name, a one-line description, clear instructions, ' +
    `and the toolsets it needs (built in: ${Object.keys(BUILTIN_TOOLSETS).join(', ')}). Leave model out unless the ` +
    'person names one ("provider:model"). Call save_agent once, then tell the person how to run it.',
  tools: (context) => [
    defineTool({
      name: 'save_agent',
      description: 'Checks and saves an agent definition as ./agents/NAME.mjs. Fails if the file exists.',
      input: saveInput,
      needsApproval: true,
      async run(fields) {
        const known = new Set([...Object.keys(BUILTIN_TOOLSETS), ...listToolsetNames(context.cwd)]);
        const unknown = (fields.toolsets ?? []).filter((name) => !known.has(name));
        if (unknown.length)
          throw new Error(`Unknown toolsets: ${unknown.join(', ')}. Known: ${[...known].join(', ')}.`);
        const dir = join(context.cwd, 'agents');
        const file = join(dir, `${fields.name}.mjs`);
        const draft = join(dir, `.${fields.name}.${process.pid}.draft.mjs`);
        await mkdir(dir, { recursive: true });
        await writeFile(draft, agentModuleText(fields), { flag: 'wx' });
        try {
          checkAgentDefinition(await importDefinition(draft), file);
          await writeFile(file, '', { flag: 'wx' });
          await rename(draft, file);
        } finally {
          await rm(draft, { force: true });
        }
        return { saved: file, run: `dave --agent ${fields.name}` };
      },
    }),
  ],
});
