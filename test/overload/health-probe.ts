/**
 * The /health probe of test/overload in its own process, so the load generator's work does not delay it: every 250 ms
 * it times GET /health and asks for one API path, keeping what a shed answer looked like.
 * Argument: JSON { url, apiPath, apiKey, seconds }. Prints the figures as one JSON line.
 */
export interface ProbeFigures {
  /** Milliseconds per /health answer; -1 for an answer other than 200. */
  health: number[];
  shed: { retryAfter: string | null; type: string | null }[];
  apiStatuses: number[];
}

const { url, apiPath, apiKey, seconds } = JSON.parse(process.argv[2]!) as {
  url: string;
  apiPath: string;
  apiKey: string;
  seconds: number;
};
const figures: ProbeFigures = { health: [], shed: [], apiStatuses: [] };
const until = Date.now() + seconds * 1000;
while (Date.now() < until) {
  const started = performance.now();
  const health = await fetch(`${url}/health`);
  await health.arrayBuffer();
  figures.health.push(health.status === 200 ? Math.round(performance.now() - started) : -1);
  const api = await fetch(`${url}${apiPath}`, { headers: { authorization: `Bearer ${apiKey}` } });
  await api.arrayBuffer();
  figures.apiStatuses.push(api.status);
  if (api.status === 503)
    figures.shed.push({ retryAfter: api.headers.get('retry-after'), type: api.headers.get('content-type') });
  await new Promise((resolve) => setTimeout(resolve, 250));
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
