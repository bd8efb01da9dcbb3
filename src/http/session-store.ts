/**
 * express-session store on the Session table, so sessions survive restarts and an admin
 * (or a role change) can end a user's sessions at once by deleting their rows.
 */
import session from "express-session";
import type { Db } from "../db/client.ts";

type Callback<T = void> = (err?: unknown, value?: T) => void;

export class PrismaSessionStore extends session.Store {
  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
  ) {
    super();
  }

  get(sid: string, cb: Callback<session.SessionData | null>): void {
    this.db.session
      .findUnique({ where: { sid } })
      .then((row) => {
        if (!row || row.expiresAt.getTime() <= Date.now()) return cb(undefined, null);
        cb(undefined, JSON.parse(row.data) as session.SessionData);
      })
      .catch((e) => cb(e));
  }

  set(sid: string, sess: session.SessionData, cb?: Callback): void {
    const expiresAt = new Date(Date.now() + this.idleMs);
    const userId = (sess as { userId?: number }).userId ?? null;
    const data = JSON.stringify(sess);
    this.db.session
      .upsert({ where: { sid }, create: { sid, data, expiresAt, userId }, update: { data, expiresAt, userId } })
      .then(() => cb?.())
      .catch((e) => cb?.(e));
  }

  touch(sid: string, _sess: session.SessionData, cb?: Callback): void {
    this.db.session
      .updateMany({ where: { sid }, data: { expiresAt: new Date(Date.now() + this.idleMs) } })
      .then(() => cb?.())
      .catch((e) => cb?.(e));
  }

  destroy(sid: string, cb?: Callback): void {
    this.db.session
      .deleteMany({ where: { sid } })
      .then(() => cb?.())
      .catch((e) => cb?.(e));
  }

  /** Remove expired rows (called periodically by the server). */
  prune(): Promise<unknown> {
    return this.db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  }
}
