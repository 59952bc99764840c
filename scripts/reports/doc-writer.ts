/**
 * A minimal Word 97 (.doc) writer for test fixtures: an OLE compound file holding a WordDocument
 * stream (FIB + the text as UTF-16) and a 1Table stream with a one-piece piece table. It is what
 * text extractors read (FIB, CLX); it has no style sheet or section table, so Word itself may refuse it.
 */
import CFB from "cfb";

const TEXT_AT = 1024;

export function writeDoc(text: string): Buffer {
  const body = text.replace(/\r?\n/g, "\r") + "\r";
  const chars = Buffer.from(body, "utf16le");
  const word = Buffer.alloc(TEXT_AT + chars.length);
  word.writeUInt16LE(0xa5ec, 0x00); // wIdent
  word.writeUInt16LE(0x00c1, 0x02); // nFib: Word 97
  word.writeUInt16LE(0x0200, 0x0a); // fWhichTblStm: the table stream is 1Table
  word.writeUInt32LE(TEXT_AT, 0x18); // fcMin
  word.writeUInt32LE(TEXT_AT + chars.length, 0x1c); // fcMac
  word.writeUInt32LE(body.length, 0x4c); // ccpText
  word.writeUInt32LE(0, 0x1a2); // fcClx
  word.writeUInt32LE(1 + 4 + 16, 0x1a6); // lcbClx
  chars.copy(word, TEXT_AT);

  // Clx = Pcdt: 0x02, lcb, PlcPcd { CP[0], CP[1], Pcd { flags, fc (UTF-16: bit 30 clear), prm } }
  const table = Buffer.alloc(1 + 4 + 16);
  table.writeUInt8(0x02, 0);
  table.writeUInt32LE(16, 1);
  table.writeUInt32LE(0, 5);
  table.writeUInt32LE(body.length, 9);
  table.writeUInt16LE(0, 13);
  table.writeUInt32LE(TEXT_AT, 15);
  table.writeUInt16LE(0, 19);

  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, "/WordDocument", word);
  CFB.utils.cfb_add(cfb, "/1Table", table);
  return Buffer.from(CFB.write(cfb, { type: "buffer", fileType: "cfb" }) as Uint8Array);
}
