/** One structured logger for the app (pino); quiet under test. Control characters escaped. */
import pino from "pino";
import { logLevel } from "./config.ts";

// Parsed as the config parses it (a bad LOG_LEVEL is refused, not silently ignored); the logger
// exists before the app's config, so it reads the variable itself through config.ts.
const level = logLevel();

export const logger = pino({
  level,
  redact: ["req.headers.cookie", "req.headers.authorization", "password", "*.password"],
});
