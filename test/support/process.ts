import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { buildDir } = require('./compile.js') as { buildDir: string };

/** A free TCP port on localhost. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Whether a process still runs (neither exited nor killed). */
export function alive(process: GatewayProcess): boolean {
  return process.child.exitCode === null && process.child.signalCode === null;
}

/** Ends the processes a test leaves running (SIGKILL, or SIGTERM for a graceful stop) and waits for each to exit. */
export async function stopProcesses(processes: readonly GatewayProcess[], signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  for (const running of processes) {
    if (!alive(running)) continue;
    running.child.kill(signal);
    await running.exited;
  }
}

/**
 * Starts an entry point (`src/main.ts` for the gateway, `src/worker.ts` for a
 * worker) as a real child process and waits until it prints `readyPattern`.
 * The child runs the JavaScript the jest global setup compiled once for the
 * whole run (test/support/compile.js: `src/main.ts` runs as
 * `node <build>/src/main.js`), not ts-node: a child then starts in a fraction
 * of the time and CPU. Always start project processes through this helper.
 */
export async function startProcess(entry: string, env: Record<string, string>, readyPattern = /gateway ready at/, timeoutMs = 60_000): Promise<GatewayProcess> {
  // A free port can be taken by a parallel test before the child binds it: then try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startProcessOnce(entry, env, readyPattern, timeoutMs);
    } catch (error) {
      if (env.PORT || attempt >= 3 || !/EADDRINUSE/.test((error as Error).message)) throw error;
    }
  }
}

async function startProcessOnce(entry: string, env: Record<string, string>, readyPattern: RegExp, timeoutMs: number): Promise<GatewayProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const root = join(__dirname, '..', '..');
  const command = entryCommand(entry);
  const child = spawn(process.execPath, command.args, {
    cwd: root,
    env: {
      ...process.env,
      ...command.env,
      NODE_ENV: 'test',
      DEMO_DATA: 'false',
      PORT: String(port),
      // As startTestGateway: registrations with made-up document tokens pass, images go to a temporary directory (a test may override both).
      ACCEPT_UNVERIFIED_DOCUMENTS: 'true',
      DOCUMENT_STORAGE_DIR: join(tmpdir(), 'gateway-test-documents', 'processes'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // a child that never got ready must not outlive the test (it would hold its port and database)
      reject(new Error(`${entry} not ready after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      if (readyPattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited before it was ready:\n${output}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}/graphql`, output: () => output, exited };
}

/**
 * How to run a project entry point as a child: node's arguments (the compiled entry, preceded by the code cache's
 * preload when the global setup recorded one for it: test/support/code-cache.js) and the variables to add to its
 * environment. Every child of the project's build starts through this.
 */
export function entryCommand(entry: string): { args: string[]; env: Record<string, string> } {
  const caches = JSON.parse(process.env.GATEWAY_CODE_CACHES || '{}') as Record<string, string>;
  const codeCache = caches[entry.replace(/\.ts$/, '.js')];
  if (!codeCache) return { args: [compiledEntry(entry)], env: {} };
  return { args: ['--require', join(__dirname, 'code-cache.js'), compiledEntry(entry)], env: { GATEWAY_CODE_CACHE: codeCache } };
}

/** Every line of a process's output, parsed: throws on the first line that is not JSON. */
export function jsonLines(output: string): { level: number; msg: string; [key: string]: unknown }[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });
}

/** Runs an entry point or script to its end (NODE_ENV=test unless given), stdout and stderr as pipes (not a terminal). */
export function runToExit(entry: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const command = entryCommand(entry);
  const child = spawn(process.execPath, [...command.args, ...args], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, ...command.env, NODE_ENV: 'test', DEMO_DATA: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** The compiled counterpart of a project source (`src/main.ts` → `<build>/src/main.js`). */
export function compiledEntry(entry: string): string {
  // Plain JavaScript (examples/webhook-receiver.js) runs as it is.
  if (entry.endsWith('.js')) return join(__dirname, '..', '..', entry);
  const compiled = join(buildDir, entry.replace(/\.ts$/, '.js'));
  if (!existsSync(compiled))
    throw new Error(
      `${compiled} is missing: the jest global setup (test/support/global-setup.js) compiles the project for child processes; run the tests through jest's config (npm test)`,
    );
  return compiled;
}

export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
