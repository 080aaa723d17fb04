// Ours: hello-dave's download() from the built package (temporary file, fsync, rename, idle timeout).
import { download } from '../../dist/http/index.js';
import { measure } from './common.mjs';

await measure('ours', async (url, path) => {
  await download(url, { to: path });
});
