import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEMO_FIRST_CPF, loadDemoDataIfEmpty } from '../src/modules/demo';
import { loadConfig } from '../src/platform/config';
import { partnerClaims } from '../src/platform/security/viewer';
import { consentBearer, givenConsent } from './support/consents';
import { testDatabaseKind } from './support/database';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { noiseJpeg } from './support/images';

/**
 * The documentation runs (issue 21, point 6): every fenced block of README.md and docs/*.md whose info string
 * says `runnable` (```sh runnable, ```js runnable) is run as a reader would run it, against a gateway with the
 * demo data. Only what the docs define at their top is supplied (and a selfie.jpg beside the shell blocks): $GATEWAY (base URL), $CUSTOMER_TOKEN,
 * $PARTNER_TOKEN, $ANALYST_TOKEN and $RECEIVER_URL (a webhook receiver on loopback). What a block must answer
 * is either an `# expect: <status> <path>[=<json>] …` line in it (every curl of the block answered <status>;
 * each path of the last answer is present and not null, or equals <json>), or, without one, the ```json block
 * right after it (the last answer equals it).
 */
jest.setTimeout(120_000);

const root = join(__dirname, '..');
const RUNNABLE_LANGUAGES = ['sh', 'bash', 'js', 'mjs'];
const PARTNER_SCOPES = 'customer.read customer.write customer.update webhook.read webhook.write';

interface Block {
  file: string;
  line: number;
  language: string;
  info: string;
  body: string;
  /** The ```json block that follows with nothing but blank lines between, if any. */
  answer?: string;
}

function fencedBlocks(file: string): Block[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: (Block & { end: number })[] = [];
  for (let i = 0; i < lines.length; i++) {
    // A fence may be indented (a block inside a list item): its lines lose that indentation.
    const open = /^( *)```(\w*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1];
    let end = i + 1;
    while (end < lines.length && lines[end] !== `${indent}\`\`\``) end++;
    const body = lines.slice(i + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
    blocks.push({ file, line: i + 1, language: open[2], info: open[3].trim(), body: body.join('\n'), end });
    i = end;
  }
  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    if (next?.language === 'json' && lines.slice(block.end + 1, next.line - 1).every((line) => !line.trim())) block.answer = next.body;
  });
  return blocks;
}

function documentationFiles(): string[] {
  return [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => `docs/${name}`),
  ];
}

interface Expectation {
  status?: number;
  paths: { path: string; value?: unknown }[];
}

