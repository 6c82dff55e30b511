/**
 * The buyer page's API (`/v1/buyer/checks/:token`), public and scoped by the link's token: the
 * check's state in the buyer's words, and the buyer's photos and typed code. It answers nothing
 * the buyer did not send or need: never the buyer's or seller's ids, the seller's record, the
 * signals, scores, thresholds or which data answered; only what was checked, what was found,
 * what happens next, and which photos to take again with the detectors' buyer-facing message.
 *
 * A token that does not verify (forged, expired, another check's, a check gone) gets one answer,
 * the same 404 whichever it is. Requests are limited per check (a link whose signature holds
 * counts against its check, so a leaked link cannot flood it; forged ones share one budget of
 * their own and never spend a real check's) and per client address, on the shared rate-limit
 * store.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AUTHENTICITY_PHOTO_KINDS, AUTHENTICITY_PHOTO_LIMITS, AUTHENTICITY_REOPEN_LIMITS, AUTHENTICITY_REFUND_REQUESTED_EVENT, AUTHENTICITY_TEXT_LIMITS, authenticityCheckCases } from '../../../core/authenticityCheck.ts';
import type { Config } from '../../../core/config.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { presentVerdict } from '../../../core/verdictView.ts';
import { retakeRequestsOf } from '../../../workers/detectors/authenticityPhotos/retake.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { BUYER_TOKEN_MAX_LENGTH, type BuyerLinks } from './buyerLinks.ts';
import { storeBuyerPhotos } from './buyerPhotos.ts';

const linkNotValid = () => new ApiProblem(404, 'link-not-valid', 'This link does not work', 'The link is not valid any more. Ask the shop for a new link to check your product.');

/** The photos the page asks for first, one at a time, each with its hint. */
const FIRST_ASKS = [
  { kind: 'label', hint: 'The whole label, in focus: hold the phone still and tap the label so the text is sharp.' },
  { kind: 'code', hint: 'The code close up: fill the screen with the barcode or square code, no glare.' },
] as const;

const BuyerState = Type.Union([
  Type.Literal('send_photos'),
  Type.Literal('retake'),
  Type.Literal('checking'),
  Type.Literal('in_review'),
  Type.Literal('likely_genuine'),
  Type.Literal('likely_counterfeit'),
  Type.Literal('closed'),
  Type.Literal('failed'),
]);
export const BuyerCheckView = Type.Object({
  state: BuyerState,
  product: Type.Object({ brand: Type.Union([Type.String(), Type.Null()]), title: Type.Union([Type.String(), Type.Null()]), order: Type.String({ description: 'the marketplace’s order the product came in' }) }),
  code: Type.Union([Type.String(), Type.Null()], { description: 'the code as the buyer (or the marketplace for them) sent it' }),
  asks: Type.Array(Type.Object({ kind: Type.String(), hint: Type.String() }), { description: 'the photos to send now, in order' }),
  checked: Type.Array(Type.String(), { description: 'what was checked, in plain words' }),
  found: Type.Union([Type.String(), Type.Null()]),
  next: Type.Union([Type.String(), Type.Null()]),
  photosUntil: Type.Union([Type.String(), Type.Null()]),
  photosSent: Type.Integer(),
});
export type BuyerCheckView = Static<typeof BuyerCheckView>;

const BuyerPhotoSubmission = Type.Object(
  {
    photos: Type.Array(
      Type.Object(
        {
          kind: Type.Union(AUTHENTICITY_PHOTO_KINDS.map((kind) => Type.Literal(kind))),
          imageBase64: Type.String({ minLength: 1, maxLength: Math.ceil(AUTHENTICITY_PHOTO_LIMITS.maxBytes / 3) * 4 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: AUTHENTICITY_PHOTO_LIMITS.photosMax },
    ),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: AUTHENTICITY_TEXT_LIMITS.claimedCode, description: 'the code as typed, or as the phone read it' })),
  },
  { additionalProperties: false },
);

const hours = (seconds: number) => Math.max(1, Math.round(seconds / 3600));

