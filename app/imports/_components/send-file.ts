/**
 * Upload one file as the raw request body with XMLHttpRequest — fetch cannot report upload
 * progress — and sort the answer into an import outcome or an error body.
 */
import type { ImportResponse } from "@/lib/import-report";

export type SendResult =
  | { kind: "outcome"; data: ImportResponse }
  | { kind: "http-error"; status: number; body: unknown }
  | { kind: "network-error" }
  | { kind: "aborted" };

export interface SendHandle {
  done: Promise<SendResult>;
  abort: () => void;
}

/** `POST /api/imports?…` with the file as body; `onProgress` gets the share sent, 0..1. */
export function sendImport(file: File, mode: "preview" | "commit", onProgress: (share: number) => void): SendHandle {
  const params = new URLSearchParams({ source: "web", filename: file.name });
  if (mode === "preview") params.set("dryRun", "1");
  const xhr = new XMLHttpRequest();
  const done = new Promise<SendResult>((resolve) => {
    xhr.open("POST", `/api/imports?${params.toString()}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onerror = () => resolve({ kind: "network-error" });
    xhr.onabort = () => resolve({ kind: "aborted" });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      // A refused file (422) still carries the full outcome: its errors are the point.
      if ((xhr.status === 200 || xhr.status === 422) && isImportResponse(body))
        resolve({ kind: "outcome", data: body });
      else resolve({ kind: "http-error", status: xhr.status, body });
    };
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

function isImportResponse(x: unknown): x is ImportResponse {
  return (
    !!x && typeof x === "object" && "status" in x && "counts" in x && Array.isArray((x as { errors?: unknown }).errors)
  );
}
