import type { MetadataRoute } from "next";

/**
 * Every page is behind a sign-in (a crawler only ever reaches /login) and the API answers 401 without a
 * session: the pages are left crawlable (Lighthouse's SEO audit counts a page blocked by robots.txt as a
 * failure), the API is not. Served without a session (proxy.ts).
 */
export default function robots(): MetadataRoute.Robots {
  return { rules: { userAgent: "*", allow: "/", disallow: "/api/" } };
}
