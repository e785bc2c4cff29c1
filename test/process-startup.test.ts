import { createServer, connect } from 'node:net';
import { dropDatabase, freshDatabase } from './support/database';
import { TEST_JWT_SECRET } from './support/gateway';
import { GatewayProcess, jsonLines, runToExit, startProcess, stopProcesses } from './support/process';

/**
 * Starting and stopping the gateway as a process, where nothing depends on the database: log lines, the address it
 * binds, a busy port. Runs once per `npm test` (test/support/groups.js DATABASE_INDEPENDENT), on the run's first
 * database; what the processes do with data is test/operations-processes.test.ts's, on every database.
 */
/** Whether something accepts TCP connections at host:port (loopback addresses only). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('operating the gateway and the worker as processes', () => {
  let databaseUrl: string;
  let database: Awaited<ReturnType<typeof freshDatabase>>['config'];
  const running: GatewayProcess[] = [];

  beforeAll(async () => {
    ({ url: databaseUrl, config: database } = await freshDatabase('process-startup'));
  });

  afterAll(async () => {
    await stopProcesses(running);
    await dropDatabase(database);
  });

  it('development, output not a terminal: every line is JSON, start, ready and shutdown included; HOST defaults to 127.0.0.1 and the printed URL says so', async () => {
    const gateway = await startProcess('src/main.ts', { NODE_ENV: 'development', DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET });
    running.push(gateway);
    const port = Number(new URL(gateway.url).port);
    const ready = jsonLines(gateway.output()).find((line) => /^gateway ready at /.test(line.msg));
    expect(ready?.url).toBe(`http://127.0.0.1:${port}/graphql`);
    // Bound to 127.0.0.1 only: another loopback address of this host finds nothing listening.
    expect(await accepts('127.0.0.1', port)).toBe(true);
    expect(await accepts('127.0.0.2', port)).toBe(false);
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    const messages = jsonLines(gateway.output()).map((line) => line.msg);
    expect(messages[0]).toBe('starting');
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^migrations applied: /),
        expect.stringMatching(/^Development tokens/),
        'SIGTERM: shutting down',
        'gateway stopped',
        'stopped',
      ]),
    );
  }, 90_000);

  it('HOST=0.0.0.0 listens on every interface and prints that address', async () => {
    const gateway = await startProcess('src/main.ts', { DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, HOST: '0.0.0.0', IN_PROCESS_WORKER: 'false' });
    running.push(gateway);
    const port = Number(new URL(gateway.url).port);
    expect(jsonLines(gateway.output()).find((line) => /^gateway ready at /.test(line.msg))?.url).toBe(`http://0.0.0.0:${port}/graphql`);
    expect(await accepts('127.0.0.2', port)).toBe(true);
    gateway.child.kill('SIGINT');
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('a busy port: exit 1 with one line, "port N is in use"', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const { code, output } = await runToExit('src/main.ts', [], {
        DATABASE_URL: databaseUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        PORT: String(port),
        IN_PROCESS_WORKER: 'false',
      });
      expect(code).toBe(1);
      const errors = jsonLines(output).filter((line) => line.level >= 50);
      expect(errors.map((line) => line.msg)).toEqual([`port ${port} is in use (host 127.0.0.1): stop the process holding it or set PORT`]);
    } finally {
      holder.close();
    }
  }, 90_000);
});
