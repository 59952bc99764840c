/** Test helpers: load a fixture and run it through the whole pipeline; compact views of the result. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ingestFile } from "../ingest";
import type { IngestContext, IngestOptions, IngestResult } from "../types";
import { districtCtx } from "./units";

const dir = fileURLToPath(new URL("./", import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(dir + name));
}

export function run(name: string, ctx: IngestContext = districtCtx, options: Omit<IngestOptions, "fileName" | "onValues"> = {}): Promise<IngestResult> {
  return ingestFile(fixture(name), name, ctx, options);
}

type Row = [line: number, unitCode: string, structure: string, period: string, element: string, value: number];
/** Values as `[line, unitCode, structure, period, element, value]`. */
export const vals = (r: Pick<IngestResult, "values">): Row[] => r.values.map((v) => [v.line, v.unitCode, v.structure, v.period, v.element, v.value]);
/** Issues as `[line, column, code, value]`. */
export const errs = (issues: IngestResult["errors"]) => issues.map((e) => [e.line, e.column, e.code, e.value]);
