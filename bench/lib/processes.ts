import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Child processes of the benchmark (seeding, gateway, baseline, raw, raw+): each
 * runs the compiled build (issue 22: "all servers running the compiled build"),
 * `node <build>/<entry>.js`, like test/support/process.ts — src/, migrations/
 * and bench/ transpiled by test/support/compile.js (compileServers, once per
 * run) — with a preloaded guard that exits when the runner disappears, and every
 * live child is killed when the runner exits or is interrupted.
 */
export const ROOT = join(__dirname, '..', '..');
const GUARD = join(__dirname, 'parent-guard.js');
const live = new Set<ChildProcess>();

const { compileForTests } = require('../../test/support/compile.js') as { compileForTests(extraDirs?: string[]): string };
let buildDir: string | undefined;

/** Brings the compiled build of src/, migrations/ and bench/ up to date (a second run only compares file times). */
export function compileServers(): string {
  buildDir = compileForTests(['bench']);
  return buildDir;
}

/** `src/main.ts` → `<build>/src/main.js`. */
function compiled(entry: string): string {
  if (!buildDir) throw new Error('compileServers() first');
  return join(buildDir, entry.replace(/\.ts$/, '.js'));
}

export { freePort } from '../../test/support/process';

export interface Child {
  name: string;
  child: ChildProcess;
  pid: number;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (graceful: the gateway drains and writes its CPU profile), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env: Record<string, string>;
  /** Printed (stdout or stderr) once the child is ready; without it (and readyUrl), the child is awaited until it exits. */
  readyPattern?: RegExp;
  /** Answers 200 once the child is ready (the gateway: /healthz; at LOG_LEVEL=warn it prints no "ready" line). */
  readyUrl?: string;
  timeoutMs?: number;
  nodeArgs?: string[];
  /** Arguments after the entry file. */
  args?: string[];
  /** Echo the child's output to the runner's stderr (seeding progress). */
  echo?: boolean;
}

export async function spawnChild(name: string, entry: string, options: SpawnOptions): Promise<Child> {
  const args = [...(options.nodeArgs ?? []), '-r', GUARD, compiled(entry), ...(options.args ?? [])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env, BENCH_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (options.echo) process.stderr.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  const handle: Child = {
    name,
    child,
    pid: child.pid!,
    output: () => output,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  if (!options.readyPattern && !options.readyUrl) return handle;
  const { readyPattern, readyUrl } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  await new Promise<void>((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} not ready after ${timeoutMs} ms:\n${output.slice(-4000)}`));
    }, timeoutMs);
    const done = () => {
      ready = true;
      clearTimeout(timer);
      resolve();
    };
    const check = () => {
      if (readyPattern?.test(output)) done();
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    const poll = async () => {
      while (readyUrl && !ready && child.exitCode === null && child.signalCode === null) {
        const status = await fetch(readyUrl).then(
          (res) => res.status,
          () => 0,
        );
        if (status === 200) return done();
        await new Promise((wait) => setTimeout(wait, 100));
      }
    };
    void poll();
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${output.slice(-4000)}`));
    });
  });
  return handle;
}

/** Runs `entry` to completion; rejects with its output when it fails. */
export async function runChild(name: string, entry: string, options: SpawnOptions): Promise<string> {
  const handle = await spawnChild(name, entry, { ...options, readyPattern: undefined });
  const timer = options.timeoutMs ? setTimeout(() => handle.child.kill('SIGKILL'), options.timeoutMs) : undefined;
  const { code, signal } = await handle.exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${name} failed (${signal ?? `exit ${code}`}):\n${handle.output().slice(-4000)}`);
  return handle.output();
}

function killAll(signal: NodeJS.Signals): void {
  for (const child of live) {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

let installed = false;
/** Kills every child when the runner exits, is interrupted (Ctrl-C) or crashes. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => killAll('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the benchmark and its child processes`);
      killAll('SIGTERM');
      setTimeout(() => process.exit(130), 1500).unref();
      // A second signal exits at once.
      process.once(signal, () => process.exit(130));
    });
  }
}
