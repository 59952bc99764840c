/**
 * Builds the binary fixtures from the hand-written text ones: the encodings Excel writes on
 * Vietnamese Windows (Windows-1258, UTF-16 "Unicode text", UTF-8 with BOM), files with undecodable
 * bytes, and Excel workbooks. Run `npx tsx lib/ingest/__fixtures__/generate.ts` after editing a text
 * fixture; fixtures.test.ts checks that the encoded files are up to date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { encodeText } from "../decode";

const dir = fileURLToPath(new URL("./", import.meta.url));
const text = (name: string) => readFileSync(dir + name, "utf8");
const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p)))));

/** The text-encoded fixtures, derived byte for byte from the text ones. */
export function encodedFixtures(): Record<string, Uint8Array> {
  const vi = text("wide-vietnamese.csv");
  const en = text("wide-english.tsv");
  const cp = (s: string) => encodeText(s, "windows-1258");
  return {
    "windows-1258.csv": cp(vi),
    "utf8-bom.csv": encodeText(vi, "utf-8-bom"),
    "utf16le.txt": encodeText(en, "utf-16le"),
    "utf16be.txt": encodeText(en, "utf-16be"),
    // An invalid UTF-8 byte (0xFF) on line 3 of a file whose BOM says UTF-8.
    "bad-bytes-bom.csv": bytes(
      "\uFEFFcommune_code,commune_name,period,meetings_held\n21115,Thị trấn Trà Xuân,2025Q1,1\n21118,Xã Tr",
      [0xff],
      "à Giang,2025Q1,2\n21121,Xã Trà Thủy,2025Q1,3\n",
    ),
    // Byte 0x8D has no character in Windows-1258; it sits on line 4.
    "bad-bytes-1258.csv": bytes(
      cp("Mã xã;Tên xã;Kỳ báo cáo;meetings_held\r\n21115;Thị trấn Trà Xuân;2025Q1;1\r\n21118;Xã Trà Giang;2025Q1;2\r\n21121;Xã Trà Th"),
      [0x8d],
      cp("ủy;2025Q1;3\r\n"),
    ),
  };
}

const FIXED_DATE = new Date(Date.UTC(2025, 9, 1));

async function book(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "fixtures";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Excel workbooks: an official-looking template, a workbook with several sheets, codes with dropped zeros. */
export async function workbookFixtures(): Promise<Record<string, Uint8Array>> {
  const template = await book((wb) => {
    const ws = wb.addWorksheet("Báo cáo quý");
    ws.addRow(["BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN QUÝ III/2025"]);
    ws.mergeCells("A1:G1");
    ws.addRow(["Đơn vị: UBND tỉnh Quảng Ngãi"]);
    ws.addRow([]);
    ws.addRow(["STT", "Mã xã", "Tên xã", "Kỳ báo cáo", "Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn)", "Số lượt người tham dự hội nghị, cuộc họp", "Số buổi tiếp công dân định kỳ của lãnh đạo"]);
    ws.addRow([1, 21115, "Xã Trà Bồng", "Quý III/2025", 12, 1234, 13]);
    ws.addRow([2, "21124", "Xã Thanh Bồng", { richText: [{ text: "2025" }, { text: "Q3" }] }, "8", "1.234", { formula: "E6*2", result: 16 }]);
    ws.addRow([3, "'21127", "Xã Đông Trà Bồng", "2025Q3", 2.5, { error: "#DIV/0!" }, null]);
    ws.addRow([]);
    ws.addRow([4, 21136, "Xã Cà Đam", "2025Q3", 0, null, 12]);
    ws.addRow(["Người lập biểu"]);
  });
  const sheets = await book((wb) => {
    const lists = wb.addWorksheet("Danh mục", { state: "hidden" });
    lists.addRow(["Mã xã", "Tên xã"]);
    lists.addRow([21115, "Xã Trà Bồng"]);
    wb.addWorksheet("Hướng dẫn").addRow(["Điền số liệu vào trang tính Số liệu"]);
    const data = wb.addWorksheet("Số liệu");
    data.addRow(["commune_code", "period", "element", "value"]);
    data.addRow([21115, "2025Q3", "meetings_held", 5]);
    data.addRow(["21115", "2025Q3", "procedures_received", 10]);
    data.addRow([21115, "2025Q3", "procedures_online", 11]);
  });
  const zeros = await book((wb) => {
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["Mã xã", "Kỳ báo cáo", "meetings_held"]);
    ws.addRow([1, "2025Q1", 3]);
    ws.addRow([4, "2025Q3", 4]);
    ws.addRow(["00004", "Q3/2025", 5]);
  });
  return { "template.xlsx": template, "two-sheets.xlsx": sheets, "leading-zeros.xlsx": zeros };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const all = { ...encodedFixtures(), ...(await workbookFixtures()) };
  for (const [name, data] of Object.entries(all)) writeFileSync(dir + name, data);
  console.log(`wrote ${Object.keys(all).join(", ")}`);
}
