// Ours without the fsync before the rename (`fsync: false`): shows what the durability guarantee costs.
import { download } from '../../dist/http/index.js';
import { measure } from './common.mjs';

await measure('ours-no-fsync', async (url, path) => {
  await download(url, { to: path, fsync: false });
});