/** `# expect: 200 .data.x[0].y .data.z="text" .meta.n=1` (or `// expect:` in Node blocks). */
function expectationOf(body: string): Expectation | undefined {
  const line = /^\s*(?:#|\/\/)\s*expect:\s*(.*)$/m.exec(body);
  if (!line) return undefined;
  const rest = line[1].trim();
  const status = /^(\d{3})\b/.exec(rest);
  const paths: Expectation['paths'] = [];
  const token = /(\.[^\s=]+)(?:=("(?:[^"\\]|\\.)*"|\[[^\]]*\]|\{[^}]*\}|\S+))?/g;
  for (let match = token.exec(rest); match; match = token.exec(rest)) {
    paths.push(match[2] === undefined ? { path: match[1] } : { path: match[1], value: JSON.parse(match[2]) });
  }
  return { status: status ? Number(status[1]) : undefined, paths };
}

function valueAt(json: unknown, path: string): unknown {
  let value: any = json;
  for (const [, key, index] of path.matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) {
    if (value === null || value === undefined) return undefined;
    value = key !== undefined ? value[key] : value[Number(index)];
  }
  return value;
}

/**
 * Around a shell block: curl answers as in the reader's shell (the body on stdout), and also records its HTTP
 * status and its body for the assertions. Nothing else of the block is changed.
 */
const SHELL_PRELUDE = `set -e
curl() {
  local body code
  body=$(mktemp)
  code=$(command curl -sS -o "$body" -w '%{http_code}' "$@") || { rm -f "$body"; return 1; }
  cat "$body"
  cp "$body" "$DOC_LAST_BODY"
  echo "$code" >> "$DOC_STATUSES"
  rm -f "$body"
}
`;

function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe(`the documentation's runnable blocks on ${testDatabaseKind}`, () => {
  const blocks = documentationFiles()
    .flatMap(fencedBlocks)
    .filter((block) => /\brunnable\b/.test(block.info));
  let gw: TestGateway;
  let receiver: Server;
  let env: Record<string, string>;
  let work: string;

  beforeAll(async () => {
    gw = await startTestGateway('docs-runnable', { webhooks: { ...loadConfig().webhooks, allowedHosts: ['127.0.0.1'] } });
    await loadDemoDataIfEmpty(gw.dataSource);
    // A webhook receiver on loopback that accepts everything (the docs' $RECEIVER_URL).
    receiver = createServer((request, response) => request.resume().on('end', () => response.writeHead(200).end()));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const consent = await givenConsent(gw, { cpf: DEMO_FIRST_CPF });
    // Shell blocks run in this directory, which holds what a reader has beside them: a photo for the uploads.
    work = mkdtempSync(join(root, 'node_modules', '.docs-runnable-'));
    writeFileSync(join(work, 'selfie.jpg'), noiseJpeg());
    env = {
      GATEWAY: gw.url.replace(/\/graphql$/, ''),
      CUSTOMER_TOKEN: (await consentBearer(consent)).slice('Bearer '.length),
      PARTNER_TOKEN: await tokenFor({ ...partnerClaims('docs-partner'), scope: PARTNER_SCOPES }),
      ANALYST_TOKEN: gw.analyst.slice('Bearer '.length),
      RECEIVER_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
      DOC_LAST_BODY: join(work, 'last-body'),
      DOC_STATUSES: join(work, 'statuses'),
    };
  });
  afterAll(async () => {
    if (work) rmSync(work, { recursive: true, force: true });
    await new Promise((resolve) => receiver?.close(resolve));
    await gw?.stop();
  });

  it('the docs use the demo data, and the quick start, REST, journey and webhook examples are marked runnable', () => {
    expect(DEMO_FIRST_CPF).toBe('76667779065');
    const where = blocks.map((block) => block.file);
    expect(where.filter((file) => file === 'README.md').length).toBeGreaterThanOrEqual(2);
    expect(where).toContain('docs/data-receivers.md');
    expect(where.filter((file) => file === 'docs/partners.md').length).toBeGreaterThanOrEqual(2);
    expect(where).toContain('docs/mobile-developers.md');
    expect(blocks.some((block) => block.language === 'js')).toBe(true);
    for (const block of blocks) {
      expect(`${block.file}:${block.line} ${block.language}`).toMatch(new RegExp(` (${RUNNABLE_LANGUAGES.join('|')})$`));
      // Each block says what it must answer.
      expect(`${block.file}:${block.line} ${expectationOf(block.body) || block.answer !== undefined ? 'checked' : 'says nothing to check'}`).toMatch(
        / checked$/,
      );
    }
  });

  it.each(blocks.map((block) => [`${block.file}:${block.line}`, block] as const))('%s runs as written and answers as documented', async (_where, block) => {
    rmSync(env.DOC_LAST_BODY, { force: true });
    rmSync(env.DOC_STATUSES, { force: true });
    const expectation = expectationOf(block.body);
    let result: { code: number; stdout: string; stderr: string };
    let answer: unknown;
    if (block.language === 'sh' || block.language === 'bash') {
      result = await run('bash', ['-c', SHELL_PRELUDE + block.body], work, env);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      const statuses = readFileSync(env.DOC_STATUSES, 'utf8').trim().split('\n').map(Number);
      if (expectation?.status !== undefined) expect(statuses).toEqual(statuses.map(() => expectation.status));
      answer = JSON.parse(readFileSync(env.DOC_LAST_BODY, 'utf8'));
    } else {
      expect({ block: block.line, status: expectation?.status }).toEqual({ block: block.line, status: undefined }); // a Node block checks its own status
      // A Node block runs from inside the repository (its imports resolve from node_modules), with the docs' variables in process.env.
      const file = join(work, `block-${block.line}.mjs`);
      writeFileSync(file, block.body);
      result = await run(process.execPath, [file], root, env);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      answer = JSON.parse(result.stdout.trim().split('\n').pop() ?? 'null');
    }
    if (expectation) {
      for (const { path, value } of expectation.paths) {
        const actual = valueAt(answer, path);
        if (value === undefined) expect({ path, present: actual !== undefined && actual !== null }).toEqual({ path, present: true });
        else expect({ path, value: actual }).toEqual({ path, value });
      }
    } else {
      expect(answer).toEqual(JSON.parse(block.answer!));
    }
  });
});
