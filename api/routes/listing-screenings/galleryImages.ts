/**
 * The marketplace's reference gallery (`/v1/gallery-images`): official product photos, known
 * counterfeits and pictures never to match. An upload is checked at intake (type from the bytes,
 * byte and pixel limits, decoded whole); a URL is fetched by the worker under the outbound rules.
 * Either way the gallery workflow fingerprints the picture, and a counterfeit one re-screens the
 * earlier listings whose pictures match it.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { LISTING_LIMITS } from '../../../core/listingScreening.ts';
import { listingGalleryWorkflowId } from '../../../workflows/names.ts';
import type { listingGalleryImage } from '../../../workflows/listingGallery.ts';
import { acceptImage } from '../../imageIntake.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { workflowStart } from '../../../core/workflowStarts.ts';
import { storeWithWorkflowStart } from '../../../core/workflowStartWrites.ts';
import { readDataAndFile } from '../../multipartForm.ts';
import { GalleryImageData, GalleryImageJson, GalleryImageView } from './schemas.ts';
import type { ListingScreeningDependencies } from './submit.ts';
import { workflowInput } from './submit.ts';
import type { GalleryImage } from '../../../prisma/generated/client.ts';

const presentGalleryImage = (image: GalleryImage & { _count?: { fingerprints: number } }) => ({
  id: image.id,
  brandKey: image.brandKey,
  label: image.label,
  source: image.source,
  note: image.note,
  status: image.status,
  failure: image.failure,
  sourceUrl: image.sourceUrl,
  mimeType: image.mimeType,
  width: image.width,
  height: image.height,
  byteSize: image.byteSize,
  fingerprints: image._count?.fingerprints ?? 0,
  createdAt: image.createdAt.toISOString(),
});

const readGalleryMultipart = (request: FastifyRequest) => readDataAndFile<GalleryImageData>(request, { fileField: 'image', schema: GalleryImageData, missingFileTitle: 'Image missing' });

export const galleryImageRoutes: FastifyPluginAsyncTypebox<ListingScreeningDependencies> = async (app, deps) => {
  const { prisma, config } = deps;
  const tags = ['listing screening'];

  /** The picture's indexing workflow, started through the outbox with its row (core/workflowStarts.ts). */
  const indexing = (id: string, tenantId: string) =>
    workflowStart<typeof listingGalleryImage>('listingGalleryImage', {
      workflowId: listingGalleryWorkflowId(id),
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      // one picture can re-screen many listings: their screening steps are bulk work
      args: [{ galleryImageId: id, tenantId, screening: workflowInput(config, '', tenantId, { bulk: true }) }],
    });

  app.post(
    '/v1/gallery-images',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      preValidation: async (request) => {
        if (request.body === undefined && !request.isMultipart()) {
          throw new ApiProblem(400, 'validation-failed', 'Request body required', 'Send multipart/form-data (image + data) or application/json with a url.', [{ field: 'body', message: 'is required' }]);
        }
      },
      schema: {
        summary: 'Add a picture to the reference gallery',
        description:
          'multipart/form-data with an `image` file (JPEG, PNG or WebP) and a `data` part (`{ brandKey?, label, source?, note? }`), or application/json with the same ' +
          'fields and a `url` the worker fetches. Labels: official, counterfeit (listings matching it are flagged, earlier ones re-screened), never_match (suppresses matches). Requires an Idempotency-Key.',
        tags,
        security: [{ apiKey: [] }],
        body: { content: { 'application/json': { schema: GalleryImageJson }, 'multipart/form-data': { schema: Type.Unknown() } } },
        response: { 201: GalleryImageView, ...problemResponses(400, 401, 409, 413, 415, 422, 429, 503) },
      } as never,
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      const id = randomUUID();
      let row: GalleryImage;
      if (request.isMultipart()) {
        const { data, bytes } = await readGalleryMultipart(request);
        if (await request.claimIdempotencyKey(reply, { ...data, imageBase64: bytes.toString('base64') })) return reply;
        const image = await acceptImage(bytes, { maxBytes: LISTING_LIMITS.galleryImageMaxBytes, maxPixels: LISTING_LIMITS.galleryImageMaxPixels }, 'multipart/image');
        row = await storeWithWorkflowStart(prisma, app.workflowStarts, indexing(id, tenantId), (tx) =>
          tx.galleryImage.create({
            data: { id, tenantId, ...data, status: 'stored', ...image, bytes: new Uint8Array(bytes), sha256: createHash('sha256').update(bytes).digest('hex'), workflowId: listingGalleryWorkflowId(id) },
          }),
        );
      } else {
        const { url, ...data } = request.body as GalleryImageJson;
        row = await storeWithWorkflowStart(prisma, app.workflowStarts, indexing(id, tenantId), (tx) =>
          tx.galleryImage.create({ data: { id, tenantId, ...data, sourceUrl: url, status: 'pending', workflowId: listingGalleryWorkflowId(id) } }),
        );
      }
      return reply.code(201).header('location', `/v1/gallery-images/${id}`).send(presentGalleryImage(row));
    },
  );

  const params = Type.Object({ id: Type.String({ format: 'uuid' }) });

  app.get(
    '/v1/gallery-images/:id',
    { onRequest: app.requireApiKey, schema: { summary: 'A gallery picture: label, status, fingerprints kept', tags, security: [{ apiKey: [] }], params, response: { 200: GalleryImageView, ...problemResponses(400, 401, 404) } } },
    async (request) => {
      const image = await prisma.galleryImage.findFirst({ where: { id: request.params.id, tenantId: tenantOf(request).tenantId }, include: { _count: { select: { fingerprints: true } } } });
      if (!image) throw new ApiProblem(404, 'not-found', 'Not found', `No gallery image ${request.params.id}`);
      return presentGalleryImage(image);
    },
  );

  app.delete(
    '/v1/gallery-images/:id',
    { onRequest: app.requireApiKey, schema: { summary: 'Remove a picture from the gallery (its fingerprints go with it)', tags, security: [{ apiKey: [] }], params, response: { 204: Type.Null(), ...problemResponses(400, 401, 404) } } },
    async (request, reply) => {
      const deleted = await prisma.galleryImage.deleteMany({ where: { id: request.params.id, tenantId: tenantOf(request).tenantId } });
      if (deleted.count === 0) throw new ApiProblem(404, 'not-found', 'Not found', `No gallery image ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );
};
