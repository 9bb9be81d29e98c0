import autocannon from 'autocannon';

/**
 * The saturating load in its own process (test/overload): autocannon's work then never holds up the test's /health
 * probe, and the time a request waits for the load generator itself is not counted as the server's.
 * Argument: JSON { url, paths, apiKey, connections, seconds }. Prints autocannon's figures as one JSON line.
 */
export interface LoadSettings {
  url: string;
  paths: string[];
  apiKey: string;
  connections: number;
  seconds: number;
}

export interface LoadFigures {
  total: number;
  ok: number;
  non2xx: number;
  shed: number;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
  /** 503 answers without `Retry-After: 1` or not application/problem+json. */
  badSheds: number;
}

const settings = JSON.parse(process.argv[2]!) as LoadSettings;
let next = 0;
let badSheds = 0;
const run = (seconds: number) =>
  autocannon({
    url: settings.url,
    connections: settings.connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          method: 'GET',
          path: settings.paths[next++ % settings.paths.length]!,
          headers: { authorization: `Bearer ${settings.apiKey}` },
        }),
        onResponse: (status, _body, _context, headers) => {
          if (
            status === 503 &&
            (headers?.['retry-after'] !== '1' ||
              !String(headers['content-type']).startsWith('application/problem+json'))
          )
            badSheds++;
        },
      },
    ],
  });
await run(3); // warm-up: JIT, caches, SQLite pages
const result = await run(settings.seconds);
const figures: LoadFigures = {
  total: result.requests.total,
  ok: result['2xx'],
  non2xx: result.non2xx,
  shed: result.statusCodeStats?.['503']?.count ?? 0,
  errors: result.errors,
  timeouts: result.timeouts,
  p50: result.latency.p50,
  p99: result.latency.p99,
  max: result.latency.max,
  perSecond: Math.round(result.requests.total / settings.seconds),
  badSheds,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
