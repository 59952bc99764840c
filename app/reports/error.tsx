"use client";

// The report pages fail like any other page: plain words and a retry (app/error.tsx).
export { default } from "../error";
