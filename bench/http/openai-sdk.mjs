/** Anchor: the same request through the official `openai` SDK 7.57.0 (`client.videos.retrieve`). */
import OpenAI from 'openai';
import { baseUrl, measure } from './measure.mjs';

const client = new OpenAI({ apiKey: 'bench', baseURL: `${baseUrl()}/v1` });
await measure(() => client.videos.retrieve('video_123'));
