/** The date the browser tests' servers believe it is, in Vietnam (DVCQ_TODAY, set in playwright.config.ts). */
export const E2E_TODAY = "2026-12-01";
