// The one definition of how TypeScript types are made from the schema, used
// by `npm run gen:types` and by the drift test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';

// Relative to ui/, where npm scripts and Vitest run.
export const SCHEMA_FILE = join(process.cwd(), 'src/lib/bindings/schema.json');
export const TYPES_FILE = join(process.cwd(), 'src/lib/bindings/types.ts');

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
