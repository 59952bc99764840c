/**
 * Deterministic demo narrative reports, one per commune-quarter that has figures, written like the
 * communes' real reports (see the seed): varied per commune and quarter, stating the figures the
 * commune submitted — except a few deliberate disagreements — with recycled items (last quarter's
 * text, a neighbour's), one report missing and one sent late. Pure: the caller passes the figures.
 */
import { mulberry32 } from "./generate";
import { reportingDeadline } from "../indicators/deadline";
import { parseQuarterCode, vietnamTime } from "../periods";

export interface DemoFigures {
  unitCode: string;
  /** "Xã Trà Tân", "Phường …", "Thị trấn …". */
  unitName: string;
  period: string;
  values: Partial<Record<string, number>>;
}

export interface DemoNarrative {
  unitCode: string;
  period: string;
  text: string;
  submittedAt: Date;
  /** What was done on purpose, for tests and the demo's description. */
  notes: ("disagreement" | "recycled_previous" | "recycled_neighbour" | "late")[];
}

const ROMAN = ["I", "II", "III", "IV"];
const pad = (n: number) => String(n).padStart(2, "0");

function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** The commune's kind and bare name: "Xã Trà Tân" → ["xã", "Trà Tân"]. */
function splitName(name: string): [string, string] {
  const m = /^(Xã|Phường|Thị trấn)\s+(.+)$/u.exec(name);
  return m ? [m[1].toLowerCase(), m[2]] : ["xã", name];
}

const OPENINGS = {
  direction: ["Công tác lãnh đạo, chỉ đạo", "Công tác lãnh chỉ đạo", "Về lãnh đạo, chỉ đạo, ban hành kế hoạch"],
  propaganda: [
    "Công tác tuyên truyền, phổ biến, quán triệt",
    "Công tác tuyên truyền, phổ biến các văn bản về công tác dân vận chính quyền",
  ],
  emulation: [
    "Phong trào thi đua “Dân vận khéo” và thực hiện quy chế dân chủ ở cơ sở",
    "Chỉ đạo các phong trào thi đua yêu nước, nhất là phong trào thi đua “Dân vận khéo”",
  ],
  admin_reform: [
    "Công tác cải cách hành chính, thực hiện cơ chế một cửa, một cửa liên thông",
    "Đẩy mạnh cải cách hành chính (CCHC)",
  ],
  discipline: [
    "Nâng cao kỷ luật, kỷ cương hành chính, đạo đức công vụ",
    "Thực hiện kỷ luật, kỷ cương và văn hóa công sở",
  ],
  reception: ["Công tác tiếp công dân, giải quyết đơn thư khiếu nại, tố cáo", "Công tác tiếp dân, giải quyết đơn thư"],
  coordination: [
    "Công tác phối hợp với Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
    "Phối hợp để Mặt trận Tổ quốc, các đoàn thể tham gia giám sát, phản biện xã hội",
  ],
} as const;

const FILLER = [
  "Qua đó góp phần nâng cao nhận thức, trách nhiệm của đội ngũ cán bộ, công chức đối với công tác dân vận chính quyền.",
  "Kết quả bước đầu được Nhân dân đồng tình, ủng hộ.",
  "Tuy nhiên, một số nội dung triển khai còn chậm, cần tiếp tục khắc phục trong thời gian tới.",
  "Các thôn đã chủ động phối hợp, tạo sự chuyển biến rõ nét ở cơ sở.",
];

const DISCIPLINE = [
  "Thường xuyên quán triệt các văn bản về kỷ luật, kỷ cương hành chính; quản lý chặt chẽ thời giờ làm việc; " +
    "tăng cường tự kiểm tra tại bộ phận tiếp nhận và trả kết quả.",
  "Cán bộ, công chức chấp hành tốt nội quy cơ quan, thực hiện văn hóa công sở, giao tiếp ứng xử đúng mực với " +
    "Nhân dân; không có trường hợp vi phạm phải xử lý kỷ luật.",
  "Chỉ đạo thực hiện nghiêm quy định về đạo đức công vụ, gắn trách nhiệm của người đứng đầu với việc chấp hành " +
    "kỷ luật, kỷ cương của đội ngũ cán bộ, công chức.",
];

