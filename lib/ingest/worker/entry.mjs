// Worker-thread entry of upload parsing (see pool.ts). Plain JavaScript on purpose: neither Next's bundler
// nor the test runner compiles it, so the built server, the tests and the import command start it the
// same way; the TypeScript pipeline itself is loaded through tsx (a runtime dependency of the app).
import { tsImport } from "tsx/esm/api";

await tsImport("./serve.ts", import.meta.url);
