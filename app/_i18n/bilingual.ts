import "server-only";
import { getTranslations } from "next-intl/server";
import type { Bilingual } from "@/lib/action-result";

type Values = Record<string, string | number>;

/**
 * A message of the UI catalogue in both languages, for an action's error (Vietnamese `message`,
 * English `messageEn`), whatever language the reader chose.
 * @example const m = await bilingual("auth.login"); fail("unauthenticated", m("invalid"))
 */
export async function bilingual(namespace: string): Promise<(key: string, values?: Values) => Bilingual> {
  const [vi, en] = await Promise.all([
    getTranslations({ locale: "vi", namespace }),
    getTranslations({ locale: "en", namespace }),
  ]);
  return (key, values) => ({ message: vi(key, values), messageEn: en(key, values) });
}
