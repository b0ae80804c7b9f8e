/**
 * Custom search attributes the workflows set, so admins can find letters in the Temporal UI.
 * The embedded dev server registers them at start; production registers them with admin-tools.
 */
export const SEARCH_ATTRIBUTES = {
  EofficeOpd: 'Keyword',
  EofficeStatus: 'Keyword',
  EofficeLetterNumber: 'Keyword',
} as const;
