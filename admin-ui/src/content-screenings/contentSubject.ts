/**
 * Reads the `subject` the API's content-screening registration presents for a case
 * (api/routes/content-screenings/caseSubject.ts), defensively: a field that is missing or of
 * another shape reads as absent rather than breaking the page.
 */

export interface ExcerptPair {
  post: string;
  match: string;
  similarity: number;
}

export interface ClusterPost {
  postId: string;
  creatorId: string;
  postedAt: string;
  text: string;
  excerpts: ExcerptPair[];
}

export interface ContentSubject {
  postId: string;
  creatorId: string;
  surface: string;
  postedAt: string;
  caption: string;
  transcript: string | null;
  onScreenText: string | null;
  hashtags: string[];
  affiliateLink: boolean;
  platformPaidLabel: boolean;
  promotedSellerId: string | null;
  disclosure: string | null;
  cluster: { id: string; postCount: number; creatorCount: number; firstSeenAt: string; lastSeenAt: string } | null;
  sideBySide: ClusterPost[];
  cadence: { latestDay: string | null; postsOnLatestDay: number; medianPerActiveDay: number; postCount: number; clearDisclosureRate: number; burstiness: number | null } | null;
}

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function readExcerpts(value: unknown): ExcerptPair[] {
  return list(value).filter(isRecord).map((pair) => ({ post: text(pair.post) ?? '', match: text(pair.match) ?? '', similarity: count(pair.similarity) }));
}

export function readContentSubject(subject: unknown): ContentSubject | null {
  if (!isRecord(subject) || typeof subject.postId !== 'string') return null;
  const cluster = isRecord(subject.cluster) && typeof subject.cluster.id === 'string'
    ? { id: subject.cluster.id, postCount: count(subject.cluster.postCount), creatorCount: count(subject.cluster.creatorCount), firstSeenAt: text(subject.cluster.firstSeenAt) ?? '', lastSeenAt: text(subject.cluster.lastSeenAt) ?? '' }
    : null;
  const cadence = isRecord(subject.creatorCadence)
    ? {
        latestDay: text(subject.creatorCadence.latestDay),
        postsOnLatestDay: count(subject.creatorCadence.postsOnLatestDay),
        medianPerActiveDay: count(subject.creatorCadence.medianPerActiveDay),
        postCount: count(subject.creatorCadence.postCount),
        clearDisclosureRate: count(subject.creatorCadence.clearDisclosureRate),
        burstiness: typeof subject.creatorCadence.burstiness === 'number' ? subject.creatorCadence.burstiness : null,
      }
    : null;
  return {
    postId: subject.postId,
    creatorId: text(subject.creatorId) ?? '',
    surface: text(subject.surface) ?? '',
    postedAt: text(subject.postedAt) ?? '',
    caption: text(subject.caption) ?? '',
    transcript: text(subject.transcript),
    onScreenText: text(subject.onScreenText),
    hashtags: list(subject.hashtags).filter((tag): tag is string => typeof tag === 'string'),
    affiliateLink: subject.affiliateLink === true,
    platformPaidLabel: subject.platformPaidLabel === true,
    promotedSellerId: text(subject.promotedSellerId),
    disclosure: text(subject.disclosure),
    cluster,
    sideBySide: list(subject.sideBySide)
      .filter(isRecord)
      .map((post) => ({ postId: text(post.postId) ?? '', creatorId: text(post.creatorId) ?? '', postedAt: text(post.postedAt) ?? '', text: text(post.text) ?? '', excerpts: readExcerpts(post.excerpts) })),
    cadence,
  };
}

/** The tone a disclosure class is shown in. */
export function disclosureTone(disclosure: string | null): 'success' | 'warning' | 'error' | 'default' {
  if (disclosure === 'clear') return 'success';
  if (disclosure === 'ambiguous' || disclosure === 'buried') return 'warning';
  if (disclosure === 'missing' || disclosure === 'channel_mismatch') return 'error';
  return 'default';
}
