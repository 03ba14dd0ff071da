// Generates src/lib/bindings/types.ts from the schema the Rust shell
// commits (src/lib/bindings/schema.json). The unit test bindings.test.ts
// runs the same generation and fails when the committed file differs.
import { writeFileSync } from 'node:fs';
import { generate, TYPES_FILE } from './types-from-schema.mjs';

writeFileSync(TYPES_FILE, await generate());
console.log(`wrote ${TYPES_FILE}`);
