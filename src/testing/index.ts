/**
 * `hello-dave/testing`: fixture replay (msw handlers that check what your code sends), record mode (a fetch
 * wrapper that writes redacted fixtures), and test doubles. msw is an optional peer dependency used here only.
 * @module
 */

export * from './fake-chat-model.js';
export {
  type Fixture,
  type FixtureFormFile,
  type FixtureFormValue,
  type FixtureRequest,
  type FixtureRequestBody,
  type FixtureResponse,
  type FixtureResponseBody,
  type FixtureSseEvent,
  fixtureSchema,
  parseFixture,
  REDACTED,
} from './fixture.js';
export { loadFixture, loadFixtureSequence } from './load.js';
export type { CapturedBody, CapturedFormValue, CapturedRequest } from './match.js';
export {
  createRecordingFetch,
  isSecretHeader,
  isSecretQueryName,
  type RecordedExchange,
  type RecordingFetch,
  type RecordingOptions,
  redactCredential,
} from './record.js';
export {
  FIXTURE_BASE_URL,
  type FixtureReplay,
  type FixtureServer,
  type FixtureSource,
  type ReplayOptions,
  replayFixtures,
  useFixtures,
} from './replay.js';
