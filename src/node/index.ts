/**
 * `hello-dave/node`: Node-only pieces (the file session store; files, http, shell and publish toolsets).
 * @module
 */
export {
  defaultSessionsDir,
  FileSession,
  FileSessionStore,
  type FileSessionStoreOptions,
  readSessionFile,
  repairSessionFile,
} from './file-session-store.js';
