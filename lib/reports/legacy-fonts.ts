/**
 * Text typed in the legacy Vietnamese fonts (.VnTime = TCVN3/ABC, VNI-Times = VNI) shows up in Word
 * files and copies as Latin-1 look-alikes ("TiÕng ViÖt", "Tieáng Vieät"). Detect and convert to Unicode.
 */

const UNI = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ";
const TCVN3 = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦";

const TCVN3_MAP = new Map<string, string>();
for (let i = 0; i < UNI.length; i++) TCVN3_MAP.set(TCVN3[i], UNI[i]);

/** Characters that only TCVN3 text uses (never in Unicode Vietnamese, never in VNI). */
const TCVN3_ONLY = /[µ¸¶·¹¨»¾¼½©®ª«¬\u00ad¡¢§£¤¥¦×Þß]/g;
/** Modifier characters of VNI that Unicode Vietnamese never uses. */
const VNI_ONLY = /[øûïëüåäöñæîØÛÏËÜÅÄÖÑÆÎ]/g;
/** Letters only Unicode Vietnamese has. */
const UNICODE_VI = /[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/g;

export type LegacyFont = "tcvn3" | "vni";

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

/**
 * Which legacy font the text was typed in, or null for Unicode.
 * @example detectLegacyFont("TiÕng ViÖt rÊt hay, b¸o c¸o") → "tcvn3"
 */
export function detectLegacyFont(text: string): LegacyFont | null {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const uni = count(sample, UNICODE_VI);
  const tcvn = count(sample, TCVN3_ONLY);
  const vni = count(sample, VNI_ONLY);
  const best = Math.max(tcvn, vni);
  if (best < 3 || best <= uni) return null;
  return tcvn >= vni ? "tcvn3" : "vni";
}

/** In .VnTimeH (the capitals font) accented capitals share the lower-case codes: restore the case by the word's. */
function fixCase(text: string): string {
  return text.replace(/\p{L}+/gu, (w) => {
    const ascii = w.replace(/[^A-Za-z]/g, "");
    if (ascii === w || ascii.length < 2) return w;
    return ascii === ascii.toUpperCase() ? w.toUpperCase() : w;
  });
}

/** @example tcvn3ToUnicode("B¸o c¸o quý I") → "Báo cáo quý I" */
export function tcvn3ToUnicode(text: string): string {
  let out = "";
  for (const ch of text) out += TCVN3_MAP.get(ch) ?? ch;
  return fixCase(out).normalize("NFC");
}

// VNI: a base vowel followed by one modifier character.
const TONE: Record<string, string> = { ø: "\u0300", ù: "\u0301", û: "\u0309", õ: "\u0303", ï: "\u0323" };
const BREVE: Record<string, string> = { ê: "", è: "\u0300", é: "\u0301", ú: "\u0309", ü: "\u0303", ë: "\u0323" };
const CIRC: Record<string, string> = { â: "", à: "\u0300", á: "\u0301", å: "\u0309", ã: "\u0303", ä: "\u0323" };
const SINGLE: Record<string, string> = {
  ô: "ơ",
  Ô: "Ơ",
  ö: "ư",
  Ö: "Ư",
  ñ: "đ",
  Ñ: "Đ",
  ì: "ì",
  Ì: "Ì",
  í: "í",
  Í: "Í",
  æ: "ỉ",
  Æ: "Ỉ",
  ó: "ĩ",
  Ó: "Ĩ",
  ò: "ị",
  Ò: "Ị",
  î: "ỵ",
  Î: "Ỵ",
};

/** @example vniToUnicode("Tieáng Vieät, ñôn thö") → "Tiếng Việt, đơn thư" */
export function vniToUnicode(text: string): string {
  const chars = [...text];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    const lowNext = next?.toLowerCase();
    const base = c.toLowerCase();
    if ((next && "aeouyAEOUY".includes(c)) || (next && "iI".includes(c))) {
      if (lowNext && lowNext in TONE) {
        out += c + TONE[lowNext];
        i++;
        continue;
      }
      if (base === "a" && lowNext && lowNext in BREVE) {
        out += c + "\u0306" + BREVE[lowNext];
        i++;
        continue;
      }
      if ((base === "a" || base === "e" || base === "o") && lowNext && lowNext in CIRC) {
        out += c + "\u0302" + CIRC[lowNext];
        i++;
        continue;
      }
    }
    if (c in SINGLE) {
      const s = SINGLE[c];
      // ơ / ư may carry a tone of their own (ôø = ờ, öù = ứ)
      if ("ơƠưƯ".includes(s) && lowNext && lowNext in TONE) {
        out += s + TONE[lowNext];
        i++;
        continue;
      }
      out += s;
      continue;
    }
    out += c;
  }
  return out.normalize("NFC");
}

/** Convert when a legacy font is detected; `font` null means the text was already Unicode. */
export function toUnicode(text: string): { text: string; font: LegacyFont | null } {
  const font = detectLegacyFont(text);
  if (font === "tcvn3") return { text: tcvn3ToUnicode(text), font };
  if (font === "vni") return { text: vniToUnicode(text), font };
  return { text, font: null };
}

/** Unicode → TCVN3 (for fixtures and tests). Capitals with accents lose their case, as in .VnTime. */
export function unicodeToTcvn3(text: string): string {
  const rev = new Map<string, string>();
  for (let i = 0; i < UNI.length; i++) rev.set(UNI[i], TCVN3[i]);
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const direct = rev.get(ch);
    if (direct !== undefined) out += direct;
    else {
      const lower = rev.get(ch.toLowerCase());
      out += lower ?? ch;
    }
  }
  return out;
}
