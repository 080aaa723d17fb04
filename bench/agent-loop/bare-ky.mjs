/** Bare ky: the baseline's hand-written loop (raw-loop.mjs) with each body sent by `ky` alone (its defaults). */
import ky from 'ky';
import { baseUrl, measure } from './measure.mjs';
import { rawLoop } from './raw-loop.mjs';

const api = ky.create({ prefixUrl: baseUrl(), headers: { authorization: 'Bearer bench' } });

await measure(() => rawLoop((body) => api.post('responses', { json: body }).json()));
