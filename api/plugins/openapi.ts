import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemSchema } from '../problem.ts';

/** The OpenAPI document comes from the routes' own TypeBox schemas; /docs renders it. */
export default fp(async function openapiPlugin(app: FastifyInstance, { publicUrl }: { publicUrl: string }) {
  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bonafide API',
        version: '1',
        description:
          'Trust-and-safety checks for social commerce. Marketplace endpoints live under /v1 and take an API key; ' +
          'console endpoints live under /admin/v1 and take a moderator session. Errors are application/problem+json.',
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'Marketplace API key (bf_...)' },
          session: { type: 'apiKey', in: 'cookie', name: 'bonafide_session' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
