import type { MetadataRoute } from "next";

/** An internal tool behind a sign-in: nothing here is for search engines. Served without a session (proxy.ts). */
export default function robots(): MetadataRoute.Robots {
  return { rules: { userAgent: "*", disallow: "/" } };
}
