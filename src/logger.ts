/** One structured logger for the app (pino); quiet under test. Control characters escaped. */
import pino from "pino";

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");

export const logger = pino({
  level,
  redact: ["req.headers.cookie", "req.headers.authorization", "password", "*.password"],
});
