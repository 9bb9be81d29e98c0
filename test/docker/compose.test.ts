import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDir, tempDir } from '../helper.js';
import { ROOT } from '../process.js';
import { TestSmtpServer } from '../reminders/smtp.js';

/**
 * The image and docker-compose.yml with a real Docker engine (`npm run test:docker`; docs/operations.md, "Deploy with Docker").
 * Needs a running dockerd and the base image `node:24-bookworm-slim` (Docker Hub is unreachable here:
 * ../shared/tools/docker-base.sh builds a stand-in; .ci/run does both). Mailpit's image cannot be pulled here, so
 * the service runs without it (`--no-deps`) and sends to a real SMTP server on the host instead, listening only on
 * the docker0 bridge's address (reachable from containers and the host, not from other machines); the override
 * below points SMTP_URL there and changes nothing else. The service is reached as docs/operations.md says: 127.0.0.1:3000 (published on loopback only).
 */

const execAsync = promisify(execFile);
const PROJECT = `gzd-docker-test-${process.pid}`;
const ADMIN_API_KEY = 'docker-test-admin-key-5f0c1e7a9b2d4c38';
const PUBLIC_BASE_URL = 'https://deadlines.example.nl';
/** The other secrets compose requires (issue 15): the server key and the /metrics bearer token. */
const SECRET_KEY = 'docker-test-server-key-8d1f3b6a0c9e4f72A';
const METRICS_TOKEN = 'docker-test-metrics-token-3a7c9e1b5d2fB';
const SECRETS = { SECRET_KEY, METRICS_TOKEN };
/** `docker compose` (v2 plugin) where present, else Debian's `docker-compose` (v1). */
const COMPOSE = spawnSync('docker', ['compose', 'version']).status === 0 ? ['docker', 'compose'] : ['docker-compose'];

let dir: string;
let smtp: TestSmtpServer;
const port = 3000;
let override: string;

/** Only the two documented settings, plus what any process needs to find docker. */
function composeEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
  return env;
}

async function compose(
  args: string[],
  env = composeEnv({ ADMIN_API_KEY, PUBLIC_BASE_URL, ...SECRETS }),
  files = ['docker-compose.yml', override],
) {
  const [command, ...rest] = COMPOSE;
  return execAsync(command!, [...rest, '-p', PROJECT, ...files.flatMap((file) => ['-f', file]), ...args], {
    cwd: ROOT,
    env,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20 * 60_000,
  });
}

async function docker(...args: string[]) {
  return execAsync('docker', args, { maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60_000 });
}

async function containerId(): Promise<string> {
  return (await compose(['ps', '-q', 'deadlines'])).stdout.trim();
}

/** Waits for Docker's own HEALTHCHECK (the Dockerfile's) to report healthy. */
async function waitHealthy(timeoutMs = 120_000): Promise<void> {
  const id = await containerId();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { stdout } = await docker(
      'inspect',
      '--format',
      '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}} {{.RestartCount}}',
      id,
    );
    const [state, health, restarts] = stdout.trim().split(' ');
    if (health === 'healthy') return;
    if (Number(restarts) > 0 || state === 'exited')
      throw new Error(`the service ${state} after ${restarts} restarts:\n${(await docker('logs', id)).stderr}`);
    if (Date.now() > deadline) throw new Error(`not healthy after ${timeoutMs} ms: ${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function api(path: string, init: RequestInit = {}) {
  return fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN_API_KEY}`, 'content-type': 'application/json', ...init.headers },
  });
}

async function exec(...command: string[]) {
  return compose(['exec', '-T', 'deadlines', ...command]);
}

