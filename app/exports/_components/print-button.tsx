"use client";

/** Opens the browser's print dialog (the print stylesheet lays the summary out on A4 landscape). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="primary" onClick={() => window.print()}>
      {label}
    </button>
  );
}
