import { PRIORITIES, type Priority } from './types.ts';

/** MUI chip colours used for case priorities. */
export type PriorityColor = 'default' | 'info' | 'warning' | 'error';

const COLORS: Record<Priority, PriorityColor> = {
  low: 'default',
  normal: 'info',
  high: 'warning',
  urgent: 'error',
};

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}

/** Chip colour of a priority; anything the console does not know stays neutral. */
export function priorityColor(priority: unknown): PriorityColor {
  return isPriority(priority) ? COLORS[priority] : 'default';
}
