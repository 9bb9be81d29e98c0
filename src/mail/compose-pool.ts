import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { composeMessage, type OutgoingMail } from './compose.js';

type Answer = { id: number; buffer: ArrayBuffer; lengths: number[] } | { id: number; error: string };

/**
 * Composes messages (composeMessage, the same bytes) on a thread of its own, so a reminder run builds the next page of
 * digests while the last one is composed: MIME encoding is the larger half of planning. With one core, or when the
 * thread cannot start, it composes in this thread. The thread holds the process open only while it has work, and
 * ends when its last user lets go (`retain`/`release`): an idle service does not keep its memory.
 */
export class ComposePool {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 0;
  private users = 0;
  private readonly waiting = new Map<
    number,
    { mails: readonly OutgoingMail[]; resolve: (raws: Buffer[]) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly threads = availableParallelism() > 1) {}

  compose(mails: readonly OutgoingMail[]): Promise<Buffer[]> {
    const worker = this.threads && !this.broken && mails.length > 0 ? this.started() : null;
    if (worker === null) return Promise.resolve().then(() => mails.map(composeMessage));
    const id = this.nextId++;
    if (this.waiting.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { mails, resolve, reject });
      worker.postMessage({ id, mails });
    });
  }

  /** Whether its thread is up (false: it composes in this thread). */
  get threaded(): boolean {
    return this.worker !== null;
  }

  /** A run that composes: the thread stays up until every run that retained it has released it. */
  retain(): void {
    this.users++;
  }

  release(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    return this.users === 0 ? this.close() : Promise.resolve();
  }

  /** Ends the thread; what it still held is composed in this thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.lost();
    this.broken = false;
    await worker?.terminate();
  }

  private started(): Worker | null {
    if (this.worker !== null) return this.worker;
    try {
      this.worker = spawn();
    } catch {
      this.broken = true;
      return null;
    }
    this.worker.unref();
    this.worker.on('message', (answer: Answer) => this.answered(answer));
    // A thread that dies (out of its bounded memory, say): what it held and the rest are composed here.
    this.worker.on('error', () => this.lost());
    this.worker.on('exit', () => this.lost());
    return this.worker;
  }

  private answered(answer: Answer): void {
    const entry = this.waiting.get(answer.id);
    if (entry === undefined) return;
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if ('error' in answer) return entry.reject(new Error(answer.error));
    const bytes = Buffer.from(answer.buffer);
    let offset = 0;
    entry.resolve(
      answer.lengths.map((length) => {
        const raw = bytes.subarray(offset, offset + length);
        offset += length;
        return raw;
      }),
    );
  }

  private lost(): void {
    if (this.worker === null) return;
    this.worker = null;
    this.broken = true;
    for (const entry of this.waiting.values()) {
      try {
        entry.resolve(entry.mails.map(composeMessage));
      } catch (error) {
        entry.reject(error as Error);
      }
    }
    this.waiting.clear();
  }
}

/** The thread's module beside this one: compiled JavaScript in dist, TypeScript through tsx when run from source. */
function spawn(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './compose-worker.ts' : './compose-worker.js', import.meta.url);
  // A bounded heap: composing makes short-lived strings, and an unbounded one let the process's peak RSS grow by ~140 MB.
  const resourceLimits = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };
  return new Worker(url, { resourceLimits, ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}) });
}

/** One pool per process: every reminder runner shares its thread. */
export const composePool = new ComposePool();
