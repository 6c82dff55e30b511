/** The dashboard's figures (GET /admin/v1/stats), read defensively, and their chart rows. */
export interface DailyFigures {
  day: string;
  decisions: number;
  automatic: number;
  escalated: number;
}

export interface CaseStats {
  openCases: number;
  overdueCases: number;
  daily: DailyFigures[];
  medianSecondsToDecision: number | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0);

export function parseStats(body: unknown): CaseStats | undefined {
  if (!isRecord(body) || !Array.isArray(body.daily)) return undefined;
  const median = body.medianSecondsToDecision;
  return {
    openCases: count(body.openCases),
    overdueCases: count(body.overdueCases),
    daily: body.daily.filter(isRecord).map((row) => ({
      day: typeof row.day === 'string' ? row.day : '',
      decisions: count(row.decisions),
      automatic: count(row.automatic),
      escalated: count(row.escalated),
    })),
    medianSecondsToDecision: typeof median === 'number' && Number.isFinite(median) ? median : null,
  };
}

/** A duration in its two largest units: "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "2026-05-01" → "05-01": the axis has no room for years. */
export const dayLabel = (day: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? day.slice(5) : day);

export interface QueueBar {
  id: string;
  name: string;
  /** open and not yet overdue, so the two stack to the queue's open count */
  onTime: number;
  overdue: number;
}

/** One bar per queue, busiest first. */
export function queueBars(queues: { id: unknown; name?: unknown; open?: unknown; overdue?: unknown }[]): QueueBar[] {
  return queues
    .map((queue) => {
      const open = count(queue.open);
      const overdue = Math.min(count(queue.overdue), open);
      return { id: String(queue.id), name: typeof queue.name === 'string' ? queue.name : String(queue.id), onTime: open - overdue, overdue };
    })
    .sort((a, b) => b.onTime + b.overdue - (a.onTime + a.overdue) || a.name.localeCompare(b.name));
}
