// A worker thread's entry: its module is TypeScript, which a thread loads only once tsx is
// registered in it (the parent's --import does not reach the thread's entry).
import { register } from 'tsx/esm/api';

register();
await import('./imageThread.ts');
