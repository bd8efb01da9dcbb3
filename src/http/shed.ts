/**
 * Load shedding: beyond `max` requests in flight, answer 503 with Retry-After at once instead
 * of queueing every request until clients time out (RELIABILITY T6: overload is refused fast,
 * not by crashing or by 20-second queues). /health is mounted before this and always answers.
 */
import type { RequestHandler } from "express";
import { UnavailableError } from "../errors.ts";

export function shedLoad(max: number): RequestHandler {
  let inFlight = 0;
  return (_req, res, next) => {
    if (inFlight >= max) return next(new UnavailableError("The server is busy; try again in a moment."));
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
