import { en } from "./en";
import { vi, type Messages } from "./vi";
import type { Locale } from "../format";

export type { Messages };
export const messages: Record<Locale, Messages> = { vi, en };
/** Cookie holding the person's language choice. */
export const LOCALE_COOKIE = "NEXT_LOCALE";
