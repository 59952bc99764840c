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
  },
};

export default withNextIntl(nextConfig);
