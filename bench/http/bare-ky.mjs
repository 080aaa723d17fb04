/** Bare ky: the same GET through `ky` alone (its defaults: retry, time limit, hooks), parsed with `.json()`. */
import ky from 'ky';
import { baseUrl, measure } from './measure.mjs';

const api = ky.create({ prefixUrl: `${baseUrl()}/v1` });
await measure(() => api.get('videos/video_123').json());
