import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { checkedLookup, isPublicAddress } from './target.js';

/** At most this much of a receiver's answer is kept in the delivery log. */
export const KEPT_BODY_BYTES = 500;
/** A receiver has this long to answer; it should queue the work and answer at once. */
export const SEND_TIMEOUT_MS = 5_000;

export interface SendResult {
  status: number | null;
  body: string | null;
  error: string | null;
  durationMs: number;
}

/**
 * POSTs one signed message. No redirect is followed (a 3xx is a failed attempt), the whole exchange is cut off
 * after `timeoutMs`, only KEPT_BODY_BYTES of the answer are read, and the address connected to is the one checked.
 */
export function send(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { allowInsecure: boolean; timeoutMs?: number; signal?: AbortSignal },
): Promise<SendResult> {
  const started = performance.now();
  const done = (result: Omit<SendResult, 'durationMs'>): SendResult => ({
    ...result,
    durationMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve(done({ status: null, body: null, error: 'not a URL', durationMs: 0 } as SendResult));
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!options.allowInsecure && (target.protocol !== 'https:' || (isIP(host) !== 0 && !isPublicAddress(host))))
      return resolve(done({ status: null, body: null, error: 'refused: not a public https:// target' }));
    const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      lookup: checkedLookup(options.allowInsecure),
      signal: AbortSignal.any([
        AbortSignal.timeout(options.timeoutMs ?? SEND_TIMEOUT_MS),
        ...(options.signal ? [options.signal] : []),
      ]),
      agent: false,
    });
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept < KEPT_BODY_BYTES) {
          chunks.push(chunk.subarray(0, KEPT_BODY_BYTES - kept));
          kept += Math.min(chunk.length, KEPT_BODY_BYTES - kept);
        }
        if (kept >= KEPT_BODY_BYTES) response.destroy();
      });
      const finish = () =>
        resolve(
          done({ status: response.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8'), error: null }),
        );
      response.once('end', finish);
      response.once('close', finish);
    });
    request.once('error', (error: Error & { code?: string }) =>
      resolve(done({ status: null, body: null, error: errorText(error) })),
    );
    request.end(body);
  });
}

function errorText(error: Error & { code?: string }): string {
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer within the timeout';
  return (error.code ? `${error.code}: ` : '') + error.message.slice(0, 200);
}
