/**
 * CPU time from /proc (Linux): per process, for every process with a given name, and the machine's
 * busy time, so a bench can say where the time of a run went and whether cores were left idle.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat and /proc/stat (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process ended (or this is not Linux)
  }
}

/** User and system CPU seconds a process has used so far; 0 when it is gone. */
export function processCpuSeconds(pid: number): number {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return 0;
  // the command name (field 2) may hold spaces: count from the ')' closing it; utime and stime are fields 14 and 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds of every process whose name (/proc/<pid>/comm) is `name`, e.g. all PostgreSQL backends. */
export function cpuSecondsOfProcessesNamed(name: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || readText(`/proc/${entry}/comm`)?.trim() !== name) continue;
    total += processCpuSeconds(Number(entry));
  }
  return total;
}

/** Busy CPU seconds of the whole machine, all cores (everything but idle and I/O wait). */
export function machineBusySeconds(): number {
  const [, ...values] = (readText('/proc/stat') ?? 'cpu 0').split('\n')[0]!.trim().split(/\s+/);
  const ticks = values.map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (ticks.slice(0, 8).reduce((sum, value) => sum + value, 0) - idle) / TICKS_PER_SECOND;
}
