import { describe, expect, it } from "vitest";
import { bearerToken, clientIp, isSameOriginRequest, requestOrigin, secureCookiesRule } from "./request";

const req = (method: string, headers: Record<string, string>) => ({
  method,
  url: "http://dvcq.test/api/imports",
  headers: new Headers({ host: "dvcq.test", ...headers }),
});

describe("requestOrigin", () => {
  it("builds the origin from Host and X-Forwarded-Proto", () => {
    expect(requestOrigin(new Headers({ host: "a.vn:3000", "x-forwarded-proto": "https" }))).toBe("https://a.vn:3000");
    expect(requestOrigin(new Headers({ host: "127.0.0.1:3100" }))).toBe("http://127.0.0.1:3100");
    expect(requestOrigin(new Headers(), "https://b.vn/x")).toBe("https://b.vn");
  });
});

describe("isSameOriginRequest (CSRF)", () => {
  it.each([
    ["GET from anywhere", req("GET", { origin: "http://evil.example" }), true],
    ["POST with our Origin", req("POST", { origin: "http://dvcq.test" }), true],
    ["POST with another Origin", req("POST", { origin: "http://evil.example" }), false],
    ["DELETE with another Origin", req("DELETE", { origin: "http://evil.example" }), false],
    ["POST without Origin, same-origin fetch", req("POST", { "sec-fetch-site": "same-origin" }), true],
    ["POST without Origin, cross-site", req("POST", { "sec-fetch-site": "cross-site" }), false],
    ["POST without Origin or Sec-Fetch-Site", req("POST", {}), false],
    ["POST with Origin null", req("POST", { origin: "null" }), false],
    ["POST from an https page to an http origin", req("POST", { origin: "https://dvcq.test" }), false],
  ])("%s → %s", (_name, r, expected) => {
    expect(isSameOriginRequest(r)).toBe(expected);
  });
  it("accepts a configured trusted origin", () => {
    expect(isSameOriginRequest(req("POST", { origin: "https://tinh.gov.vn" }), ["https://tinh.gov.vn"])).toBe(true);
  });
});

describe("bearerToken and clientIp", () => {
  it("reads the token of an Authorization: Bearer header only", () => {
    expect(bearerToken(new Headers({ authorization: "Bearer dvcq_abc" }))).toBe("dvcq_abc");
    expect(bearerToken(new Headers({ authorization: "bearer  dvcq_abc " }))).toBe("dvcq_abc");
    expect(bearerToken(new Headers({ authorization: "Basic eDp5" }))).toBeNull();
    expect(bearerToken(new Headers())).toBeNull();
  });
  it("takes the first X-Forwarded-For hop", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.4, 10.0.0.1" }))).toBe("203.0.113.4");
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientIp(new Headers())).toBeNull();
  });
});

describe("secureCookiesRule", () => {
  const none = { AUTH_SECURE_COOKIES: undefined, BETTER_AUTH_URL: undefined };
  it("follows AUTH_SECURE_COOKIES first, then the app's address, then the first forwarded protocol", () => {
    expect(secureCookiesRule({ ...none, AUTH_SECURE_COOKIES: "1" }, "http")).toBe(true);
    expect(secureCookiesRule({ AUTH_SECURE_COOKIES: "0", BETTER_AUTH_URL: "https://a.vn" }, "https")).toBe(false);
    expect(secureCookiesRule({ ...none, BETTER_AUTH_URL: "https://a.vn" }, "http")).toBe(true);
    expect(secureCookiesRule({ ...none, BETTER_AUTH_URL: "http://a.vn" }, "https")).toBe(false);
    expect(secureCookiesRule(none, " https , http")).toBe(true);
    expect(secureCookiesRule(none, "http, https")).toBe(false);
    expect(secureCookiesRule(none, null)).toBe(false);
  });
});