function has(v: Partial<Record<string, number>>, k: string): v is Record<string, number> {
  return typeof v[k] === "number" && (v[k] as number) > 0;
}

/** Phrasings of each statement; `{n}` is the figure. Several per statement so communes do not read alike. */
const SAY = {
  directive: [
    "Trong kỳ đã ban hành {n} văn bản chỉ đạo, triển khai.",
    "UBND xã ban hành {n} văn bản chỉ đạo các ngành, các thôn thực hiện.",
    "Đã ban hành {n} kế hoạch triển khai cụ thể từng nội dung.",
  ],
  meetings: [
    "Tổ chức {n} hội nghị, cuộc họp để quán triệt nhiệm vụ.",
    "Chủ trì {n} cuộc họp với các thôn, ban ngành để bàn giải pháp.",
    "Qua {n} hội nghị, cuộc họp, nhiệm vụ được giao cụ thể đến từng bộ phận.",
  ],
  propaganda: [
    "Đã tổ chức {n} buổi tuyên truyền tại các thôn.",
    "Phối hợp mở {n} buổi tuyên truyền lưu động ở khu dân cư.",
    "Trong quý có {n} buổi tuyên truyền, phổ biến pháp luật cho bà con.",
  ],
  broadcast: [
    "Đăng {n} tin bài trên hệ thống truyền thanh và trang thông tin điện tử xã.",
    "Đài truyền thanh xã phát {n} tin bài về các chủ trương mới.",
    "Trang thông tin điện tử đăng tải {n} tin bài liên quan.",
  ],
  models: [
    "Trong kỳ có {n} mô hình “Dân vận khéo” được công nhận.",
    "Xã đăng ký và được công nhận {n} mô hình “Dân vận khéo”.",
    "Nhân rộng {n} mô hình “Dân vận khéo” ở các thôn.",
  ],
  dialogues: [
    "Tổ chức {n} buổi đối thoại với Nhân dân về các vấn đề dân sinh.",
    "Chủ tịch UBND xã chủ trì {n} buổi đối thoại trực tiếp với bà con.",
    "Đã có {n} buổi đối thoại về đất đai, giải phóng mặt bằng.",
  ],
  procedures: [
    "Tiếp nhận {n} hồ sơ thủ tục hành chính",
    "Bộ phận một cửa nhận {n} hồ sơ",
    "Trong quý xã tiếp nhận {n} hồ sơ",
  ],
  sessions: [
    "Lãnh đạo UBND xã tổ chức {n} buổi tiếp công dân định kỳ",
    "Duy trì {n} buổi tiếp công dân định kỳ của Chủ tịch",
    "Thực hiện {n} buổi tiếp công dân định kỳ theo lịch",
  ],
  citizens: [
    "tiếp {n} lượt công dân.",
    "đã tiếp {n} lượt công dân đến phản ánh.",
    "với {n} lượt công dân đến làm việc.",
  ],
  petitions: [
    "Tiếp nhận {n} đơn thư khiếu nại, tố cáo, kiến nghị",
    "Nhận {n} đơn thư kiến nghị, phản ánh",
    "Trong kỳ có {n} đơn thư gửi đến UBND xã",
  ],
  resolved: [
    "; đã giải quyết {n} đơn.",
    ", giải quyết {n} đơn, số còn lại đang xác minh.",
    "; đến nay giải quyết {n} đơn.",
  ],
  supervisions: [
    "Phối hợp tổ chức {n} cuộc giám sát, phản biện xã hội.",
    "Mặt trận và các đoàn thể thực hiện {n} cuộc giám sát có sự tham gia của UBND xã.",
    "Tạo điều kiện cho {n} cuộc giám sát của Mặt trận Tổ quốc.",
  ],
  voters: [
    "Tổ chức {n} buổi tiếp xúc cử tri.",
    "Phối hợp tổ chức {n} buổi tiếp xúc cử tri trước kỳ họp.",
    "Đã có {n} buổi tiếp xúc cử tri ở các điểm.",
  ],
} as const;

