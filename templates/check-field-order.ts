import type { z } from 'zod';

interface FieldOrder {
  earlier: string;
  later: string;
  /** True when the two may not be equal (a meeting cannot end when it starts). */
  strictly: boolean;
  message: string;
}

/**
 * Adds the rule "`later` is not before `earlier`" for two fields whose strings sort in time order
 * (yyyy-mm-dd dates, HH:MM times). It runs even when other fields have problems, so the form shows
 * every problem at once; it says nothing while either value is missing or not a string.
 */
export function checkFieldOrder<S extends z.ZodObject<Record<string, z.ZodType>>>(
  schema: S,
  order: FieldOrder,
): S {
  return schema.superRefine(
    (value, ctx) => {
      const earlier = value[order.earlier];
      const later = value[order.later];
      if (typeof earlier !== 'string' || typeof later !== 'string') return;
      if (later < earlier || (order.strictly && later === earlier)) {
        ctx.addIssue({ code: 'custom', path: [order.later], message: order.message });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
}
