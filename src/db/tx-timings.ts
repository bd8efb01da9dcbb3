/**
 * How long each write transaction held the writer (from its first statement to the end of
 * COMMIT), for the benchmark's `writeLockP99Ms`. Off unless CROSSCHECK_TX_TIMINGS names a
 * file; then the durations (ms, one per line) are appended to it about once a second.
 */
import { appendFileSync } from "node:fs";
import { configValue } from "../config.ts";

const file = configValue("CROSSCHECK_TX_TIMINGS");
let pending: number[] = [];

if (file) {
  const flush = () => {
    if (pending.length) appendFileSync(file, `${pending.map((ms) => ms.toFixed(3)).join("\n")}\n`);
    pending = [];
  };
  setInterval(flush, 1000).unref();
  process.once("exit", flush);
}

/** Whether timings are being recorded (so callers skip the clock otherwise). */
export const recordingTxTimings = Boolean(file);

export function recordTxTiming(ms: number): void {
  if (file) pending.push(ms);
}