const VILLAGES = [
  "thôn Trường Xuân",
  "thôn Bình Trung",
  "thôn Đông",
  "thôn Tây",
  "thôn Niên",
  "thôn Vuông",
  "thôn Gò Rô",
  "khu dân cư số 2",
];

/** The coordination item without its figures: what a neighbour's report copies. */
function coordinationCore(r: () => number): string {
  const stock = [
    "Thực hiện Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị.",
    "Duy trì quy chế phối hợp giữa UBND xã với Ủy ban MTTQ xã.",
    "Định kỳ làm việc với Mặt trận và các đoàn thể để nắm tình hình Nhân dân.",
  ];
  return `${pick(r, OPENINGS.coordination)}: ${pick(r, stock)} ${pick(r, FILLER)} ${pick(r, FILLER)}`;
}

/** Part I items of one report (topic → text), stating the given figures. */
function resultItems(
  r: () => number,
  v: Partial<Record<string, number>>,
  shift: Record<string, number>,
  planNo: number,
  year: number,
  core: string,
): Record<keyof typeof OPENINGS, string> {
  const say = (key: keyof typeof SAY, element: string) =>
    has(v, element) ? ` ${pick(r, SAY[key]).replace("{n}", pad((v[element] ?? 0) + (shift[element] ?? 0)))}` : "";
  const place = pick(r, VILLAGES);
  const sessions = say("sessions", "reception_sessions");
  const citizens = has(v, "citizens_received")
    ? sessions
      ? `, ${pick(r, SAY.citizens).replace("{n}", pad((v.citizens_received ?? 0) + (shift.citizens_received ?? 0)))}`
      : ` Đã tiếp ${pad((v.citizens_received ?? 0) + (shift.citizens_received ?? 0))} lượt công dân.`
    : sessions
      ? "."
      : "";
  const petitions = say("petitions", "petitions_received");
  const resolved =
    petitions && has(v, "petitions_resolved")
      ? pick(r, SAY.resolved).replace("{n}", pad(v.petitions_resolved ?? 0))
      : petitions
        ? "."
        : "";
  const procedures = say("procedures", "procedures_received");
  const online = procedures
    ? has(v, "procedures_online")
      ? `, trong đó ${pad(v.procedures_online ?? 0)} hồ sơ trực tuyến.`
      : "."
    : "";
  return {
    direction:
      `${pick(r, OPENINGS.direction)}: UBND xã đã ban hành Kế hoạch số ${planNo}/KH-UBND ngày ` +
      `${pad(5 + Math.floor(r() * 20))}/0${1 + Math.floor(r() * 2)}/${year} về thực hiện công tác dân vận chính ` +
      `quyền năm ${year}.${say("directive", "directive_docs")}${say("meetings", "meetings_held")} ${pick(r, FILLER)}`,
    propaganda:
      `${pick(r, OPENINGS.propaganda)}: Tiếp tục tuyên truyền Chỉ thị số 33/CT-TTg ngày 26/11/2021 ` +
      `của Thủ tướng Chính phủ, chú trọng ` +
      `${place}.${say("propaganda", "propaganda_sessions")}${say("broadcast", "broadcast_items")} ${pick(r, FILLER)}`,
    emulation:
      `${pick(r, OPENINGS.emulation)}: ` +
      `${pick(r, [
        "Thực hiện nghiêm việc công khai để Nhân dân biết, bàn, quyết định và giám sát.",
        `Ban thanh tra nhân dân ${place} hoạt động đều đặn.`,
        "Các nội dung phải công khai đều được niêm yết tại nhà văn hóa thôn.",
      ])}` +
      `${say("models", "skilled_models")}${say("dialogues", "dialogues_held")} ${pick(r, FILLER)}`,
    admin_reform:
      `${pick(r, OPENINGS.admin_reform)}: ` +
      `${pick(r, [
        "Công khai, minh bạch các thủ tục hành chính tại bộ phận một cửa.",
        "Niêm yết đầy đủ thủ tục hành chính, hướng dẫn người dân nộp hồ sơ qua mạng.",
        "Cán bộ một cửa hỗ trợ người cao tuổi làm thủ tục trực tuyến.",
      ])}` +
      `${procedures}${online} ${pick(r, FILLER)}`,
    discipline: `${pick(r, OPENINGS.discipline)}: ${pick(r, DISCIPLINE)}`,
    reception:
      `${pick(r, OPENINGS.reception)}: ` +
      `${pick(r, [
        "Duy trì lịch tiếp công dân theo quy định.",
        "Niêm yết công khai lịch tiếp dân tại trụ sở.",
        `Chú trọng hòa giải ở ${place}.`,
      ])}` +
      `${sessions}${citizens}${petitions}${resolved}`,
    coordination: `${core}${say("supervisions", "supervisions_with_front")}${say("voters", "voter_contacts")}`,
  };
}

