import type { z } from 'zod';
import type { RouteDef } from '../../api/route';

/** zod 4's own description of a schema: its kind and the parts it wraps. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Paths of the free-text (string) fields a schema takes, `a.b` for nested objects, `a[]` for lists. */
export function textFieldsOf(schema: z.ZodType, prefix = ''): string[] {
  const def = defOf(schema);
  const inner = (s: z.ZodType | undefined, p = prefix) => (s ? textFieldsOf(s, p) : []);
  switch (def.type) {
    case 'string':
      return [prefix];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([k, v]) => inner(v, prefix ? `${prefix}.${k}` : k));
    case 'record':
      return [`${prefix}.*`];
    case 'array':
      return inner(def.element, `${prefix}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
      return inner(def.innerType);
    case 'pipe':
      // A preprocess or transform: what the handler finally keeps is the output's.
      return [...new Set([...inner(def.in), ...inner(def.out)])];
    case 'union':
      return [...new Set((def.options ?? []).flatMap((o) => inner(o)))];
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    case 'lazy':
      return inner(def.getter?.());
    default:
      return [];
  }
}

/** "METHOD path field" for every free-text body field of the routes that declare their input. */
export function routeTextFields(routes: RouteDef[]): string[] {
  return routes.flatMap((r) =>
    r.input?.body
      ? textFieldsOf(r.input.body).map((field) => `${r.method.toUpperCase()} ${r.path} ${field}`)
      : [],
  );
}
