/**
 * `hello-dave/mureka`: Mureka songs, instrumentals, lyrics, song extension, stem separation and uploads, exact to
 * the API, with a media provider and a toolset.
 *
 * Endpoints beyond the official MCP server's (extend, stems, upload) rest on extracted API docs and third-party
 * clients; what could not be confirmed is marked unverified.
 * @see https://platform.mureka.ai/docs/
 * @module
 */
export * from './client.js';
export * from './download.js';
export * from './errors.js';
export * from './files.js';
export * from './lyrics.js';
export * from './provider.js';
export * from './songs.js';
export * from './stems.js';
export * from './tasks.js';
export * from './tools.js';
