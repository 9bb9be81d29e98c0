import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/database.js';
import { DatabaseGeneration } from '../../src/store/generation.js';
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

// One reader, as the key store keeps: its prepared statements must see every later change too.
let reader: DatabaseGeneration;
const generation = () => (reader ??= new DatabaseGeneration(db)).current();

describe('database generation', () => {
  it('stays while nothing is written', () => {
    expect(generation()).toBe(generation());
  });

  it('moves with a write of this connection', () => {
    const before = generation();
    db.prepare(
      "INSERT INTO api_keys (id, name, key_hash, admin, created_at) VALUES ('a', 'a', 'h-a', 0, '2026-01-01')",
    ).run();
    expect(generation()).not.toBe(before);
  });

  it('moves with a commit of another connection (another process)', () => {
    const before = generation();
    other.prepare("UPDATE api_keys SET revoked_at = '2026-01-02' WHERE id = 'a'").run();
    expect(generation()).not.toBe(before);
  });

  it('moves with a write of this connection that was rolled back', () => {
    const before = generation();
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE api_keys SET name = 'b' WHERE id = 'a'").run();
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(generation()).not.toBe(before);
  });
});
