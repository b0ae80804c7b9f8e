import { diffWords, type Change } from 'diff';
import { TEMPLATES, type TemplateKind } from '../../templates';
import type { FieldMeta } from '../../templates/letter-template';
import { htmlToPlainText } from './html-to-plain-text';

/** The parts of a version the diff compares: the subject and the kind's fields. */
export interface DiffableContent {
  kind: string;
  subject: string;
  fields: Record<string, unknown>;
}

function valueText(meta: FieldMeta | undefined, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return meta?.type === 'richtext' ? htmlToPlainText(value) : value.trim();
  if (Array.isArray(value)) {
    return value
      .map((item, i) =>
        item && typeof item === 'object'
          ? `${i + 1}. ${Object.values(item as Record<string, unknown>)
              .map((v) => String(v ?? '').trim())
              .filter(Boolean)
              .join(', ')}`
          : `${i + 1}. ${String(item)}`,
      )
      .join('\n');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * A version as readable plain text: "Perihal: …", then each field of its kind under its Indonesian
 * label, in the form's order (fields the kind does not know follow under their own names).
 */
export function letterPlainText(content: DiffableContent): string {
  const template = TEMPLATES[content.kind as TemplateKind];
  const metas = template?.fields ?? [];
  const lines = [`${template?.subject.label ?? 'Perihal'}: ${content.subject.trim()}`];
  const known = new Set<string>();
  for (const meta of metas) {
    known.add(meta.name);
    const text = valueText(meta, content.fields[meta.name]);
    if (text) lines.push(`${meta.label}:\n${text}`);
  }
  for (const [name, value] of Object.entries(content.fields)) {
    if (known.has(name)) continue;
    const text = valueText(undefined, value);
    if (text) lines.push(`${name}:\n${text}`);
  }
  return lines.join('\n\n');
}

/** Word-level changes from one version to the next (jsdiff); `previous` null: everything is new. */
export function diffLetterVersions(previous: DiffableContent | null, next: DiffableContent): Change[] {
  return diffWords(previous ? letterPlainText(previous) : '', letterPlainText(next));
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The changes as safe HTML: insertions in <ins>, deletions in <del>, styled with Bootstrap classes. */
export function diffToHtml(changes: Change[]): string {
  const html = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');
  return changes
    .map((part) => {
      if (!part.added && !part.removed) return html(part.value);
      // Whitespace around a change stays outside the mark, so a line break is never highlighted.
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.value)!;
      if (!core) return part.added ? html(part.value) : '';
      const tag = part.added ? 'ins' : 'del';
      const tone = part.added ? 'success' : 'danger';
      return `${html(lead)}<${tag} class="bg-${tone}-subtle text-${tone}-emphasis px-1 rounded-1">${html(core)}</${tag}>${html(trail)}`;
    })
    .join('');
}

/** How much changed, for a one-line summary ("3 kata ditambah, 1 kata dihapus"). */
export function diffStats(changes: Change[]): { added: number; removed: number } {
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  return changes.reduce(
    (acc, c) => ({
      added: acc.added + (c.added ? words(c.value) : 0),
      removed: acc.removed + (c.removed ? words(c.value) : 0),
    }),
    { added: 0, removed: 0 },
  );
}
