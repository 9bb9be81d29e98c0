import { execFile } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir } from '../helper.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

function command(script: string, env: Record<string, string>, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', join('src', 'commands', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeTempDir(dir));

describe('npm run migrate', () => {
  it('creates and migrates a new database, then finds it up to date', async () => {
    const path = join(dir, 'new', 'migrate.db');
    const first = await command('migrate.ts', { DATABASE_PATH: path });
    expect(first.stdout).toMatch(/applied migration 1(, \d+)*; now at version \d+/);
    const second = await command('migrate.ts', { DATABASE_PATH: path });
    expect(second.stdout).toMatch(/up to date at version \d+/);
  });
});

describe('npm run backup', () => {
  it('copies the database while the service has it open; the copy restores every provider', async () => {
    const path = join(dir, 'live.db');
    const app = await buildTestApp(path);
    const key = (await createKey(app)).key;
    const provider = await createProvider(app, key);
    const backup = join(dir, 'backups', 'backup.db');
    try {
      const { stdout } = await command('backup.ts', { DATABASE_PATH: path }, backup);
      expect(stdout).toMatch(/1 providers, integrity ok/);
      // Written after the backup: not in it.
      await createProvider(app, key, { agb: '99999999' });
    } finally {
      await app.close();
    }

    const restoredPath = join(dir, 'restored.db');
    copyFileSync(backup, restoredPath);
    const restored = await buildTestApp(restoredPath);
    try {
      const list = (await restored.inject({ url: '/api/v1/providers', headers: bearer(key) })).json();
      expect(list.items.map((p: { id: string }) => p.id)).toEqual([provider.id]);
    } finally {
      await restored.close();
    }
  });

  it('refuses to overwrite a file, to back up a database that does not exist, and to run without a file', async () => {
    const existing = join(dir, 'backups', 'backup.db');
    expect(existsSync(existing)).toBe(true);
    await expect(command('backup.ts', { DATABASE_PATH: join(dir, 'live.db') }, existing)).rejects.toMatchObject({
      stderr: expect.stringMatching(/exists; choose a new file name/),
    });
    await expect(
      command('backup.ts', { DATABASE_PATH: join(dir, 'missing.db') }, join(dir, 'x.db')),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/backup failed/) });
    await expect(command('backup.ts', { DATABASE_PATH: join(dir, 'live.db') })).rejects.toMatchObject({
      stderr: expect.stringMatching(/usage: npm run backup -- FILE/),
    });
  });
});
