/**
 * Coordinated promotion: creators who share script clusters within a time window form a
 * co-promotion graph; at least `minCreators` creators who all posted the same `minScripts` scripts
 * within `windowDays` are one coordinated group, reported with its members and scripts (and the
 * sellers they promoted in common, as context).
 *
 * Input: the screened creator's scripts in the window and, for each, who else posted it when
 * (the storage reads these by cluster, never by scanning posts). Exact for the screened creator:
 * every combination of `minScripts` of its scripts is tried (its scripts are capped at
 * `maxScripts`, the most recent, so the work is bounded).
 *
 * Catches: an agency handing the same scripts to a roster of accounts. Misses: groups that
 * paraphrase every script (no shared cluster), groups linked only by sellers or affiliate links
 * (listed as evidence, not counted), rosters spread wider than the window.
 */
import type { DetectorModule, Signal } from '../../../core/signals.ts';

export interface ScriptPosting {
  clusterId: string;
  creatorId: string;
  postedAt: string;
  promotedSellerId: string | null;
}

export interface CoordinationInput {
  creatorId: string;
  /** postings of every script the creator posted in the window, by anyone */
  postings: readonly ScriptPosting[];
  now: string;
}

export interface CoordinationThresholds {
  minCreators: number;
  minScripts: number;
  windowDays: number;
  maxScripts: number;
}

export const coordinationThresholds: CoordinationThresholds = { minCreators: 5, minScripts: 3, windowDays: 7, maxScripts: 16 };

export interface CoordinatedGroup {
  members: string[];
  scripts: string[];
  sharedSellers: string[];
}

function* combinations<T>(items: readonly T[], size: number, start = 0, chosen: T[] = []): Generator<T[]> {
  if (chosen.length === size) {
    yield [...chosen];
    return;
  }
  for (let index = start; index <= items.length - (size - chosen.length); index += 1) {
    chosen.push(items[index]!);
    yield* combinations(items, size, index + 1, chosen);
    chosen.pop();
  }
}

export function findCoordinatedGroup(input: CoordinationInput, limits: CoordinationThresholds = coordinationThresholds): CoordinatedGroup | null {
  const since = new Date(input.now).getTime() - limits.windowDays * 86_400_000;
  const recent = input.postings.filter((posting) => new Date(posting.postedAt).getTime() >= since);
  const scriptsOf = new Map<string, Set<string>>();
  const lastUse = new Map<string, number>();
  for (const posting of recent) {
    const set = scriptsOf.get(posting.creatorId) ?? new Set<string>();
    set.add(posting.clusterId);
    scriptsOf.set(posting.creatorId, set);
    if (posting.creatorId === input.creatorId) lastUse.set(posting.clusterId, Math.max(lastUse.get(posting.clusterId) ?? 0, new Date(posting.postedAt).getTime()));
  }
  const own = [...(scriptsOf.get(input.creatorId) ?? [])].sort((left, right) => (lastUse.get(right) ?? 0) - (lastUse.get(left) ?? 0) || left.localeCompare(right)).slice(0, limits.maxScripts);
  if (own.length < limits.minScripts) return null;
  let best: { members: string[]; core: string[] } | null = null;
  for (const core of combinations(own, limits.minScripts)) {
    const members = [...scriptsOf.entries()].filter(([, scripts]) => core.every((script) => scripts.has(script))).map(([creator]) => creator);
    if (members.length >= limits.minCreators && (!best || members.length > best.members.length)) best = { members: members.sort(), core };
  }
  if (!best) return null;
  const memberSet = new Set(best.members);
  // Every script of the creator that at least `minCreators` of the group posted.
  const scripts = own.filter((script) => best!.members.filter((member) => scriptsOf.get(member)!.has(script)).length >= limits.minCreators).sort();
  const sellerCreators = new Map<string, Set<string>>();
  for (const posting of recent) {
    if (!posting.promotedSellerId || !memberSet.has(posting.creatorId)) continue;
    const set = sellerCreators.get(posting.promotedSellerId) ?? new Set<string>();
    set.add(posting.creatorId);
    sellerCreators.set(posting.promotedSellerId, set);
  }
  const sharedSellers = [...sellerCreators.entries()].filter(([, creators]) => creators.size >= 2).map(([seller]) => seller).sort();
  return { members: best.members, scripts, sharedSellers };
}

const detector = { id: 'content-coordination', version: '1' };

export const coordinationDetector: DetectorModule<CoordinationInput, CoordinationThresholds> = {
  ...detector,
  description: 'A group of creators posting the same scripts within a window (co-promotion graph)',
  thresholds: coordinationThresholds,
  detect(input, limits = coordinationThresholds): Signal[] {
    const group = findCoordinatedGroup(input, limits);
    if (!group) return [];
    return [
      {
        code: 'content.coordinated_group',
        severity: 'high',
        score: Math.min(1, 0.75 + 0.02 * (group.members.length - limits.minCreators) + 0.02 * (group.scripts.length - limits.minScripts)),
        summary: `${group.members.length} creators posted the same ${group.scripts.length} scripts within ${limits.windowDays} days`,
        evidence: {
          members: group.members.slice(0, 100),
          memberCount: group.members.length,
          scriptClusterIds: group.scripts,
          sharedPromotedSellers: group.sharedSellers.slice(0, 50),
          windowDays: limits.windowDays,
          minCreators: limits.minCreators,
          minScripts: limits.minScripts,
        },
        detector,
      },
    ];
  },
};
