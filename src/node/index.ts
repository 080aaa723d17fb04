/**
 * `hello-dave/node`: Node-only pieces: the file session store and the files, http, shell and publish toolsets.
 * @module
 */
export { fileDurationMs } from '../common/media-duration.js';
export {
  defaultSessionsDir,
  FileSession,
  FileSessionStore,
  type FileSessionStoreOptions,
  readSessionFile,
  repairSessionFile,
} from './file-session-store.js';
export { type SessionLock, SessionLockedError } from './session-lock.js';
export { type AddressAllowance, type AddressKind, addressKind } from './toolsets/address-policy.js';
export {
  type FilesReadResult,
  type FilesToolsetOptions,
  type FilesWriteOperation,
  filesToolset,
} from './toolsets/files.js';
export {
  type HttpFetchResult,
  type HttpResolver,
  type HttpToolsetOptions,
  httpToolset,
} from './toolsets/http.js';
export {
  localFolderBackend,
  type PublishBackend,
  type PublishResult,
  type PublishToolsetOptions,
  publishToolset,
  type ScpBackendOptions,
  scpBackend,
} from './toolsets/publish.js';
export {
  type ShellCommandOptions,
  type ShellRunResult,
  type ShellToolsetOptions,
  shellToolset,
} from './toolsets/shell.js';
