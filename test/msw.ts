import { setupServer } from 'msw/node';

/** The one msw server of the unit tests: unhandled requests fail the test. Add handlers with `server.use`. */
export const server = setupServer();
