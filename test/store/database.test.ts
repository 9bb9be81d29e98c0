import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, unsyncedTransaction } from '../../src/store/database.js';
import { ROOT } from '../process.js';
import { removeTempDir, tempDir } from '../helper.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeTempDir(dir));

/** Why uid 1000 cannot load src/store/database.ts with tsx from the checkout, or undefined when it can. */
function unreadableFor1000(): string | undefined {
  const probe = spawnSync(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./src/store/database.ts').then(() => process.exit(0))`],
    { cwd: ROOT, uid: 1000, gid: 1000, encoding: 'utf8', env: { ...process.env, HOME: dir } },
  );
  if (probe.error) return probe.error.message;
  if (probe.status === 0) return undefined;
  return probe.stderr.split('\n').find((line) => /ERR_|EACCES|denied/.test(line)) ?? `exit ${probe.status}`;
}

describe('openDatabase', () => {
  it('names the file and the fix when the folder cannot be created', () => {
    writeFileSync(join(dir, 'a-file'), '');
    const path = join(dir, 'a-file', 'data', 'deadlines.db');
    expect(() => openDatabase(path)).toThrow(
      new RegExp(
        `cannot open the database file ${path} \\(DATABASE_PATH\\).*writable by the service's user.*chown -R 1000:1000`,
      ),
    );
  });

  // Root may write anywhere, so the permission case runs as uid 1000 (the Docker image's user), as CI does as root.
  it.runIf(process.getuid?.() === 0)(
    'names the file, the uid and the fix when the folder is not writable (as uid 1000)',
    (context) => {
      // A checkout in a private folder (root's home, a 0700 temporary folder) is out of uid 1000's reach: the child
      // could not load the code under test, so the case says why it did not run instead of failing on that.
      const unreadable = unreadableFor1000();
      if (unreadable) {
        console.warn(`skipped: uid 1000 cannot run the checkout's code (${unreadable})`);
        context.skip(`uid 1000 cannot run the checkout's code (${unreadable})`);
      }
      const data = join(dir, 'root-owned');
      mkdirSync(data, { mode: 0o755 });
      chmodSync(dir, 0o755);
      const path = join(data, 'deadlines.db');
      const child = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `import('./src/store/database.ts').then((m) => m.openDatabase(${JSON.stringify(path)}))`,
        ],
        {
          cwd: ROOT,
          uid: 1000,
          gid: 1000,
          encoding: 'utf8',
          env: { ...process.env, HOME: dir },
        },
      );
      expect(child.status).not.toBe(0);
      expect(child.stderr).toContain(
        `cannot open the database file ${path} (DATABASE_PATH): unable to open database file`,
      );
      expect(child.stderr).toContain(`(uid 1000)`);
    },
  );
});

describe('unsyncedTransaction', () => {
  // 2: FULL, 1: NORMAL (SQLite's numbers for PRAGMA synchronous).
  const synchronous = (db: ReturnType<typeof openDatabase>) => db.pragma('synchronous', { simple: true });

  it('commits without waiting for the disk, then every other commit waits again, also after a failed one', () => {
    const db = openDatabase(join(dir, 'unsynced.db'));
    try {
      db.exec('CREATE TABLE t (n INTEGER)');
      expect(synchronous(db)).toBe(2);
      const inside = unsyncedTransaction(db, () => {
        db.prepare('INSERT INTO t VALUES (1)').run();
        return synchronous(db);
      });
      expect(inside).toBe(1);
      expect(synchronous(db)).toBe(2);
      expect(() =>
        unsyncedTransaction(db, () => {
          db.prepare('INSERT INTO t VALUES (2)').run();
          throw new Error('fails half-way');
        }),
      ).toThrow('fails half-way');
      expect(synchronous(db)).toBe(2);
      expect(db.prepare('SELECT n FROM t').pluck().all()).toEqual([1]);
      // Inside another transaction it is part of that one, which keeps its own setting.
      db.transaction(() => unsyncedTransaction(db, () => db.prepare('INSERT INTO t VALUES (3)').run()))();
      expect(synchronous(db)).toBe(2);
    } finally {
      db.close();
    }
  });
});
