import * as z from 'zod';
import { specSchema } from './schema.js';

/** The JSON Schema of what a user writes (input side: durations as strings, defaults shown). */
export function specJsonSchema(): object {
  return {
    ...z.toJSONSchema(specSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://svcforge.dev/schema/svcforge.schema.json',
    title: 'svcforge.yaml',
  };
}
