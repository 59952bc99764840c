/**
 * Generators of hostile uploads for the limit tests and `npm run bench:bombs`: workbooks written by a
 * minimal zip writer (so sizes, parts and XML are exactly what the test wants, lies included), deep
 * JSON, very wide CSV. Nothing here is a fixture file: each is built in memory in milliseconds.
 */
import zlib from "node:zlib";

interface ZipPart {
  name: string;
  /** Raw deflate data of the part. */
  data: Buffer;
  crc: number;
  size: number;
  /** The inflated size written in the headers, when it should lie. */
  declared?: number;
}

const u16 = (n: number) => Buffer.from([n & 0xff, (n >>> 8) & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

function deflatedPart(name: string, text: string | Buffer): ZipPart {
  const raw = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  return { name, data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length };
}

/**
 * A part whose content is `unit` repeated `times` times, deflated without ever holding the whole:
 * the unit is deflated once with a sync flush and the segment repeated (each segment only refers to
 * itself), then closed by an empty final block. The CRC is left 0 when `times` is large: the reader
 * must stop long before the end, where it would be checked.
 */
function repeatedPart(name: string, unit: string, times: number, declared?: number): ZipPart {
  const raw = Buffer.from(unit, "utf8");
  const segment = zlib.deflateRawSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const end = Buffer.from([0x03, 0x00]);
  const data = Buffer.concat([...Array.from({ length: times }, () => segment), end]);
  let crc = 0;
  if (raw.length * times <= 64 * 1024 * 1024) for (let i = 0; i < times; i++) crc = zlib.crc32(raw, crc);
  return { name, data, crc, size: raw.length * times, declared };
}

function zip(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const size = p.declared ?? p.size;
    const common = Buffer.concat([u16(20), u16(0x0800), u16(8), u16(0), u16(0x21), u32(p.crc), u32(p.data.length), u32(size), u16(name.length), u16(0)]);
    const local = Buffer.concat([u32(0x04034b50), common, name, p.data]);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(parts.length), u16(parts.length), u32(dir.length), u32(offset), u16(0)]);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = `</sheetData></worksheet>`;
const HEADER_ROW = `<row r="1"><c r="A1" t="inlineStr"><is><t>commune_code</t></is></c><c r="B1" t="inlineStr"><is><t>period</t></is></c><c r="C1" t="inlineStr"><is><t>meetings_held</t></is></c></row>`;

/** A workbook of one sheet with this sheetData content (and shared strings when given). */
export function workbook(sheetData: string, sharedStrings?: string[]): Uint8Array {
  const parts = [deflatedPart("xl/workbook.xml", WORKBOOK), deflatedPart("xl/_rels/workbook.xml.rels", RELS), deflatedPart("xl/worksheets/sheet1.xml", SHEET_HEAD + sheetData + SHEET_TAIL)];
  if (sharedStrings) {
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sharedStrings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`;
    parts.push(deflatedPart("xl/sharedStrings.xml", sst));
  }
  return zip(parts);
}

/**
 * A zip bomb: a sheet whose rows inflate to `inflatedMb` MB (about 400 times the file's size),
 * honest about its size in the zip directory, or declaring only 1 KB when `lie` is set.
 */
export function zipBomb(inflatedMb: number, lie = false): Uint8Array {
  const unit = "<row><c><v>1</v></c></row>".repeat(Math.ceil((1 << 20) / 26)).slice(0, 1 << 20);
  const sheet = repeatedPart("xl/worksheets/sheet1.xml", unit, inflatedMb, lie ? 1024 : undefined);
  return zip([deflatedPart("xl/workbook.xml", WORKBOOK), deflatedPart("xl/_rels/workbook.xml.rels", RELS), sheet]);
}

/** One cell holding `chars` characters, inline or in the shared-string table: a ~1 MB file for 50 M characters. */
export function giantCell(chars: number, shared = false): Uint8Array {
  const text = "A".repeat(chars);
  if (shared) return workbook(`${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c></row>`, [text]);
  return workbook(`${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>${text}</t></is></c></row>`);
}

/** A cell far to the right (XFD = column 16,384), which would make every row that wide. */
export function farColumn(ref = "XFD2"): Uint8Array {
  return workbook(`${HEADER_ROW}<row r="2"><c r="${ref}"><v>1</v></c></row>`);
}

/**
 * A valid sheet of `rows` distinct data rows (commune_code, period, meetings_held) for the given
 * communes and quarters, cycling through them: the "2.3 MB file of 33,000 rows" when the communes are many.
 */
export function manyRows(rows: number, communes: readonly string[], periods: readonly string[]): Uint8Array {
  const out: string[] = [HEADER_ROW];
  for (let i = 0; i < rows; i++) {
    const r = i + 2;
    const code = communes[i % communes.length];
    const period = periods[Math.floor(i / communes.length) % periods.length];
    out.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${code}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${period}</t></is></c><c r="C${r}"><v>${(i % 97) + 1}</v></c></row>`);
  }
  return workbook(out.join(""));
}

/** JSON nested `depth` levels deep: `[[[…]]]`. */
export function deepJson(depth: number): Uint8Array {
  return Buffer.from("[".repeat(depth) + "]".repeat(depth));
}

/** A CSV whose header has `columns` columns. */
export function wideCsv(columns: number): Uint8Array {
  const header = ["commune_code", "period", ...Array.from({ length: columns - 2 }, (_, i) => `c${i}`)].join(",");
  return Buffer.from(`${header}\n21136,2025Q1${",1".repeat(columns - 2)}\n`);
}

const DOCX_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const DOCX_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOCX_HEAD = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`;

/**
 * A Word report bomb: word/document.xml is about `inflatedMb` MB of short paragraphs (≈ 1 MB of file per
 * 1,000 MB inflated), honest about its size in the zip directory, or declaring only 1 KB when `lie` is set.
 */
export function docxBomb(inflatedMb: number, lie = false): Uint8Array {
  // Whole paragraphs (ASCII, so characters are bytes): each repeated megabyte is well-formed XML.
  const para = "<w:p><w:r><w:t>Tiep cong dan</w:t></w:r></w:p>";
  const unit = Buffer.from(para.repeat(Math.floor((1 << 20) / para.length)), "latin1");
  const tail = Buffer.from("</w:body></w:document>", "latin1");
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const segment = zlib.deflateRawSync(unit, flush);
  const document: ZipPart = {
    name: "word/document.xml",
    data: Buffer.concat([
      zlib.deflateRawSync(Buffer.from(DOCX_HEAD, "utf8"), flush),
      ...Array.from({ length: inflatedMb }, () => segment),
      zlib.deflateRawSync(tail),
    ]),
    crc: 0,
    size: Buffer.byteLength(DOCX_HEAD) + unit.length * inflatedMb + tail.length,
    declared: lie ? 1024 : undefined,
  };
  return zip([deflatedPart("[Content_Types].xml", DOCX_TYPES), deflatedPart("_rels/.rels", DOCX_RELS), document]);
}

/**
 * A small Word file that costs time, not memory: `paragraphs` paragraphs and a document that is never
 * closed, which the XML reader behind mammoth takes quadratic time to give up on (5,000 paragraphs,
 * 240 KB of XML: half a minute).
 */
export function docxUnclosed(paragraphs: number): Uint8Array {
  const xml = DOCX_HEAD + "<w:p><w:r><w:t>Tiep cong dan</w:t></w:r></w:p>".repeat(paragraphs);
  return zip([
    deflatedPart("[Content_Types].xml", DOCX_TYPES),
    deflatedPart("_rels/.rels", DOCX_RELS),
    deflatedPart("word/document.xml", xml),
  ]);
}

/**
 * A PDF of one page whose content stream inflates to `inflatedMb` MB of text-showing operators (a
 * FlateDecode bomb: ≈ 1 MB of file per 1,000 MB of content), with a valid cross-reference table.
 */
export function pdfBomb(inflatedMb: number): Uint8Array {
  const op = "BT /F1 12 Tf 72 720 Td (Tiep cong dan dinh ky) Tj ET\n";
  const unit = op.repeat(Math.ceil((1 << 20) / op.length)).slice(0, 1 << 20);
  const raw = Buffer.from(unit, "latin1");
  const segment = zlib.deflateRawSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  // zlib framing around raw deflate: header, the repeated segments, a final empty block, a (wrong) checksum.
  const stream = Buffer.concat([
    Buffer.from([0x78, 0x9c]),
    ...Array.from({ length: inflatedMb }, () => segment),
    Buffer.from([0x03, 0x00, 0, 0, 0, 0]),
  ]);
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    null,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let at = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(at);
    const chunk =
      body === null
        ? Buffer.concat([
            Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, "latin1"),
            stream,
            Buffer.from("\nendstream\nendobj\n", "latin1"),
          ])
        : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, "latin1");
    parts.push(chunk);
    at += chunk.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("") +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(Buffer.from(xref, "latin1"));
  return new Uint8Array(Buffer.concat(parts));
}
