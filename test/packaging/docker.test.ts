import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULTS, loadConfig } from '../../src/config.js';

// Static checks that keep the Dockerfile and the compose file to the same start command, port, paths and
// settings the app, docs/operations.md and CI use; test/docker/ runs them with a real engine (`npm run test:docker`).

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const dockerfile = read('Dockerfile');
const compose = parse(read('docker-compose.yml')) as {
  services: Record<
    string,
    {
      build?: string;
      image?: string;
      ports?: string[];
      environment?: Record<string, string>;
      volumes?: string[];
      depends_on?: string[];
    }
  >;
};
const service = compose.services.deadlines!;
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const configSource = read('src/config.ts');
// The settings tables: operations (most), reminders (mail) and the other topic pages.
const settingsDoc = ['docs/operations.md', 'docs/reminders.md', 'docs/web.md', 'docs/feeds.md', 'docs/api.md']
  .map(read)
  .join('\n');

/** The runtime stage: everything after the last FROM. */
const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
/** Each `NAME ...` instruction's arguments, continuation lines joined. */
const instruction = (text: string, name: string) =>
  [...text.matchAll(new RegExp(`^${name}\\s+((?:[^\\n]*\\\\\\n)*[^\\n]*)`, 'gm'))].map((m) =>
    m[1]!.replace(/\\\n\s*/g, ' ').trim(),
  );
const jsonArray = (text: string) => JSON.parse(text) as string[];

const dockerEnv = Object.fromEntries(
  instruction(runtime, 'ENV')
    .flatMap((line) => [...line.matchAll(/([A-Z_]+)=(\S+)/g)])
    .map((m) => [m[1]!, m[2]!]),
);

describe('Dockerfile', () => {
  it('builds on the Node major version the tests run on, in a multi-stage build', () => {
    expect(dockerfile).toMatch(new RegExp(`^ARG NODE_VERSION=${process.versions.node.split('.')[0]}$`, 'm'));
    expect(instruction(dockerfile, 'FROM').map((from) => from.split(/\s+/)[0])).toEqual([
      'node:${NODE_VERSION}-bookworm-slim',
      'node:${NODE_VERSION}-bookworm-slim',
    ]);
    expect(dockerfile).toMatch(/^FROM .+ AS build$/m);
  });

  it('installs with npm ci and builds with the build script, as CI and the quick start do', () => {
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(packageJson.scripts.build).toBeDefined();
    expect(read('.ci/run')).toMatch(/npm ci\b/);
  });

  it('starts the same command npm start execs after building', () => {
    const start = packageJson.scripts.start!;
    expect(start).toMatch(/^npm run build && exec /);
    expect(jsonArray(instruction(runtime, 'CMD')[0]!).join(' ')).toBe(start.replace(/^npm run build && exec /, ''));
  });

  it('runs as a non-root user with the database on the data volume, listening on all interfaces', () => {
    expect(instruction(runtime, 'USER')).toEqual(['node']);
    const [volume] = jsonArray(instruction(runtime, 'VOLUME')[0]!);
    expect(dockerEnv.DATABASE_PATH!.startsWith(`${volume}/`)).toBe(true);
    expect(dockerEnv.HOST).toBe('0.0.0.0');
    expect(instruction(runtime, 'EXPOSE')).toEqual([dockerEnv.PORT]);
    expect(dockerEnv.PORT).toBe(DEFAULTS.PORT);
  });

  it('checks health on /health at the port the service listens on', () => {
    const [check] = instruction(runtime, 'HEALTHCHECK');
    expect(check).toMatch(/\/health/);
    expect(check).toMatch(/process\.env\.PORT \|\| 3000/);
  });

  it('copies what the service reads at run time, and .dockerignore keeps it in the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    for (const path of [
      'calendars',
      'migrations',
      'src',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
    ]) {
      expect(existsSync(new URL(path, root)), path).toBe(true);
      expect(ignored, path).not.toContain(path);
      expect(dockerfile).toMatch(new RegExp(`^COPY .*\\b${path.replace('.', '\\.')}\\b`, 'm'));
    }
  });
});

describe('docker-compose.yml', () => {
  it('builds this Dockerfile and publishes the port the service listens on', () => {
    expect(service.build).toBe('.');
    expect(service.environment?.PORT).toBe(dockerEnv.PORT);
    expect(service.ports).toContain(`127.0.0.1:${dockerEnv.PORT}:${service.environment?.PORT}`); // plain HTTP, loopback only
    expect(service.environment?.HOST).toBe('0.0.0.0');
  });

  it('keeps the database on a named volume at the path the image uses', () => {
    expect(service.environment?.DATABASE_PATH).toBe(dockerEnv.DATABASE_PATH);
    const [volume] = jsonArray(instruction(runtime, 'VOLUME')[0]!);
    expect(service.volumes).toContain(`deadlines-data:${volume}`);
  });

  it('sends mail to Mailpit, whose web UI and SMTP port are published on loopback only', () => {
    const mailpit = compose.services.mailpit!;
    expect(service.depends_on).toContain('mailpit');
    expect(service.environment?.SMTP_URL).toBe('${SMTP_URL:-smtp://mailpit:1025}'); // Mailpit unless the operator says otherwise
    expect(mailpit.image).toMatch(/^\$\{MAILPIT_IMAGE:-axllent\/mailpit:v\d+\.\d+\.\d+\}$/); // pinned, never :latest
    expect(mailpit.ports).toEqual(['127.0.0.1:8025:8025', '127.0.0.1:1025:1025']);
  });

  it('has no default admin key, and a default sender the app accepts', () => {
    expect(service.environment?.ADMIN_API_KEY).toMatch(/^\$\{ADMIN_API_KEY:\?[^}]+\}$/);
    const mailFrom = /^\$\{MAIL_FROM:-([^}]+)\}$/.exec(service.environment?.MAIL_FROM ?? '')![1]!;
    expect(loadConfig({ SMTP_URL: 'smtp://mailpit:1025', MAIL_FROM: mailFrom }).mailFrom).toBe(mailFrom);
  });

  it('sets only settings the app reads and docs/ documents', () => {
    const names = [
      ...Object.keys(service.environment ?? {}),
      ...Object.keys(dockerEnv).filter((name) => name !== 'NODE_ENV'),
    ];
    for (const name of new Set(names)) {
      expect(configSource, `${name} is read in src/config.ts`).toMatch(new RegExp(`\\b${name}\\b`));
      expect(settingsDoc, `${name} is in a settings table in docs/`).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
    }
  });
});
