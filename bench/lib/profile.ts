import { readFileSync } from 'node:fs';

/**
 * Summary of a V8 .cpuprofile (node --cpu-prof): self time per package/file
 * and per function, so the gateway's overhead can be read without a viewer.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    // graphql and type-graphql by folder: execution vs validation vs utilities tells most.
    if (pkg === 'graphql' || pkg === 'type-graphql') return `${pkg}/${rest.slice(1, -1).join('/') || rest.at(-1)}`;
    if (pkg === 'typeorm') return `typeorm/${rest[1]}`;
    return pkg;
  }
  const src = url.indexOf('/src/');
  if (src >= 0 && !url.startsWith('node:')) return `src/${url.slice(src + 5)}`;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url.replace(/^file:\/\//, '');
}

/** Now on the clock V8 stamps profile samples with (CLOCK_MONOTONIC, µs), for `window`. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export interface ProfileSummary {
  /** Sampled CPU time that was not idle, µs. */
  busyMicros: number;
  totalMicros: number;
  areas: Map<string, number>;
  functions: Map<string, number>;
}

/**
 * Self time per package/file and per function. `window` ([from, to] from
 * monotonicMicros() in any process of this machine) keeps only the samples
 * taken meanwhile, e.g. the load run without start-up.
 */
export function readProfile(file: string, window?: [number, number]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window[0] || at > window[1])) return;
    self.set(id, (self.get(id) ?? 0) + delta);
  });
  let total = 0;
  let idle = 0;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, time] of self) {
    total += time;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += time;
      continue;
    }
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + time);
    const key = `${functionName || '(anonymous)'}  ${a}:${lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + time);
  }
  return { busyMicros: total - idle, totalMicros: total, areas, functions };
}

const sorted = (map: Map<string, number>, top: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);

export function summarizeProfile(file: string, top = 25, window?: [number, number]): string {
  return formatSummary(readProfile(file, window), top);
}

export function formatSummary(summary: ProfileSummary, top = 25): string {
  const { busyMicros: busy, totalMicros: total, areas, functions } = summary;
  const pct = (t: number) => `${((t / busy) * 100).toFixed(1).padStart(5)} %`;
  const lines = [
    `busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled (idle ${(((total - busy) / total) * 100).toFixed(0)} %); self time as % of busy`,
    '',
    'by package / file:',
  ];
  for (const [name, time] of sorted(areas, top)) lines.push(`  ${pct(time)}  ${name}`);
  lines.push('', 'by function:');
  for (const [name, time] of sorted(functions, top)) lines.push(`  ${pct(time)}  ${name}`);
  return lines.join('\n');
}

/**
 * CPU per request, gateway next to baseline, by package/file: where the
 * gateway spends the time the baseline does not.
 */
export function compareProfiles(gateway: ProfileSummary, gatewayRequests: number, baseline: ProfileSummary, baselineRequests: number, top = 25): string {
  const perRequest = (micros: number, requests: number) => micros / 1000 / requests;
  const names = new Set([...gateway.areas.keys(), ...baseline.areas.keys()]);
  const rows = [...names]
    .map((name) => {
      const g = perRequest(gateway.areas.get(name) ?? 0, gatewayRequests);
      const b = perRequest(baseline.areas.get(name) ?? 0, baselineRequests);
      return { name, g, b, delta: g - b };
    })
    .sort((x, y) => y.delta - x.delta);
  const gTotal = perRequest(gateway.busyMicros, gatewayRequests);
  const bTotal = perRequest(baseline.busyMicros, baselineRequests);
  const f = (v: number) => v.toFixed(2).padStart(7);
  const lines = [
    `CPU ms per request (self time, busy samples only): gateway ${gTotal.toFixed(2)}, baseline ${bTotal.toFixed(2)}, difference ${(gTotal - bTotal).toFixed(2)}`,
    '',
    '  gateway  baseline    extra  package / file (largest extra first)',
  ];
  for (const row of rows.slice(0, top)) lines.push(`  ${f(row.g)}   ${f(row.b)}  ${f(row.delta)}  ${row.name}`);
  lines.push('', 'gateway, top functions (ms per request):');
  for (const [name, time] of sorted(gateway.functions, top)) lines.push(`  ${f(perRequest(time, gatewayRequests))}  ${name}`);
  return lines.join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: ts-node --transpile-only bench/lib/profile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summarizeProfile(file, Number(process.argv[3] ?? 25)));
}
