import { PUBLIC } from '../../lib/rbac/policy';
import type { RouteDef } from '../route';

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
};

/** The OpenAPI document, generated from the route table so it cannot miss a route. */
export function openApiDocument(routes: RouteDef[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes.filter(
    (r) => r.path.startsWith('/api/') || r.path === '/health' || r.path === '/ready',
  )) {
    const oaPath = r.path.replace(/:(\w+)/g, '{$1}');
    const isPublic = 'public' in r.access;
    paths[oaPath] ??= {};
    paths[oaPath][r.method] = {
      summary: r.summary,
      ...(isPublic ? { security: [] } : {}),
      'x-eoffice-roles': isPublic ? 'public' : (r.access as { roles: unknown }).roles,
      responses: {
        '200': { description: 'OK' },
        default: { description: 'Galat', content: { 'application/json': { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'e-Office Kabupaten Kuantan Singingi', version: '1' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}

export function openApiRoutes(routes: RouteDef[]): RouteDef[] {
  const self: RouteDef = {
    method: 'get',
    path: '/api/v1/openapi.json',
    access: PUBLIC,
    summary: 'This document.',
    handler: (ctx) => {
      ctx.body = openApiDocument([...routes, self]);
    },
  };
  return [self];
}
