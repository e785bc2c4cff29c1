/**
 * Memory of a server after its load, settled (issue 22 step 4): the server runs
 * with `--inspect=127.0.0.1:0` (loopback; no client attaches during the load),
 * and afterwards the runner connects to its inspector, forces full garbage
 * collections (HeapProfiler.collectGarbage) and reads the V8 heap in use
 * (Runtime.getHeapUsage) and the process's RSS. Without the forced collection,
 * heap used is mostly garbage whose amount depends on when the last GC ran.
 */
import WebSocket from 'ws';
import { memoryOf } from './system';

/** The node flag that opens the inspector on a free loopback port. */
export const INSPECT_ARG = '--inspect=127.0.0.1:0';

export interface SettledMemory {
  heapUsedBytes: number;
  heapTotalBytes: number;
  rssBytes: number;
}

/** The inspector's WebSocket URL, from the "Debugger listening on ws://…" line the child printed. */
export function inspectorUrl(output: string): string | null {
  return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? null;
}

export async function settledMemory(url: string, pid: number): Promise<SettledMemory> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let id = 0;
  const pending = new Map<number, (result: Record<string, unknown>) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown> };
    if (message.id !== undefined) pending.get(message.id)?.(message.result ?? {});
  });
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      pending.set(++id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    // Twice: objects freed by finalizers of the first collection go in the second.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const heap = (await call('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    return { heapUsedBytes: heap.usedSize, heapTotalBytes: heap.totalSize, rssBytes: memoryOf(pid)?.rss ?? NaN };
  } finally {
    socket.close();
  }
}
