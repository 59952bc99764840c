"use client";

// The export page fails like any other page: plain words and a retry (app/error.tsx).
export { default } from "../error";
