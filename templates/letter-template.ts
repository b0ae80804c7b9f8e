import type { z } from 'zod';

/** How the letter form asks for a field; the schema built from it checks the matching shape. */
export type FieldType = 'text' | 'textarea' | 'date' | 'time' | 'richtext' | 'list' | 'list-of-people';

/** One input of a letter's form. */
export interface FieldMeta {
  name: string;
  /** Indonesian label shown on the form and in error messages. */
  label: string;
  type: FieldType;
  required: boolean;
  help?: string;
  /** The customary wording, prefilled in the form for the drafter to adapt. */
  defaultValue?: string;
  /** A rule on the whole value, usable as the form input's `pattern` attribute too. */
  pattern?: { source: string; message: string };
  /** The sub-fields of each entry of a `list-of-people`. */
  itemFields?: FieldMeta[];
}

/** One kind of naskah dinas: its form, the schema its fields must satisfy, and a filled example. */
export interface LetterTemplate {
  kind: string;
  label: string;
  description: string;
  /** How the form names the letter's subject (perihal), which every kind has. */
  subject: { label: string; help: string };
  fields: FieldMeta[];
  schema: z.ZodType<Record<string, unknown>>;
  /** A complete set of fields: shown as "contoh pengisian" and rendered by the tests. */
  example: Record<string, unknown>;
}
