import { ValidationError } from '../errors';
import { TEMPLATES, type TemplateKind } from '../../templates';

/**
 * Checks a letter's fields against its kind's schema and returns them cleaned (trimmed, blanks
 * dropped). On failure a ValidationError lists every problem: `details.fields` maps each field path
 * to its message for the form, and the message names where list entries went wrong.
 */
export function validateLetterFields(kind: TemplateKind, fields: unknown): Record<string, unknown> {
  const template = TEMPLATES[kind];
  const result = template.schema.safeParse(fields);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const [name, index] = issue.path;
    const label = template.fields.find((f) => f.name === name)?.label;
    const where = label && typeof index === 'number' ? `${label} butir ke-${index + 1}: ` : '';
    return {
      field: issue.path.map(String).join('.'),
      message: issue.message,
      summary: where + issue.message,
    };
  });
  throw new ValidationError(
    `Isian ${template.label} belum lengkap atau tidak valid. ${problems.map((p) => p.summary).join(' ')}`,
    { fields: problems.map(({ field, message }) => ({ field, message })) },
  );
}
