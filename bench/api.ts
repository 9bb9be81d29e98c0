/**
 * The read paths of the built service (`node dist/server.js`) against their ceiling: a bare Fastify 5 route
 * serving the very bytes and headers the service answered for the same path (bench/ceiling.ts), measured in
 * the same run, alternating (endpoint, ceiling, endpoint, ceiling, …), 50 connections (autocannon), medians.
 * Start-up time and memory are bench/startup.ts's.
 *   npm run bench:api [-- --runs 3 --seconds 4 --providers 200 --only timeline]
 *   npm run bench:api -- --profile timeline --seconds 8     # a CPU profile of the service under that load, top functions
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadCalendarSet } from '../src/calendar/load.js';
import { freePort } from './ports.js';
import { median, reportTargets, settle, table, type TargetResult } from './report.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '4' },
    providers: { type: 'string', default: '200' },
    only: { type: 'string' },
    profile: { type: 'string' },
  },
});
// Measured on a quiet machine: what the bench before this one left running is waited out.
await settle();
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const providerCount = Number(values.providers);
const CONNECTIONS = 50;
// Issue 23 §4: every read path at 0.8× a bare Fastify route returning the same bytes.
const RATIO_TARGET = 0.8;
const P99_TARGET_MS = 10;
const ADMIN = 'Bench-Admin-Key-0123456789-abcdefghXYZ';
// Pinned so CZ's 2027 open admission runs and applications can be recorded (events list, moved chains).
const TODAY = '2027-03-12';
const root = join(import.meta.dirname, '..');

interface Endpoint {
  name: string;
  what: string;
  /** Paths to spread the load over (one per provider for per-provider routes). */
  paths: string[];
  auth: boolean;
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`${url}: the process exited during start-up`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function startService(
  databasePath: string,
  profileDir?: string,
): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const args = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir, 'dist/server.js'] : ['dist/server.js'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      ADMIN_API_KEY: ADMIN,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      REMINDERS_ENABLED: 'false',
      TODAY,
      NODE_ENV: '',
    },
    stdio: 'ignore',
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${baseUrl}/health`, child);
  return { child, baseUrl };
}

async function startCeiling(answersFile: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = fork(join(root, 'bench/ceiling.ts'), [answersFile, String(port)], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    stdio: 'ignore',
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', () => reject(new Error('the ceiling server exited during start-up')));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

/** Providers of every kind, new and existing, each with a contact; applications recorded where CZ's open admission allows. */
async function seed(baseUrl: string): Promise<{ ids: string[]; tokens: string[]; recorded: number }> {
  const calendars = loadCalendarSet().all();
  const kinds = ['verloskunde', 'kraamzorg', 'echoscopie', 'geboortecentrum'];
  const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
  const ids: string[] = [];
  const tokens: string[] = [];
  let recorded = 0;
  for (let i = 0; i < providerCount; i++) {
    const response = await fetch(`${baseUrl}/api/v1/providers`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: `Verloskundigenpraktijk "De Linde" ${i}`,
        agb: String(30_000_000 + i),
        kinds: [kinds[i % kinds.length]],
        contracts: calendars.map((c) => ({
          insurer: c.file.insurer,
          year: c.file.year,
          status: i % 5 === 0 ? 'new' : 'existing',
        })),
        contacts: [{ email: `praktijk${i}@example.nl`, name: `Anna de Vries ${i}` }],
      }),
    });
    if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
    const provider = (await response.json()) as { id: string; feedUrl: string };
    ids.push(provider.id);
    tokens.push(/\/feeds\/([^/]+)\.ics$/.exec(provider.feedUrl)![1]!);
    if (i % 5 === 0) {
      const event = await fetch(`${baseUrl}/api/v1/providers/${provider.id}/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          item: 'cz-groep/2027/open-instroom/aanmelding',
          date: '2027-03-10',
          note: 'Contactformulier verstuurd; "graag bevestiging" per e-mail',
        }),
      });
      if (event.status === 201) recorded++;
    }
  }
  return { ids, tokens, recorded };
}

