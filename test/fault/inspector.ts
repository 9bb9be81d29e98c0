/**
 * The server's own heap, read through its inspector (started with `--inspect=127.0.0.1:0`): a full
 * garbage collection, then the bytes still live. RSS alone cannot tell a leak from V8 growing its heap
 * under load and keeping the pages; live bytes after a full collection can.
 */
export interface Inspector {
  liveHeapBytes(): Promise<number>;
  close(): void;
}

export async function connectInspector(output: () => string): Promise<Inspector> {
  const match = /Debugger listening on (ws:\/\/\S+)/.exec(output());
  if (!match) throw new Error(`no inspector address in the server's output:\n${output()}`);
  const socket = new WebSocket(match[1]!);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('inspector connection failed')), { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  socket.addEventListener('message', (message) => {
    const reply = JSON.parse(String(message.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const waiting = reply.id === undefined ? undefined : pending.get(reply.id);
    if (!waiting) return; // an event, not a reply
    pending.delete(reply.id!);
    if (reply.error) waiting.reject(new Error(reply.error.message));
    else waiting.resolve(reply.result);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    async liveHeapBytes() {
      await call('HeapProfiler.collectGarbage');
      const { usedSize } = (await call('Runtime.getHeapUsage')) as { usedSize: number };
      return usedSize;
    },
    close: () => socket.close(),
  };
}
