import { z } from 'zod';

/** One response a route declares. */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
}

/** What the OpenAPI document records about a route. */
export interface OperationSpec {
  method: string;
  path: string;
  summary: string;
  tags: string[];
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** Request body described by hand, for multipart uploads. */
  rawBody?: { contentType: string; schema: Record<string, unknown> };
  responses: Record<number, ResponseSpec>;
  security?: string[];
}

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** Turns `/api/x/:id` into `/api/x/{id}`. */
function openApiPath(path: string): string {
  return path.replace(/:(\w+)/gu, '{$1}');
}

function parametersOf(schema: z.ZodType | undefined, location: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

/** Collects route specs and renders the OpenAPI 3 document from the same zod schemas. */
export class OpenApiRegistry {
  private readonly operations: OperationSpec[] = [];

  add(operation: OperationSpec): void {
    this.operations.push(operation);
  }

  document(info: { title: string; version: string }): JsonSchema {
    const paths: Record<string, Record<string, JsonSchema>> = {};
    for (const op of this.operations) {
      const responses: Record<string, JsonSchema> = {};
      for (const [status, response] of Object.entries(op.responses)) {
        responses[status] = {
          description: response.description,
          ...(response.schema || response.contentType
            ? {
                content: {
                  [response.contentType ?? 'application/json']: {
                    schema: response.schema
                      ? toSchema(response.schema, 'output')
                      : { type: 'string', format: 'binary' },
                  },
                },
              }
            : {}),
        };
      }
      responses.default = {
        description: 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };

      const requestBody = op.body
        ? {
            required: true,
            content: { 'application/json': { schema: toSchema(op.body, 'input') } },
          }
        : op.rawBody
          ? { required: true, content: { [op.rawBody.contentType]: { schema: op.rawBody.schema } } }
          : undefined;

      const path = openApiPath(op.path);
      paths[path] ??= {};
      paths[path][op.method] = {
        summary: op.summary,
        tags: op.tags,
        parameters: [...parametersOf(op.params, 'path'), ...parametersOf(op.query, 'query')],
        ...(requestBody ? { requestBody } : {}),
        responses,
        ...(op.security ? { security: op.security.map((name) => ({ [name]: [] })) } : {}),
      };
    }

    return {
      openapi: '3.0.3',
      info,
      paths,
      components: {
        securitySchemes: {
          staffToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'Reviewer or operator access token',
          },
          staffCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'ucz_staff_at',
            description: 'Staff session cookie; unsafe methods also need X-CSRF-Token',
          },
          accountToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'Account access token (mini-program)',
          },
          accountCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'ucz_at',
            description: 'Account session cookie (website); unsafe methods also need X-CSRF-Token',
          },
          draftToken: { type: 'apiKey', in: 'header', name: 'X-Draft-Token' },
          applicationToken: { type: 'apiKey', in: 'header', name: 'X-Application-Token' },
        },
        schemas: {
          Error: {
            type: 'object',
            required: ['error'],
            properties: {
              error: {
                type: 'object',
                required: ['code', 'message'],
                properties: {
                  code: { type: 'string' },
                  message: { type: 'string' },
                  requestId: { type: 'string' },
                  fields: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        field: { type: 'string' },
                        code: { type: 'string' },
                        message: { type: 'string' },
                      },
                    },
                  },
                  details: { type: 'object', additionalProperties: true },
                },
              },
            },
          },
        },
      },
    };
  }
}
