/** Dotted paths back into nested objects: `{'mail.host': h}` → `{mail: {host: h}}`. */
export function unflattenSettings(flat: Record<string, unknown>): Record<string, unknown> {
  const nested: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split('.');
    let group = nested;
    for (const part of parts.slice(0, -1)) {
      const next = group[part];
      group = (typeof next === 'object' && next !== null ? next : (group[part] = {})) as Record<
        string,
        unknown
      >;
    }
    group[parts[parts.length - 1]] = value;
  }
  return nested;
}
