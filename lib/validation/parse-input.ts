import type { z } from 'zod';
import { ValidationError } from '../errors';

/** Validates request input; on failure a 400 listing each field's problem, and nothing else happens. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({
    field: i.path.join('.') || '(body)',
    message: i.message,
  }));
  throw new ValidationError(`Data tidak valid: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, {
    fields,
  });
}
