/// <reference lib="dom" />
/**
 * Browser test support: the real app (createApp) on 127.0.0.1:<random port>, Debian's Chromium
 * driven by playwright-core, sign-in through the real form, and hooks that record every
 * dialog (alert/confirm/prompt), console message and CSP violation a page produces.
 */
import { createServer, type Server } from "node:http";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { PASSWORD, buildUser, setupTestApp, type TestContext } from "../helpers.ts";
import type { Role } from "../../src/domain/actor.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = join(process.cwd(), ".tmp/screenshots");

export interface BrowserApp extends TestContext {
  server: Server;
  base: string;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startBrowserApp(env: Partial<NodeJS.ProcessEnv> = {}): Promise<BrowserApp> {
  const ctx = await setupTestApp(env);
  const server = createServer(ctx.app);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return Object.assign(ctx, {
    server,
    base,
    browser,
    async stop() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections?.();
      await ctx.close();
    },
  });
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  dialogs: string[];
  console: string[];
  cspViolations: string[];
  pageErrors: string[];
  /** URLs the page loaded that answered 404. */
  notFound: string[];
}

/** A fresh browser context and page with every script-execution signal recorded. */
export async function watchedPage(app: BrowserApp, opts: { locale?: string; width?: number } = {}): Promise<Watched> {
  // `locale` is the browser's language (it sends Accept-Language), which picks the interface
  // language on a first visit.
  const context = await app.browser.newContext({ baseURL: app.base, locale: opts.locale ?? "ar", viewport: { width: opts.width ?? 1280, height: 900 } });
  const page = await context.newPage();
  const w: Watched = { page, context, dialogs: [], console: [], cspViolations: [], pageErrors: [], notFound: [] };
  page.on("dialog", (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()} @ ${page.url()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on("console", (m) => w.console.push(`${m.type()}: ${m.text()} @ ${page.url()}`));
  page.on("response", (r) => {
    if (r.status() === 404) w.notFound.push(r.url());
  });
  page.on("pageerror", (e) => w.pageErrors.push(`${e.message} @ ${page.url()}`));
  await context.exposeBinding("__cspViolation", (_src, msg: string) => void w.cspViolations.push(msg));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (m: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} @ ${location.pathname}`);
    });
  });
  return w;
}

/** Sign in through the real login form. */
export async function signIn(w: Watched, username: string, password = PASSWORD): Promise<void> {
  await w.page.goto("/login");
  await w.page.fill("#username", username);
  await w.page.fill("#password", password);
  await Promise.all([w.page.waitForURL((u) => !u.pathname.startsWith("/login")), w.page.click("button[type=submit]")]);
}

export async function userWithRole(app: BrowserApp, role: Role, displayName?: string) {
  const u = await buildUser(app.db, { role });
  if (displayName) await app.db.user.update({ where: { id: u.id }, data: { displayName } });
  return u;
}
