// The one definition of how TypeScript types are made from the schema, used
// by `npm run gen:types` and by the drift test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

export const SCHEMA_FILE = fileURLToPath(new URL('../src/lib/bindings/schema.json', import.meta.url));
export const TYPES_FILE = fileURLToPath(new URL('../src/lib/bindings/types.ts', import.meta.url));

export async function generate() {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  return compile(schema, 'PledgeBindings', {
    bannerComment:
      '/* Generated from src/lib/bindings/schema.json by `npm run gen:types`; do not edit. */',
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
  });
}
