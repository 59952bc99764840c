/**
 * The draft narrative report as a Word document (pure: data in, bytes out), laid out as Decree 30/2020
 * asks: issuer and national motto side by side, place and date, the title, section I with the figures in
 * sentences (lib/export/narrative.ts), section II as a template to fill in, "Nơi nhận" and the signature.
 * A4 portrait, Times New Roman 14, margins 20/20/30/15 mm.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HighlightColor,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from "docx";
import { formatDateTime } from "../format";
import { documentFrame, MOTTO, reportTitle, SIGNATURE, type DocumentMeta } from "./document";
import { buildNarrative } from "./narrative";
import type { SummaryExportData } from "./summary-table";

const FONT = "Times New Roman";
/** Half-points. */
const BODY = 28;
const SMALL = 26;
const mm = (x: number) => Math.round((x / 25.4) * 1440);
const PAGE_WIDTH = mm(210) - mm(30) - mm(15);
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

/** A number and its "%" (or unit sign) never part at a line end: "79,0 %" is written with U+00A0. */
export const keepWithNumber = (text: string) => text.replace(/(\d) (%|‰)/g, "$1\u00A0$2");

const run = (text: string, o: Omit<IRunOptions, "text"> = {}) =>
  new TextRun({ text: keepWithNumber(text), font: FONT, size: BODY, ...o });

function centered(text: string, o: Omit<IRunOptions, "text"> = {}, spacingAfter = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: spacingAfter }, children: [run(text, o)] });
}

/**
 * A short centered rule right under the line above (Decree 30's line under the issuer, the motto and the
 * title): the bottom border of an empty paragraph one point high, so it sits under that line's descenders
 * instead of on a text baseline, whatever the font.
 */
function rule(widthTwips: number, lineWidth: number): Paragraph {
  const side = Math.max(0, Math.round((widthTwips - lineWidth) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text: "", size: 2 })],
  });
}

/** "UBND HUYỆN TRÀ BỒNG" → ["ỦY BAN NHÂN DÂN", "HUYỆN TRÀ BỒNG"]: the body's full name over its unit, on two lines. */
export function issuerLines(issuer: string): string[] {
  const m = /^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(.+)$/u.exec(issuer.trim());
  return m ? ["ỦY BAN NHÂN DÂN", m[2]] : [issuer];
}

function body(children: TextRun[], o: { indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: o.indent === false ? undefined : { firstLine: mm(10) },
    spacing: { before: 120, after: 0, line: 312 },
    children,
  });
}

/** A task line: its fixed words, then the bracketed placeholder highlighted for the official to replace. */
function placeholderRuns(text: string): TextRun[] {
  return text
    .split(/(\[[^\]]*\])/)
    .filter(Boolean)
    .map((part) => (part.startsWith("[") ? run(part, { italics: true, highlight: HighlightColor.YELLOW }) : run(part)));
}

/** Two borderless columns side by side, as Decree 30 lays out the header and the signature blocks. */
function twoColumns(
  leftShare: number,
  left: (width: number) => Paragraph[],
  right: (width: number) => Paragraph[],
): Table {
  const l = Math.round(PAGE_WIDTH * leftShare);
  const r = PAGE_WIDTH - l;
  const cell = (width: number, children: Paragraph[]) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS, children });
  return new Table({
    width: { size: PAGE_WIDTH, type: WidthType.DXA },
    columnWidths: [l, r],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(l, left(l)), cell(r, right(r))] })],
  });
}

function frameTable(issuer: string, dateLine: string): Table {
  return twoColumns(
    0.4,
    (w) => [
      ...issuerLines(issuer).map((line) => centered(line, { bold: true, size: SMALL })),
      rule(w, mm(22)),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 120 },
        children: [run("Số:        /BC-UBND", { size: SMALL })],
      }),
    ],
    (w) => [
      centered(MOTTO.nation, { bold: true, size: 24 }),
      centered(MOTTO.motto, { bold: true, size: SMALL }),
      rule(w, mm(58)),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 120 },
        children: [run(dateLine, { italics: true, size: SMALL })],
      }),
    ],
  );
}

function signatureTable(): Table {
  const recipient = (text: string) => new Paragraph({ children: [run(text, { size: 22 })] });
  return twoColumns(
    0.45,
    () => [
      new Paragraph({ children: [run("Nơi nhận:", { bold: true, italics: true, size: 24 })] }),
      recipient("- ……………… (b/c);"),
      recipient("- ………………;"),
      recipient("- Lưu: VT."),
    ],
    () => [
      centered(SIGNATURE.onBehalf, { bold: true }),
      centered(SIGNATURE.chair, { bold: true }),
      centered(SIGNATURE.signHint, { italics: true, size: SMALL }),
    ],
  );
}

/**
 * The report's bytes (.docx).
 * @example await buildNarrativeDocx(data, { generatedAt: new Date() }) → Uint8Array starting "PK"; word/document.xml
 * holds "I. KẾT QUẢ THỰC HIỆN"
 */
export async function buildNarrativeDocx(
  data: SummaryExportData,
  meta: DocumentMeta,
  communeNotes: readonly { lead: string; text: string }[] = [],
): Promise<Uint8Array> {
  const frame = documentFrame(data.scope.name, meta);
  const n = buildNarrative(data);
  const [title, subject] = reportTitle(data.period);
  const children: (Paragraph | Table)[] = [
    frameTable(frame.issuer, frame.dateLine),
    new Paragraph({
      spacing: { before: 240 },
      alignment: AlignmentType.CENTER,
      children: [run(title, { bold: true })],
    }),
    centered(subject, { bold: true }),
    rule(PAGE_WIDTH, mm(40)),
    body([run(n.intro)]),
    body([run(n.resultsHeading, { bold: true })]),
    ...n.results.map((p) => body([...(p.lead ? [run(p.lead, { bold: true })] : []), run(p.text)])),
    // Notable points of the communes' narrative reports, by topic, attributed (lib/reports/highlights.ts).
    ...(communeNotes.length
      ? [body([run("Một số điểm nêu trong báo cáo thuyết minh của các xã:", { bold: true, italics: true })])]
      : []),
    ...communeNotes.map((p) => body([run(p.lead, { italics: true }), run(p.text)])),
    body([run(n.tasksHeading, { bold: true })]),
    ...n.tasks.map((t) => body(placeholderRuns(t))),
    body([run(n.closing)]),
    body([
      run(
        `(Số liệu tổng hợp từ báo cáo của các đơn vị cấp xã trên hệ thống Theo dõi công tác Dân vận chính ` +
          `quyền, tại thời điểm ${formatDateTime(frame.generatedAt)}.)`,
        { italics: true, size: 24 },
      ),
    ]),
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    signatureTable(),
  ];
  const doc = new Document({
    creator: "Dân vận chính quyền",
    title: `${title} ${subject}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          // Decree 30: the page number at the top centre, from the second page on.
          titlePage: true,
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
