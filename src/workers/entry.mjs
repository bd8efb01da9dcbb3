// Worker-thread entry: TypeScript through tsx's ESM register API (the thread starts with no
// loader of its own), then the task handlers.
import { register } from "tsx/esm/api";

register();
await import("./handlers.ts");
