/** Names the regency's CA writes into every certificate. */
export const REGENCY_ORGANIZATION = 'Pemerintah Kabupaten Kuantan Singingi';
export const CA_OPERATOR_UNIT = 'Dinas Komunikasi, Informatika, Statistik dan Persandian';
export const ROOT_COMMON_NAME = 'Root CA Pemerintah Kabupaten Kuantan Singingi';
export const COUNTRY = 'ID';
