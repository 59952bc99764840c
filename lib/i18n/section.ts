/**
 * A feature's UI strings live in their own section file (lib/i18n/sections/<feature>.ts), so features
 * grow without editing one shared catalogue. `defineSection` checks that English has every Vietnamese key.
 */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export function defineSection<const T extends Record<string, unknown>>(vi: T, en: Widen<T>): { vi: T; en: Widen<T> } {
  return { vi, en };
}
