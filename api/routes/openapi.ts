import { z } from 'zod';
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

interface ObjectSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

/** What a client may send for a schema (io 'input': before defaults and coercion), as JSON Schema. */
function inputSchema(schema: z.ZodType): Record<string, unknown> {
  // A transform has no JSON Schema of its own; it accepts what its input schema says, so "any" is honest.
  const json: Record<string, unknown> = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  delete json.$schema;
  return json;
}

/** One OpenAPI parameter per property of an object schema; path parameters are always required. */
function parametersOf(where: 'path' | 'query', schema: z.ZodType | undefined, pathNames: string[] = []) {
  const json: ObjectSchema = schema ? inputSchema(schema) : {};
  const names = where === 'path' ? pathNames : Object.keys(json.properties ?? {});
  return names.map((name) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: json.properties?.[name] ?? { type: 'string' },
  }));
}

/** The body: JSON, or for an upload route a multipart form with the file beside the same fields. */
function requestBodyOf(route: RouteDef) {
  const json: ObjectSchema = route.input?.body ? inputSchema(route.input.body) : { properties: {} };
  const content: Record<string, { schema: unknown }> = {};
  if (route.input?.body && (!route.upload || route.upload.optional)) {
    content['application/json'] = { schema: json };
  }
  if (route.upload) {
    const { field, optional } = route.upload;
    content['multipart/form-data'] = {
      schema: {
        type: 'object',
        properties: { ...json.properties, [field]: { type: 'string', format: 'binary' } },
        required: [...(json.required ?? []), ...(optional ? [] : [field])],
      },
    };
  }
  return Object.keys(content).length ? { requestBody: { content } } : {};
}

/** The OpenAPI document, generated from the route table so it cannot miss a route. */
export function openApiDocument(routes: RouteDef[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes.filter(
    (r) => r.path.startsWith('/api/') || r.path === '/health' || r.path === '/ready',
  )) {
    const pathNames = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const oaPath = r.path.replace(/:(\w+)/g, '{$1}');
    const isPublic = 'public' in r.access;
    const parameters = [
      ...parametersOf('path', r.input?.params, pathNames),
      ...parametersOf('query', r.input?.query),
    ];
    paths[oaPath] ??= {};
    paths[oaPath][r.method] = {
      summary: r.summary,
      ...(isPublic ? { security: [] } : {}),
      'x-eoffice-roles': isPublic ? 'public' : (r.access as { roles: unknown }).roles,
      ...(parameters.length ? { parameters } : {}),
      ...requestBodyOf(r),
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
