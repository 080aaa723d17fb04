// Runs without msw: scripted models and fixture parsing work; replay says msw is needed.
import { parseFixture, replayFixtures, scriptedModel } from '../../../src/testing/index.js';

const model = scriptedModel([{ text: 'hello' }]);
const response = await model.generate({
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [],
});
const fixture = parseFixture({
  source: 'docs',
  notes: 'a hand-made example',
  request: { method: 'GET', path: '/v1/x' },
  response: { status: 200, body: { json: { ok: true } } },
});
let replay = 'ok';
try {
  await replayFixtures(fixture);
} catch (error) {
  replay = (error as Error).message;
}
console.log(JSON.stringify({ text: response.message.content, path: fixture.request.path, replay }));
