/**
 * Child process of agent-resume.test.ts: an agent whose model asks for `start_render` once, recorded in a file
 * session; the test kills it (SIGKILL) while the tool waits on the render server.
 * Usage: node --import tsx agent-resume-child.ts <dir> <sessionId> <origin>
 */
import { Agent } from '../../../src/core/agent/agent.js';
import { FileSessionStore } from '../../../src/node/file-session-store.js';
import { scriptedModel } from '../../../src/testing/fake-chat-model.js';
import { renderTools } from './agent-resume-tools.js';

const [dir, id, origin] = process.argv.slice(2);
if (!dir || !id || !origin) throw new Error('usage: agent-resume-child.ts <dir> <sessionId> <origin>');
const session = await new FileSessionStore({ dir }).create({ id });
const model = scriptedModel([{ toolCalls: [{ name: 'start_render', arguments: { prompt: 'a red kite at dusk' } }] }]);
await new Agent({ name: 'director', model, tools: renderTools(origin) }).run('Render a kite', { session });
