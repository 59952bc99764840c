/**
 * Reads a rendered <table> as the reader sees it into the plain structure of lib/export/dom-table.ts,
 * which turns it into export columns and rows. Browser only (getComputedStyle).
 *
 * - Header: the rows of <thead> (or, without one, a first row made only of <th>).
 * - Body: the rows of every <tbody> and the <tfoot>, in the order displayed; rows that are `hidden` or
 *   not displayed are left out.
 * - Cells that are not displayed (a column hidden on a phone) and cells marked `data-export-skip` (an
 *   actions column: mark its header and its cells) are left out, as the layout leaves them out.
 * - A cell's number: `data-export-value` / `data-export-kind` on the cell or its first descendant that
 *   has one. Its text otherwise: what is shown, without `.sr-only` text, `aria-hidden` decorations or
 *   anything not displayed; block-level parts (a note under a name) are separated by a space.
 */
import { tableFromCells, type TableCellInput, type TableExport, type TableInput } from "@/lib/export/dom-table";

const SKIPPED_TAGS = new Set(["SCRIPT", "STYLE", "TEMPLATE", "SELECT", "TEXTAREA", "INPUT", "NOSCRIPT"]);

function isShown(el: Element): boolean {
  if ((el as HTMLElement).hidden) return false;
  const style = getComputedStyle(el);
  return style.display !== "none" && style.visibility !== "hidden" && style.visibility !== "collapse";
}

/** What a reader sees of an element, as one line. */
export function visibleText(root: Element): string {
  let out = "";
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      out += node.nodeValue ?? "";
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    if (
      SKIPPED_TAGS.has(el.tagName) ||
      el.classList.contains("sr-only") ||
      el.getAttribute("aria-hidden") === "true" ||
      el.hidden
    )
      return;
    if (el.tagName === "BR") {
      out += " ";
      return;
    }
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") return;
    const block = !style.display.startsWith("inline") && style.display !== "contents";
    if (block) out += " ";
    node.childNodes.forEach(walk);
    if (block) out += " ";
  };
  root.childNodes.forEach(walk);
  return out.replace(/\s+/g, " ").trim();
}

function readCell(cell: HTMLTableCellElement): TableCellInput {
  const holder = cell.hasAttribute("data-export-value") ? cell : cell.querySelector("[data-export-value]");
  return {
    text: visibleText(cell),
    value: holder ? holder.getAttribute("data-export-value") : undefined,
    kind: holder ? holder.getAttribute("data-export-kind") : undefined,
    colSpan: cell.colSpan,
    rowSpan: cell.rowSpan,
  };
}

function readRow(row: HTMLTableRowElement): TableCellInput[] {
  return [...row.cells].filter((c) => !c.hasAttribute("data-export-skip") && isShown(c)).map(readCell);
}

function shownRows(section: HTMLTableSectionElement): HTMLTableRowElement[] {
  return isShown(section) ? [...section.rows].filter(isShown) : [];
}

/** The table's cells as shown, before spans and numbers are worked out. */
export function readTable(table: HTMLTableElement): TableInput {
  let headRows = table.tHead ? shownRows(table.tHead) : [];
  let bodyRows = [...table.tBodies].flatMap(shownRows);
  if (!table.tHead && bodyRows[0] && [...bodyRows[0].cells].every((c) => c.tagName === "TH")) {
    headRows = [bodyRows[0]];
    bodyRows = bodyRows.slice(1);
  }
  if (table.tFoot) bodyRows.push(...shownRows(table.tFoot));
  return { head: headRows.map(readRow), body: bodyRows.map(readRow) };
}

/** The table as export columns and rows: exactly the rows, columns and order shown. */
export function tableFromDom(table: HTMLTableElement): TableExport {
  return tableFromCells(readTable(table));
}
