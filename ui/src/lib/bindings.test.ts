import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module shared with `npm run gen:types`.
import { generate, TYPES_FILE } from '../../scripts/types-from-schema.mjs';

describe('generated bindings', () => {
  it('types.ts is what the committed schema generates (run `npm run gen:types` when this fails)', async () => {
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await generate());
  });
});