function endpointsOf(ids: string[], tokens: string[]): Endpoint[] {
  return [
    {
      name: 'provider',
      what: 'GET /api/v1/providers/:id',
      paths: ids.map((id) => `/api/v1/providers/${id}`),
      auth: true,
    },
    {
      name: 'timeline',
      what: 'GET /api/v1/providers/:id/timeline',
      paths: ids.map((id) => `/api/v1/providers/${id}/timeline`),
      auth: true,
    },
    {
      name: 'events',
      what: 'GET /api/v1/providers/:id/events',
      paths: ids.map((id) => `/api/v1/providers/${id}/events`),
      auth: true,
    },
    {
      name: 'page',
      what: 'GET /feeds/<token>.html',
      paths: tokens.map((token) => `/feeds/${token}.html`),
      auth: false,
    },
    { name: 'feed', what: 'GET /feeds/<token>.ics', paths: tokens.map((token) => `/feeds/${token}.ics`), auth: false },
    {
      name: 'public-feed',
      what: 'GET /feeds/calendars/<insurer>/<year>.ics',
      paths: ['verloskunde', 'kraamzorg', 'echoscopie', 'geboortecentrum'].flatMap((kind) =>
        ['new', 'existing'].map((status) => `/feeds/calendars/cz-groep/2027.ics?kind=${kind}&status=${status}`),
      ),
      auth: false,
    },
    {
      name: 'combined-feed',
      what: 'GET /feeds/calendars.ics',
      paths: ['verloskunde', 'kraamzorg'].flatMap((kind) =>
        ['new', 'existing'].map((status) => `/feeds/calendars.ics?kind=${kind}&status=${status}`),
      ),
      auth: false,
    },
  ];
}

/** What the service answers for each path, to be served again by the ceiling: status, headers (not the per-connection ones) and bytes. */
async function record(
  baseUrl: string,
  endpoints: Endpoint[],
): Promise<Record<string, { status: number; headers: Record<string, string>; body: string }>> {
  const answers: Record<string, { status: number; headers: Record<string, string>; body: string }> = {};
  const skipped = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
  for (const endpoint of endpoints) {
    for (const path of endpoint.paths) {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: endpoint.auth ? { authorization: `Bearer ${ADMIN}` } : {},
      });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!skipped.has(name)) headers[name] = value;
      });
      answers[path] = {
        status: response.status,
        headers,
        body: Buffer.from(await response.arrayBuffer()).toString('base64'),
      };
    }
  }
  return answers;
}

async function load(baseUrl: string, endpoint: Endpoint, duration: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration,
    headers: endpoint.auth ? { authorization: `Bearer ${ADMIN}` } : {},
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: endpoint.paths[next++ % endpoint.paths.length]! }),
      },
    ],
  });
}

/** The functions that took the most CPU (self time) in a V8 CPU profile, and the files. */
function summariseProfile(dir: string, loadSeconds: number): void {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const perFile = new Map<string, number>();
  let total = 0;
  // Only the samples of the load (the profile's last `loadSeconds`), not start-up and seeding.
  const length = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    const { callFrame } = byId.get(id)!;
    const delta = profile.timeDeltas[i] ?? 0;
    elapsed += delta;
    if (elapsed < length - loadSeconds * 1e6) return;
    const where = callFrame.url
      .replace(/^file:\/\//, '')
      .replace(`${root}/`, '')
      .replace(/^.*node_modules\//, '');
    const key = `${callFrame.functionName || '(anonymous)'} ${where}${where ? `:${callFrame.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + delta);
    const module =
      where === ''
        ? callFrame.functionName
        : where.startsWith('node:')
          ? 'node internals'
          : where
              .split('/')
              .slice(0, where.startsWith('@') ? 2 : 1)
              .join('/');
    perFile.set(module, (perFile.get(module) ?? 0) + delta);
    total += delta;
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, time]) => ({ name, '%': ((100 * time) / total).toFixed(1) }));
  console.log(`\nCPU profile ${join(dir, file)}, the last ${loadSeconds} s (the load): self time by function`);
  console.table(top(self, 30));
  console.log('self time by package or folder');
  console.table(top(perFile, 15));
}

execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'gzd-bench-api-'));
const children: ChildProcess[] = [];
try {
  const profileDir = values.profile ? join(dir, 'profile') : undefined;
  const service = await startService(join(dir, 'bench.db'), profileDir);
  children.push(service.child);
  const { ids, tokens, recorded } = await seed(service.baseUrl);
  const endpoints = endpointsOf(ids, tokens).filter((e) =>
    (values.only ?? values.profile ?? e.name).split(',').includes(e.name),
  );
  if (endpoints.length === 0) throw new Error(`no endpoint named ${values.only ?? values.profile}`);

  if (values.profile) {
    await load(service.baseUrl, endpoints[0]!, seconds);
    await stop(service.child);
    summariseProfile(profileDir!, seconds);
  } else {
    const answersFile = join(dir, 'answers.json');
    writeFileSync(answersFile, JSON.stringify(await record(service.baseUrl, endpoints)));
    const ceiling = await startCeiling(answersFile);
    children.push(ceiling.child);
    const figures = new Map(
      endpoints.map((e) => [
        e.name,
        {
          rps: [] as number[],
          p99: [] as number[],
          ceilingRps: [] as number[],
          ceilingP99: [] as number[],
          errors: 0,
          bytes: 0,
        },
      ]),
    );
    for (const endpoint of endpoints) {
      // Warm both (caches, JIT) before the measured rounds.
      await load(service.baseUrl, endpoint, 1);
      await load(ceiling.baseUrl, endpoint, 1);
    }
    for (let run = 0; run < runs; run++) {
      for (const endpoint of endpoints) {
        const f = figures.get(endpoint.name)!;
        const measured = await load(service.baseUrl, endpoint, seconds);
        const bare = await load(ceiling.baseUrl, endpoint, seconds);
        f.rps.push(measured.requests.average);
        f.p99.push(measured.latency.p99);
        f.ceilingRps.push(bare.requests.average);
        f.ceilingP99.push(bare.latency.p99);
        f.errors += measured.errors + measured.timeouts + measured.non2xx + bare.errors + bare.timeouts + bare.non2xx;
        f.bytes = measured.throughput.total / Math.max(1, measured.requests.total);
      }
    }
    const rows: Record<string, string> = {};
    const targets: TargetResult[] = [];
    for (const endpoint of endpoints) {
      const f = figures.get(endpoint.name)!;
      const ratio = median(f.rps) / median(f.ceilingRps);
      const p99 = median(f.p99);
      rows[endpoint.what] =
        `${Math.round(median(f.rps))} req/s, p99 ${p99} ms | ceiling ${Math.round(median(f.ceilingRps))} req/s, p99 ${median(f.ceilingP99)} ms | ${ratio.toFixed(2)}× | ~${(f.bytes / 1024).toFixed(1)} KB/answer | errors ${f.errors}`;
      targets.push({
        what: `${endpoint.what} vs bare Fastify, same bytes`,
        target: `≥ ${RATIO_TARGET}×, p99 ≤ ${P99_TARGET_MS} ms, 0 errors`,
        measured: `${ratio.toFixed(2)}× (${Math.round(median(f.rps))} / ${Math.round(median(f.ceilingRps))} req/s), p99 ${p99} ms, ${f.errors} errors`,
        met: ratio >= RATIO_TARGET && p99 <= P99_TARGET_MS && f.errors === 0,
      });
    }
    table(
      `API read paths (node dist/server.js, ${providerCount} providers, ${recorded} with a recorded event, ${CONNECTIONS} connections, ${runs} rounds × ${seconds} s alternating with the ceiling, medians)`,
      rows,
    );
    reportTargets('api', targets);
  }
} finally {
  for (const child of children) await stop(child);
  rmSync(dir, { recursive: true, force: true });
}
