import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** Resident memory of a process from /proc/<pid>/status, in bytes (VmRSS now, VmHWM = peak). */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** Resets the peak (VmHWM) of a process to its current RSS (Linux ≥ 4.0; root or same user). */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Samples a process's RSS every `intervalMs` while a phase runs; the peak is
 * the larger of the highest sample and VmHWM (reset when the phase starts).
 */
export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  private max = 0;
  private readonly hwmReset: boolean;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.hwmReset = resetPeak(pid);
    const sample = () => {
      const memory = memoryOf(pid);
      if (memory) this.max = Math.max(this.max, memory.rss);
    };
    sample();
    this.timer = setInterval(sample, intervalMs);
  }

  stop(): { peak: number; after: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const memory = memoryOf(this.pid);
    const peak = Math.max(this.max, this.hwmReset && memory ? memory.peak : 0, memory?.rss ?? 0);
    return { peak, after: memory?.rss ?? NaN };
  }
}

export interface MachineInfo {
  date: string;
  nproc: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  os: string;
  loadAverageAtStart: number[];
}

export function machineInfo(): MachineInfo {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    // not Linux
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // keep os.cpus()
  }
  let os = `${process.platform} ${process.arch}`;
  try {
    os = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {
    // keep platform
  }
  return {
    date: new Date().toISOString(),
    nproc,
    cpuModel,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export const mib = (bytes: number) => (Number.isFinite(bytes) ? Math.round(bytes / 2 ** 20) : NaN);
