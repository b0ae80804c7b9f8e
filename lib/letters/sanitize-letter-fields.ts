import sanitizeHtml from 'sanitize-html';
import { TEMPLATES, type TemplateKind } from '../../templates';

/** What a letter body may contain: paragraphs, emphasis, lists and simple tables; no links, no styles. */
const BODY_POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    'ol',
    'ul',
    'li',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  disallowedTagsMode: 'discard',
};

/** Rich-text fields are the only HTML a template prints unescaped: they are cleaned here, on the server. */
export function sanitizeLetterFields(kind: string, fields: Record<string, unknown>): Record<string, unknown> {
  const template = TEMPLATES[kind as TemplateKind];
  if (!template) return fields;
  const clean = { ...fields };
  for (const field of template.fields) {
    const value = clean[field.name];
    if (field.type === 'richtext' && typeof value === 'string')
      clean[field.name] = sanitizeHtml(value, BODY_POLICY);
  }
  return clean;
}
