/** Flags for a headless Chromium on a closed network, run as root in containers and CI. */
export const HEADLESS_CHROMIUM_ARGS = [
  '--no-sandbox', // containers and CI run as root
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  // Without these, Chromium keeps calling home, and a closed network refuses it many times over.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
