import { describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.ts';
import { workerProcesses } from './workerProcesses.ts';

describe('worker processes of npm start', () => {
  it('runs bulk work in a process apart from the interactive queues by default', () => {
    expect(workerProcesses(loadConfig({}).WORKER_TASK_QUEUES)).toEqual([
      { name: 'worker', queues: ['main', 'documents'] },
      { name: 'bulk', queues: ['bulk'] },
    ]);
  });

  it('starts only the processes the named queues need', () => {
    expect(workerProcesses(['main'])).toEqual([{ name: 'worker', queues: ['main'] }]);
    expect(workerProcesses(['bulk'])).toEqual([{ name: 'bulk', queues: ['bulk'] }]);
  });
});