export async function presentForBuyer(prisma: PrismaClient, config: Pick<Config, 'CASE_SLA_SECONDS'>, checkId: string, now = new Date()): Promise<BuyerCheckView | null> {
  const row = await prisma.authenticityCheck.findUnique({ where: { id: checkId } });
  if (!row) return null;
  const [brand, listing, photosSent, verdict, refund] = await Promise.all([
    row.brandKey ? prisma.brand.findUnique({ where: { tenantId_key: { tenantId: row.tenantId, key: row.brandKey } }, select: { name: true } }) : null,
    row.listingId ? prisma.listingScreening.findFirst({ where: { tenantId: row.tenantId, listingId: row.listingId }, orderBy: { createdAt: 'desc' }, select: { title: true } }) : null,
    prisma.authenticityCheckPhoto.count({ where: { checkId, replacedAt: null } }),
    presentVerdict(prisma, authenticityCheckCases.subjectType, { id: checkId, outcome: row.finalOutcome }),
    prisma.webhookEvent.count({ where: { subjectType: authenticityCheckCases.subjectType, subjectId: checkId, type: AUTHENTICITY_REFUND_REQUESTED_EVENT } }),
  ]);
  const windowOpen = row.photosWindowClosesAt !== null && row.photosWindowClosesAt > now;
  const codes = verdict.signals.some((signal) => /^authenticity\.(code_|photo_code_|gtin_|serial_)/.test(signal.code));
  const checked = [
    ...(codes || row.claimedCode ? ['The code printed on the product'] : []),
    ...(photosSent > 0 ? ['Your photos of the product'] : []),
  ];
  const base = { product: { brand: brand?.name ?? row.brandKey, title: listing?.title ?? null, order: row.orderId }, code: row.claimedCode, photosSent, photosUntil: windowOpen ? row.photosWindowClosesAt!.toISOString() : null };
  const sla = `A moderator will look at it within about ${hours(config.CASE_SLA_SECONDS)} hours and the answer will appear here.`;
  if (row.status === 'awaiting_photos') {
    if (windowOpen) return { ...base, state: 'send_photos', asks: [...FIRST_ASKS], checked: [], found: null, next: 'Take the photos below, one at a time. We check them in about a minute.' };
    return { ...base, state: 'checking', asks: [], checked, found: null, next: 'We are checking what you sent.' };
  }
  if (row.status === 'failed') return { ...base, state: 'failed', asks: [], checked, found: 'We could not finish the check.', next: 'The shop has been told and will contact you.' };
  if (row.status === 'awaiting_review' || row.status === 'awaiting_seller_response') {
    return { ...base, state: 'in_review', asks: [], checked, found: 'What you sent needs a person to look at it.', next: sla };
  }
  if (row.status !== 'completed') return { ...base, state: 'checking', asks: [], checked, found: null, next: 'We are checking what you sent. This usually takes under a minute.' };
  if (row.finalOutcome === 'likely_genuine') {
    return { ...base, state: 'likely_genuine', asks: [], checked, found: 'Nothing we checked points to a fake: your product looks genuine.', next: 'Nothing more to do.' };
  }
  if (row.finalOutcome === 'likely_counterfeit') {
    return {
      ...base,
      state: 'likely_counterfeit',
      asks: [],
      checked,
      found: 'What you sent does not match the brand’s genuine product: it is likely a fake.',
      next: refund > 0 ? 'A refund is on its way: we asked the shop to refund you. You do not need to send the product back unless the shop asks.' : 'We asked the shop to refund you; it will contact you.',
    };
  }
  // retake_requested: the policy names each photo and why; a moderator's "needs more photos" names none
  const retake = retakeRequestsOf(verdict.signals);
  const asks = retake.length > 0 ? retake.map((request) => ({ kind: request.kind, hint: request.message })) : FIRST_ASKS.map((ask) => ({ ...ask }));
  const found = retake.length > 0 ? 'We could not see enough on your photos to tell.' : 'A moderator asked for clearer photos to tell.';
  if (windowOpen) return { ...base, state: 'retake', asks, checked, found, next: 'Take the photos below again. The check goes on with the new ones.' };
  // no window yet: the shop is being told of the outcome first (the window opens right after), unless it ran out or no rounds are left
  if (row.round >= AUTHENTICITY_REOPEN_LIMITS.roundsMax || row.photosWindowClosesAt !== null) {
    return { ...base, state: 'closed', asks: [], checked, found, next: 'The time to send photos has passed. Contact the shop if you still need help.' };
  }
  return { ...base, state: 'checking', asks: [], checked, found: null, next: 'We are checking what you sent.' };
}

