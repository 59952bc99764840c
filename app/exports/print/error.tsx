"use client";

// A print view that cannot be built says so, with a retry, instead of printing a blank page (app/error.tsx).
export { default } from "../../error";