const TASKS: readonly (readonly string[])[] = [
  [
    "Tiếp tục quán triệt, tuyên truyền Chỉ thị số 33/CT-TTg đến cán bộ, công chức và Nhân dân.",
    "Đưa nội dung công tác dân vận vào sinh hoạt định kỳ của các thôn.",
    "Tuyên truyền trên loa truyền thanh các chủ trương mới về dân vận chính quyền.",
  ],
  [
    "Đẩy mạnh phong trào thi đua “Dân vận khéo”, nhân rộng các mô hình mới ở {place}.",
    "Đăng ký thêm mô hình “Dân vận khéo” gắn với phát triển sản xuất.",
    "Sơ kết, khen thưởng kịp thời các điển hình “Dân vận khéo”.",
  ],
  [
    "Tăng cường cải cách hành chính, nâng cao tỷ lệ hồ sơ trực tuyến.",
    "Hướng dẫn người dân {place} nộp hồ sơ qua Cổng dịch vụ công.",
    "Rút ngắn thời gian giải quyết hồ sơ tại bộ phận một cửa.",
  ],
  [
    "Tổ chức tốt việc tiếp công dân định kỳ; giải quyết dứt điểm đơn thư tại cơ sở.",
    "Không để đơn thư tồn đọng, vượt cấp; chú trọng hòa giải ở {place}.",
    "Chủ tịch UBND xã trực tiếp tiếp dân đúng lịch hằng tuần.",
  ],
  [
    "Phối hợp với Mặt trận Tổ quốc giám sát việc thực hiện quy chế dân chủ.",
    "Tạo điều kiện để các đoàn thể tham gia góp ý xây dựng chính quyền.",
    "Cùng Mặt trận tổ chức hội nghị đối thoại ở {place}.",
  ],
  [
    "Nâng cao kỷ luật, kỷ cương hành chính và văn hóa công sở.",
    "Kiểm tra việc chấp hành giờ giấc làm việc của cán bộ, công chức.",
    "Chấn chỉnh tác phong, thái độ phục vụ Nhân dân.",
  ],
];

/**
 * One report text per commune-quarter with figures, in order; `skip` and `late` pick the missing and
 * the late report deterministically (the third commune of the last quarter, the second of the first).
 * @example generateDemoNarratives([{ unitCode: "21136", unitName: "Xã Trà Tân", period: "2025Q2", values: {
 * citizens_received: 12 } }])[0].text
 *   → "Báo cáo kết quả công tác dân vận chính quyền quý II năm 2025 …"
 */
