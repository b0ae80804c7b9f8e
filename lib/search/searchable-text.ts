import { htmlToPlainText } from '../letters/html-to-plain-text';

/**
 * Every string value of a letter's stored fields (JSON), as plain text: what the body says, without
 * its keys or the tags of its rich text (a search for "strong" must not find every bold word).
 */
export function fieldStrings(fieldsJson: string | null): string[] {
  if (!fieldsJson) return [];
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value.includes('<') ? htmlToPlainText(value) : value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(JSON.parse(fieldsJson));
  return strings;
}
