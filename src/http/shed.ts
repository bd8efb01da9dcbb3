/**
 * Load shedding (RELIABILITY T6: overload is refused fast, not by crashing or by 20-second
 * queues). A request is answered 503 + Retry-After at once, before any work, when either
 *
 * - `maxInFlight` requests are already being served (requests that wait on I/O pile up here), or
 * - the event loop has not come round for `maxQueueMs`: it has been running request after
 *   request without a break, so this one has been waiting at least that long in the socket
 *   buffers. This is the case that matters for this app: SQLite through better-sqlite3 is
 *   synchronous, so a request usually runs from start to finish without yielding, and under
 *   overload the in-flight count stays at 1 while the queue grows in the kernel — measured with
 *   400 simultaneous raw requests: every one answered 201, the last after 4–5 s, even with a
 *   cap of 2 (docs/reliability.md). The loop's turns are seen by a 20 ms timer: timers run only
 *   between batches of socket reads, so "time since the timer last ran" is how long the current
 *   batch has been served.
 *
 * /health is mounted before this and always answers.
 */
import { t } from "../i18n/index.ts";
import type { RequestHandler } from "express";
import { UnavailableError } from "../errors.ts";

export function shedLoad(maxInFlight: number, maxQueueMs = Number.POSITIVE_INFINITY): RequestHandler {
  let inFlight = 0;
  let lastTurn = performance.now();
  if (Number.isFinite(maxQueueMs)) {
    const tick = setInterval(() => {
      lastTurn = performance.now();
    }, 20);
    tick.unref();
  }
  return (_req, res, next) => {
    if (inFlight >= maxInFlight || performance.now() - lastTurn > maxQueueMs) return next(new UnavailableError(t("errors.serverBusy")));
    inFlight += 1;
    let done = false;
    const release = () => {
      if (!done) {
        done = true;
        inFlight -= 1;
      }
    };
    res.once("finish", release);
    res.once("close", release);
    next();
  };
}
