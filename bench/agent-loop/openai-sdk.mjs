/** Anchor: the baseline's hand-written loop (raw-loop.mjs) with each body sent by the official `openai` SDK 7.57.0. */
import OpenAI from 'openai';
import { baseUrl, measure } from './measure.mjs';
import { rawLoop } from './raw-loop.mjs';

const client = new OpenAI({ apiKey: 'bench', baseURL: baseUrl() });

await measure(() => rawLoop((body) => client.responses.create(body)));
