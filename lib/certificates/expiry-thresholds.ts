/** A certificate that ends within this many days is "segera kedaluwarsa": registry, dashboard, notices. */
export const EXPIRY_WARNING_DAYS = 30;

/** Days before the end at which the holder and the superadmins are told, each once, widest first. */
export const EXPIRY_NOTICE_DAYS = [EXPIRY_WARNING_DAYS, 7] as const;
