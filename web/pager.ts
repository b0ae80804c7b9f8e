/** What the `pager` partial needs: the page, the last one, and the links to the pages beside it. */
export function pagerOf(page: number, total: number, pageSize: number, href: (page: number) => string) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  return {
    page,
    last,
    show: last > 1,
    prev: page > 1 ? href(page - 1) : null,
    next: page < last ? href(page + 1) : null,
  };
}
