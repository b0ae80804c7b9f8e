import { pagerOf } from './pager';

/**
 * A filtered list's form values (each filter as text, '' when unset) and its pager, whose links keep
 * the filters that are set.
 */
export function filteredPager<F extends string>(
  fields: readonly F[],
  query: Partial<Record<F, unknown>>,
  result: { page: number; total: number },
  pageSize: number,
) {
  const filters = Object.fromEntries(
    fields.map((f) => [f, query[f] === undefined || query[f] === null ? '' : String(query[f])]),
  ) as Record<F, string>;
  const keep = new URLSearchParams(Object.entries<string>(filters).filter(([, v]) => v !== ''));
  const link = (p: number) => `?${new URLSearchParams([...keep, ['page', String(p)]])}`;
  return { filters, pager: pagerOf(result.page, result.total, pageSize, link) };
}
