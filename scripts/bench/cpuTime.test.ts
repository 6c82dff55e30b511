import { describe, expect, it } from 'vitest';
import { cpuSecondsOfProcessesNamed, machineBusySeconds, processCpuSeconds } from './cpuTime.ts';

/** Keeps this process on the CPU for `ms` milliseconds. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) Math.sqrt(Math.random());
}

describe.runIf(process.platform === 'linux')('CPU time from /proc', () => {
  it("counts a process's own CPU time as it spends it", () => {
    const before = processCpuSeconds(process.pid);
    spin(300);
    const spent = processCpuSeconds(process.pid) - before;
    // at least most of the spin (the machine may be shared: the spin is wall time, not CPU time)
    expect(spent).toBeGreaterThan(0.05);
    expect(spent).toBeLessThan(5);
  });

  it('reads 0 for a process that does not exist, and the machine as busy while this one spins', () => {
    expect(processCpuSeconds(2 ** 22 + 1)).toBe(0);
    const before = machineBusySeconds();
    spin(300);
    expect(machineBusySeconds() - before).toBeGreaterThan(0.05);
  });

  it('sums the processes of one name, this one among them', () => {
    const name = 'node';
    expect(cpuSecondsOfProcessesNamed(name)).toBeGreaterThanOrEqual(processCpuSeconds(process.pid));
    expect(cpuSecondsOfProcessesNamed('no-such-process-name')).toBe(0);
  });
});