beforeAll(async () => {
  const info = spawnSync('docker', ['info'], { encoding: 'utf8' });
  if (info.status !== 0) throw new Error(`no Docker engine: start dockerd (as root) first.\n${info.stderr}`);
  const base = spawnSync('docker', ['image', 'inspect', 'node:24-bookworm-slim'], { encoding: 'utf8' });
  if (base.status !== 0)
    throw new Error('no node:24-bookworm-slim image: build the stand-in with ../shared/tools/docker-base.sh');
  dir = tempDir();
  chmodSync(dir, 0o755);
  // The host's address on Docker's default bridge (IPAM does not always name the gateway).
  // `ip`, not os.networkInterfaces(): docker0 is down (and left out there) while no container runs.
  const gateway = /inet (\d+\.\d+\.\d+\.\d+)/.exec(
    (await execAsync('ip', ['-4', '-o', 'addr', 'show', 'docker0'])).stdout,
  )?.[1];
  if (!gateway) throw new Error('no docker0 interface with an IPv4 address');
  smtp = await new TestSmtpServer().start(0, gateway);
  // The compose file publishes 3000, as docs/operations.md documents: it must be free.
  const probe = await import('node:net').then(({ createServer }) => createServer());
  await new Promise<void>((resolve, reject) =>
    probe
      .once('error', () => reject(new Error(`port ${port} is in use: the compose file publishes it`)))
      .listen(port, resolve),
  );
  await new Promise((resolve) => probe.close(resolve));
  override = join(dir, 'compose.host-smtp.yml');
  writeFileSync(
    override,
    ['services:', '  deadlines:', '    environment:', `      SMTP_URL: ${smtp.url}`, ''].join('\n'),
  );
  await compose(['build']);
}, 30 * 60_000);

afterAll(async () => {
  await compose(['down', '-v', '--remove-orphans']).catch(() => undefined);
  await smtp?.stop();
  if (dir) removeTempDir(dir);
}, 120_000);

