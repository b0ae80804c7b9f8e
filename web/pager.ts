/**
 * What the `pager` partial needs: the page, the last one, and the links to the pages beside it. A
 * capped total (countUpTo) has no known last page; it still guarantees rows after the current page.
 */
export function pagerOf(
  page: number,
  total: number,
  pageSize: number,
  href: (page: number) => string,
  capped = false,
) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  return {
    page,
    last: capped ? null : last,
    show: capped || last > 1,
    prev: page > 1 ? href(page - 1) : null,
    next: capped || page < last ? href(page + 1) : null,
  };
}