export const buyerPageRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient; config: Config; links: BuyerLinks }> = async (app, { prisma, config, links }) => {
  const tokenOf = (request: FastifyRequest) => String((request.params as { token?: unknown }).token ?? '');
  const window = { max: config.BUYER_PAGE_REQUESTS_PER_MINUTE, timeWindow: 60_000 };
  // both budgets count every request (the plugin's own hook runs one limit per request, so the two are applied here)
  const limiters = [
    app.createRateLimit({ ...window, keyGenerator: (request) => `buyer-page-address:${request.ip}` }),
    app.createRateLimit({ ...window, keyGenerator: (request) => `buyer-page-check:${links.rateLimitKey(tokenOf(request))}` }),
  ];
  const limits = async (request: FastifyRequest) => {
    const results = await Promise.all(limiters.map(async (limiter) => await limiter(request)));
    const exceeded = results.filter((result) => !result.isAllowed && result.isExceeded);
    if (exceeded.length === 0) return;
    const retryAfter = Math.max(...exceeded.map((result) => (result.isAllowed ? 0 : result.ttlInSeconds)));
    throw new ApiProblem(429, 'rate-limited', 'Too many requests', `Too many requests: try again in ${retryAfter} seconds.`, undefined, { 'retry-after': String(retryAfter) });
  };
  const checkOf = async (token: string) => {
    const checkId = links.verify(token);
    const check = checkId ? await prisma.authenticityCheck.findUnique({ where: { id: checkId }, select: { id: true, tenantId: true } }) : null;
    if (!check) throw linkNotValid();
    return check;
  };
  const params = Type.Object({ token: Type.String({ minLength: 1, maxLength: BUYER_TOKEN_MAX_LENGTH }) });
  const tags = ['buyer page'];
  const noStore = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

  app.get(
    '/v1/buyer/checks/:token',
    {
      onRequest: limits,
      config: { rateLimit: false },
      schema: {
        summary: 'A check as its buyer sees it (the buyer page’s link, no API key)',
        description: `The state, what was checked and found, what happens next, and the photos to send. A token that is forged, expired or not this check’s: 404 link-not-valid, the same whichever. At most ${config.BUYER_PAGE_REQUESTS_PER_MINUTE} requests a minute per check and per address.`,
        tags,
        params,
        response: { 200: BuyerCheckView, ...problemResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      // the view reads the check itself: an unknown one is the same refusal as a bad token
      const checkId = links.verify(request.params.token);
      const view = checkId ? await presentForBuyer(prisma, config, checkId) : null;
      if (!view) throw linkNotValid();
      return reply.headers(noStore).send(view);
    },
  );

  app.post(
    '/v1/buyer/checks/:token/photos',
    {
      onRequest: limits,
      config: { rateLimit: false },
      bodyLimit: AUTHENTICITY_PHOTO_LIMITS.bodyMaxBytes,
      schema: {
        summary: 'The buyer’s photos and typed code, while the check waits for them',
        description: 'Inline photos only (base64 JPEG, PNG or WebP), as at intake; `code` as typed or read by the phone. 202 with the check as the buyer sees it; 409 photos-not-awaited when the check is not waiting for photos.',
        tags,
        params,
        body: BuyerPhotoSubmission,
        response: { 202: BuyerCheckView, ...problemResponses(400, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const check = await checkOf(request.params.token);
      const { photos, code } = request.body;
      if (photos.length === 0 && code === undefined) throw new ApiProblem(400, 'validation-failed', 'Nothing to check', 'Send at least one photo or the code.', [{ field: 'body/photos', message: 'must hold a photo when no code is sent' }]);
      await storeBuyerPhotos({ prisma, starter: app.workflowStarts }, check, { photos, claimedCode: code });
      const view = await presentForBuyer(prisma, config, check.id);
      return reply.code(202).headers(noStore).send(view!);
    },
  );
};
