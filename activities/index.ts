// Activities registered on the worker, grouped by concern (letters, documents, delivery, notify).
export const activities = {};
