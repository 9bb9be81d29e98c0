// Build step: every route's request validators and response serializers compiled once, as standalone code, into
// dist/compiled-schemas/ (src/plugins/app/schema-compilers.ts): the service loads them instead of compiling them on
// its first requests. The app is built as the service builds it, on a throwaway database, and never listens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../dist/app.js';
import { loadConfig } from '../dist/config.js';
import { COMPILED_SCHEMAS_DIR, writingSchemaCompilers } from '../dist/plugins/app/schema-compilers.js';
import { REPRESENTATIONS } from '../dist/schemas/representations.js';

rmSync(COMPILED_SCHEMAS_DIR, { recursive: true, force: true });
const scratch = mkdtempSync(join(tmpdir(), 'gzd-compile-schemas-'));
try {
  const config = loadConfig({
    DATABASE_PATH: join(scratch, 'build.db'),
    SECRET_KEY: 'compile-schemas-build-only-key-0123456789',
    REMINDERS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
  });
  const { compilers, alsoSerialize, written } = writingSchemaCompilers(COMPILED_SCHEMAS_DIR);
  const app = await buildApp({ config }, { schemaController: { compilersFactory: compilers } });
  alsoSerialize(Object.values(REPRESENTATIONS));
  await app.close();
  console.log(`dist/compiled-schemas: ${written()} validators and serializers compiled`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
