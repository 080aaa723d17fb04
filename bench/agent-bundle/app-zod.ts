// The floor: the app's own classic-zod schema, validated, with nothing else (every variant bundles this zod).
import * as z from 'zod';

const input = z.object({ text: z.string() });
console.log(input.parse({ text: 'hi' }), z.toJSONSchema(input));
