// tsc compiles the pages' code; their templates (.eta) and stylesheet are copied beside it into dist/web.
import { cpSync } from 'node:fs';

cpSync('src/web', 'dist/web', { recursive: true, filter: (path) => !path.endsWith('.ts') });
