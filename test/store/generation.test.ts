import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/database.js';
import { GENERATION_COLUMNS, generationOf, type GenerationColumns } from '../../src/store/generation.js';
import { migrate } from '../../src/store/migrations.js';
import { removeTempDir, tempDir } from '../helper.js';

let dir: string;
let db: Db;
let other: Db;

beforeAll(() => {
  dir = tempDir();
  db = openDatabase(`${dir}/generation.db`);
  migrate(db);
  other = openDatabase(`${dir}/generation.db`);
});
afterAll(() => {
  other.close();
  db.close();
  removeTempDir(dir);
});

const generation = () => generationOf(db.prepare(`SELECT ${GENERATION_COLUMNS}`).get() as GenerationColumns);

describe('database generation', () => {
  it('stays while nothing is written', () => {
    expect(generation()).toBe(generation());
  });

  it('moves with a write of this connection', () => {
    const before = generation();
    db.prepare("INSERT INTO api_keys (id, name, key_hash, admin, created_at) VALUES ('a', 'a', 'h-a', 0, '2026-01-01')").run();
    expect(generation()).not.toBe(before);
  });

  it('moves with a commit of another connection (another process)', () => {
    const before = generation();
    other.prepare("UPDATE api_keys SET revoked_at = '2026-01-02' WHERE id = 'a'").run();
    expect(generation()).not.toBe(before);
  });
});
