/**
 * The ceiling for bench/api.ts: a bare Fastify 5 server that answers each recorded path with the bytes and
 * headers the service sent for it, and nothing else (no hooks, no plugins). Started as its own process:
 *   node --import tsx bench/ceiling.ts <answers.json> <port>
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

interface RecordedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const [file, port] = process.argv.slice(2) as [string, string];
const recorded = JSON.parse(readFileSync(file, 'utf8')) as Record<string, RecordedAnswer>;
const answers = new Map(
  Object.entries(recorded).map(([path, answer]) => [path, { ...answer, body: Buffer.from(answer.body, 'base64') }]),
);

const app = Fastify({ logger: false });
app.get('/*', (request, reply) => {
  const answer = answers.get(request.url);
  if (!answer) return reply.code(404).send();
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.send?.('listening');
