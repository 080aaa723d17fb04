/**
 * Bad input for every LALAL.AI request schema, through the client: see ./harness.ts.
 */
import {
  cleanVoice,
  cleanVoiceParamsSchema,
  createLalalClient,
  type LalalClient,
  removeMusic,
  removeMusicParamsSchema,
  splitMultistem,
  splitMultistemParamsSchema,
  splitStem,
  splitStemParamsSchema,
} from '../../src/providers/lalal/index.js';
import { describeEndpoints, type Endpoint } from './harness.js';

const SOURCE = '7f0c1a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const common = { splitter: 'andromeda', dereverb_enabled: true, encoder_format: 'wav' };

const endpoints: Endpoint<LalalClient>[] = [
  {
    name: 'splitStem (POST /api/v1/split/stem_separator/)',
    schema: splitStemParamsSchema,
    examples: [
      {
        source_id: SOURCE,
        presets: { ...common, stem: 'vocals', extraction_level: 'clear_cut', multivocal: 'lead_back' },
        idempotency_key: 'split-1',
      },
      { source_id: SOURCE, presets: { stem: 'wind', splitter: 'phoenix', encoder_format: null } },
    ],
    call: (client, params) => splitStem(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'multivocal with a stem other than vocals',
        set: { 'presets.stem': 'drum' },
        names: ['presets.multivocal'],
      },
      {
        kind: 'mutually exclusive',
        label: 'stem wind with splitter andromeda',
        example: 1,
        set: { 'presets.splitter': 'andromeda' },
        names: ['presets.splitter'],
      },
    ],
  },
  {
    name: 'splitMultistem (POST /api/v1/split/multistem/)',
    schema: splitMultistemParamsSchema,
    examples: [
      {
        source_id: SOURCE,
        presets: { ...common, stem_list: ['vocals', 'drum'], extraction_level: 'deep_extraction' },
        idempotency_key: 'multi-1',
      },
    ],
    call: (client, params) => splitMultistem(client, params),
  },
  {
    name: 'cleanVoice (POST /api/v1/split/voice_clean/)',
    schema: cleanVoiceParamsSchema,
    examples: [
      { source_id: SOURCE, presets: { ...common, stem: 'voice', noise_cancelling_level: 2 }, idempotency_key: 'v-1' },
    ],
    call: (client, params) => cleanVoice(client, params),
  },
  {
    name: 'removeMusic (POST /api/v1/split/demuser/)',
    schema: removeMusicParamsSchema,
    examples: [{ source_id: SOURCE, presets: { ...common, stem: 'music' }, idempotency_key: 'm-1' }],
    call: (client, params) => removeMusic(client, params),
  },
];

describeEndpoints(
  'LALAL.AI',
  (fetch) => createLalalClient({ apiKey: 'lalal-properties-test', maxRetries: 0, env: {}, fetch }),
  endpoints,
);
