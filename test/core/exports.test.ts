import { describe, expect, it } from 'vitest';
import * as core from '../../src/index.js';
import * as node from '../../src/node/index.js';
import * as toolsets from '../../src/toolsets/index.js';

describe('public entry points', () => {
  it('the root entry exports the agent core, errors, jobs, validation and the HTTP pieces', () => {
    for (const name of [
      'Agent',
      'AgentStream',
      'RunState',
      'Prompt',
      'defineTool',
      'ToolSet',
      'MemorySessionStore',
      'restoreConversation',
      'transferTo',
      'MaxTurnsExceededError',
      'ToolDefinitionError',
      'StructuredOutputError',
      'HelloDaveError',
      'redactSecrets',
      'makeJobRef',
      'validateInput',
      'createHttpClient',
      'defaultClassifier',
      'parseRetryAfter',
      'toFormData',
      'parseSse',
      'pollJob',
      'download',
      'saveResponse',
    ]) {
      expect(core, name).toHaveProperty(name);
    }
    expect(node).toHaveProperty('FileSessionStore');
    expect(toolsets).toHaveProperty('handoff');
  });
});