describe('docker compose with only the required secrets and PUBLIC_BASE_URL', () => {
  it('refuses to start without ADMIN_API_KEY', async () => {
    await expect(
      compose(['config', '-q'], composeEnv({ PUBLIC_BASE_URL, ...SECRETS }), ['docker-compose.yml']),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/set ADMIN_API_KEY to a secret of your own/),
    });
  });

  it(
    'starts healthy, runs the documented commands inside the container, stops gracefully and keeps its data',
    async () => {
      await compose(['up', '-d', '--no-deps', 'deadlines']);
      await waitHealthy();

      const created = await api('/providers', {
        method: 'POST',
        body: JSON.stringify({
          name: 'Verloskundigenpraktijk Docker',
          agb: '01234567',
          kinds: ['verloskunde'],
          contracts: [{ insurer: 'cz-groep', year: 2027, status: 'new' }],
          contacts: [{ email: 'planning@praktijk-docker.nl', name: 'Anna de Vries' }],
        }),
      });
      expect(created.status).toBe(201);
      const provider = (await created.json()) as { id: string; feedUrl: string };
      expect(provider.feedUrl.startsWith(`${PUBLIC_BASE_URL}/feeds/`)).toBe(true);
      const timeline = (await (await api(`/providers/${provider.id}/timeline`)).json()) as {
        items: { due: string; actor: string; type: string }[];
      };
      const due = timeline.items.find((item) => item.actor === 'provider' && item.type === 'deadline')!.due;

      // The image runs the Node line the tests run on (Node 24; node:24-bookworm-slim).
      const version = await exec('node', '--version');
      expect(version.stdout.trim()).toMatch(new RegExp(`^v${process.versions.node.split('.')[0]}\\.`));

      // docs/operations.md: `docker compose exec deadlines node dist/commands/reminders.js --date YYYY-MM-DD`
      const reminders = await exec('node', 'dist/commands/reminders.js', '--date', due);
      expect(JSON.parse(reminders.stdout.trim().split('\n').at(-1)!)).toMatchObject({ day: due, sent: 1, failed: 0 });
      expect(smtp.to('planning@praktijk-docker.nl')).toHaveLength(1);

      const backup = await exec('node', 'dist/commands/backup.js', '/data/backups/deadlines.db');
      expect(backup.stdout).toMatch(
        /\/data\/deadlines\.db → \/data\/backups\/deadlines\.db: \d+ pages, 1 providers, integrity ok/,
      );
      const migrate = await exec('node', 'dist/commands/migrate.js');
      expect(migrate.stdout).toMatch(/\/data\/deadlines\.db: up to date at version \d+/);

      const id = await containerId();
      await compose(['stop', '-t', '30', 'deadlines']);
      const { stdout: exit } = await docker('inspect', '--format', '{{.State.ExitCode}}', id);
      expect(exit.trim()).toBe('0');
      expect((await docker('logs', id)).stdout).toMatch(/closing: no new requests/);

      // `down` removes the container; the named volume keeps the database.
      await compose(['down']);
      await compose(['up', '-d', '--no-deps', 'deadlines']);
      await waitHealthy();
      const again = await api(`/providers/${provider.id}`);
      expect(again.status).toBe(200);
      expect(((await again.json()) as { name: string }).name).toBe('Verloskundigenpraktijk Docker');
      const backups = await exec('ls', '/data/backups');
      expect(backups.stdout.trim().split('\n')).toContain('deadlines.db');
      // The day's run is done: a second run sends nothing again. Counted by the day in each Message-ID
      // (`<hash>.<day>@…`): the restarted service's start-up catch-up may send today's own digest meanwhile.
      const rerun = await exec('node', 'dist/commands/reminders.js', '--date', due);
      expect(JSON.parse(rerun.stdout.trim().split('\n').at(-1)!)).toMatchObject({ sent: 0, failed: 0 });
      expect(
        smtp.to('planning@praktijk-docker.nl').filter((received) => received.messageId.includes(`.${due}@`)),
      ).toHaveLength(1);
      await compose(['down']);
    },
    10 * 60_000,
  );

  it('with a root-owned /data bind mount, names the database path and the fix', async () => {
    const data = join(dir, 'root-owned-data');
    mkdirSync(data, { mode: 0o755 });
    const image = (await compose(['config'])).stdout.match(/image: (\S+)/)![1]!;
    const run = spawnSync(
      'docker',
      [
        'run',
        '--rm',
        '-v',
        `${data}:/data`,
        '-e',
        `ADMIN_API_KEY=${ADMIN_API_KEY}`,
        '-e',
        `SECRET_KEY=${SECRET_KEY}`,
        '-e',
        `METRICS_TOKEN=${METRICS_TOKEN}`,
        image,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      'cannot open the database file /data/deadlines.db (DATABASE_PATH): unable to open database file',
    );
    expect(run.stderr).toContain('chown -R 1000:1000');
  }, 180_000);

  it('refuses the example admin key and SMTP_URL without MAIL_FROM', async () => {
    const image = (await compose(['config'])).stdout.match(/image: (\S+)/)![1]!;
    const example = spawnSync(
      'docker',
      [
        'run',
        '--rm',
        '-e',
        'ADMIN_API_KEY=change-me-to-a-long-secret',
        '-e',
        `SECRET_KEY=${SECRET_KEY}`,
        '-e',
        `METRICS_TOKEN=${METRICS_TOKEN}`,
        image,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(example.status).toBe(2);
    expect(example.stderr).toMatch(/ADMIN_API_KEY is the publicly known example value/);
    const noFrom = spawnSync(
      'docker',
      [
        'run',
        '--rm',
        '-e',
        `ADMIN_API_KEY=${ADMIN_API_KEY}`,
        '-e',
        `SECRET_KEY=${SECRET_KEY}`,
        '-e',
        `METRICS_TOKEN=${METRICS_TOKEN}`,
        '-e',
        'SMTP_URL=smtp://mail.example.nl:587',
        image,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(noFrom.status).toBe(2);
    expect(noFrom.stderr).toMatch(/MAIL_FROM must be set when SMTP_URL is/);
  }, 300_000);
});