export function generateDemoNarratives(
  figures: readonly DemoFigures[],
  seed = 20250331,
  options: { missingAndLate?: boolean } = {},
): DemoNarrative[] {
  const gaps = options.missingAndLate ?? true;
  const sorted = [...figures].sort((a, b) => a.period.localeCompare(b.period) || a.unitCode.localeCompare(b.unitCode));
  const periods = [...new Set(sorted.map((f) => f.period))];
  const last = periods[periods.length - 1];
  const first = periods[0];
  const missing = gaps ? (sorted.filter((f) => f.period === last)[2] ?? null) : null;
  const late = gaps ? (sorted.filter((f) => f.period === first)[1] ?? null) : null;
  const texts = new Map<string, Record<keyof typeof OPENINGS, string> & { core: string }>();
  const out: DemoNarrative[] = [];
  for (const f of sorted) {
    if (f === missing) continue;
    const q = parseQuarterCode(f.period);
    if (!q) continue;
    const r = mulberry32(seed ^ hash(`${f.unitCode}|${f.period}`));
    const notes: DemoNarrative["notes"] = [];
    // About one report in twelve states a figure that differs from the one submitted.
    const shift: Record<string, number> = {};
    if (r() < 1 / 12) {
      const k = ["citizens_received", "dialogues_held", "procedures_received"].find((e) => has(f.values, e));
      if (k) {
        shift[k] = 1 + Math.floor(r() * 3);
        notes.push("disagreement");
      }
    }
    const core = coordinationCore(r);
    const items = resultItems(r, f.values, shift, 10 + Math.floor(r() * 60), q.year, core);
    const prevKey = `${f.unitCode}|${periods[periods.indexOf(f.period) - 1] ?? ""}`;
    const prev = texts.get(prevKey);
    // One report in five copies last quarter's discipline item whole; one in eight a neighbour's coordination item.
    if (prev && r() < 0.2) {
      items.discipline = prev.discipline;
      notes.push("recycled_previous");
    }
    const neighbour = sorted.filter((g) => g.period === f.period && g.unitCode < f.unitCode).pop();
    const nText = neighbour ? texts.get(`${neighbour.unitCode}|${f.period}`) : undefined;
    if (nText && r() < 0.125) {
      items.coordination = `${nText.core}${items.coordination.slice(core.length)}`;
      notes.push("recycled_neighbour");
    }
    texts.set(`${f.unitCode}|${f.period}`, {
      ...items,
      core: items.coordination.startsWith(core) ? core : (nText?.core ?? core),
    });
    const [kind, bare] = splitName(f.unitName);
    const order = Object.keys(items) as (keyof typeof OPENINGS)[];
    // Some communes leave a topic out of part I (coverage), never reception (the figures live there).
    const dropped = r() < 0.25 ? pick(r, ["discipline", "coordination", "propaganda"] as const) : null;
    const partI = order.filter((k) => k !== dropped).map((k, i) => `${i + 1}. ${items[k]}`);
    const place = pick(r, VILLAGES);
    const tasks = TASKS.filter(() => r() < 0.8).map((variants) => pick(r, variants).replace("{place}", place));
    const partII = (tasks.length ? tasks : TASKS.slice(0, 3).map((v) => v[0])).map((x, i) => `${i + 1}. ${x}`);
    const next = q.quarter === 4 ? `quý I năm ${q.year + 1}` : `quý ${ROMAN[q.quarter]} năm ${q.year}`;
    const text = [
      `Báo cáo kết quả công tác dân vận chính quyền quý ${ROMAN[q.quarter - 1]} năm ${q.year} và phương hướng nhiệm vụ ${next}`,
      "",
      `Thực hiện Kế hoạch số 42/KH-UBND ngày 21/3/${q.year} của UBND huyện về công tác dân vận chính quyền năm ` +
        `${q.year}, UBND ${kind} ${bare} báo cáo kết quả quý ${ROMAN[q.quarter - 1]} năm ${q.year} như sau:`,
      "I. KẾT QUẢ THỰC HIỆN",
      ...partI,
      "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
      ...partII,
      `Trên đây là báo cáo kết quả công tác dân vận chính quyền quý ${ROMAN[q.quarter - 1]} năm ${q.year} của UBND ${kind} ${bare}./.`,
    ].join("\n");
    const deadline = reportingDeadline(f.period);
    const isLate = f === late;
    if (isLate) notes.push("late");
    const [y, m, d] = deadline.date.split("-").map(Number);
    const submittedAt = isLate
      ? vietnamTime(y, m - 1, d + 9, 10)
      : vietnamTime(y, m - 1, d - 2 - Math.floor(r() * 8), 8 + Math.floor(r() * 8));
    out.push({ unitCode: f.unitCode, period: f.period, text, submittedAt, notes });
  }
  return out;
}
