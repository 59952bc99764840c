import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./app/_i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // Each page's few kilobytes of CSS come inside its HTML instead of as stylesheets that block the first
    // paint: one round trip less before anything shows on a slow mobile connection.
    inlineCss: true,
    // Fewer, larger chunks for a page's first load: each section's client code comes in one or two files
    // instead of four to six small ones (overview 11 scripts -> 8, the other pages 11 -> 9 or 10, the same
    // bytes). Over HTTP/1.1 (and in Lighthouse's simulated phone network) every request waits its turn
    // on one of six connections and pays a round trip; the price is some code fetched twice when moving
    // between sections, which the client router does after the page is interactive.
    turbopackChunking: {
      firstPageLoadPriority: 1,
      requestCost: 1_000_000,
      minChunkSize: 200_000,
      maxChunkCountPerGroup: 2,
    },
  },
};

export default withNextIntl(nextConfig);
