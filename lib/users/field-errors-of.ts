import { ValidationError } from '../errors';

/** A ValidationError's per-field messages, for a form that shows each beside its field; null otherwise. */
export function fieldErrorsOf(err: unknown): Record<string, string> | null {
  if (!(err instanceof ValidationError)) return null;
  const fields = (err.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
  if (!fields?.length) return null;
  return Object.fromEntries(fields.map((f) => [f.field, f.message]));
}
