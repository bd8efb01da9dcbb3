/**
 * Body-parser `verify` hook shared by every body the app parses (JSON, NDJSON, forms): bytes
 * that are not valid UTF-8 are refused with a 400 before decoding. Decoding would otherwise
 * replace them with U+FFFD, and a quote or a report would be stored altered — evidence must be
 * refused rather than changed.
 */
import { isUtf8 } from "node:buffer";

export function refuseInvalidUtf8(_req: unknown, _res: unknown, buf: Buffer): void {
  if (!isUtf8(buf)) throw Object.assign(new Error("The request body is not valid UTF-8."), { type: "body.invalid_utf8", status: 400 });
}
