/** The dashboard's small charts: server-drawn SVG with a title, a description and a table of the same numbers. */
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBundle } from "../../src/domain/bundle/import-bundle.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { dashboardCharts, weekStart } from "../../src/domain/dashboard/chart-data.ts";
import { seedBundle } from "../bundle/support.ts";
import { setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
  await importBundle(ctx.db, systemActor("test"), seedBundle());
});
afterAll(() => ctx.close());

describe("dashboard charts", () => {
  it("when the seed scenario is loaded, then the three charts show this week's claims and conflict and the two sources of the founding conflict, with tables of the numbers", async () => {
    const { agent } = await signedInAgent(ctx);
    const res = await agent.get("/");
    expect(res.status).toBe(200);
    const $ = load(res.text);
    const charts = $(".charts figure.chart");
    expect(charts.length).toBe(3);
    expect($('.charts svg[role="img"] > title').length).toBe(3);
    expect($(".charts svg > desc").length).toBe(3);
    const claims = await ctx.db.claim.count();
    // the claims table: this week's row sums to every claim (all recorded just now)
    const lastRow = $(".charts figure.chart")
      .eq(0)
      .find("tbody tr")
      .last()
      .find("td")
      .slice(1)
      .map((_, td) => Number($(td).text()))
      .get();
    expect(lastRow.reduce((a, b) => a + b, 0)).toBe(claims);
    expect($(".charts figure.chart").eq(0).find("rect").length).toBeGreaterThan(0);
    const conflicts = await ctx.db.conflict.count();
    expect(Number($(".charts figure.chart").eq(1).find("tbody tr").last().find("td").eq(1).text())).toBe(conflicts);
    const top = $(".charts figure.chart")
      .eq(2)
      .find("tbody tr")
      .map((_, tr) => $(tr).find("td").first().text())
      .get();
    expect(top).toEqual(expect.arrayContaining(["SDF media centre", "Iraqi army"]));
    // recent activity: dates in words, items named in words (never "link 17" or an ISO timestamp)
    const activity = $("section")
      .filter((_, el) => $(el).find("h2").text() === "Recent activity")
      .text();
    expect(activity).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC/);
    expect(activity).not.toMatch(/\d{4}-\d{2}-\d{2}T|\blink \d/);
  });

  it("when claims are older than the window, then they are left out, and weeks start on Monday (UTC)", async () => {
    expect(weekStart(new Date("2026-12-03T13:00:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    const later = await dashboardCharts(ctx.db, new Date(Date.now() + 20 * 7 * 24 * 3600_000));
    expect(later.claimWeeks.every((w) => Object.keys(w.counts).length === 0)).toBe(true);
    expect(later.conflictWeeks.every((w) => w.count === 0)).toBe(true);
  });
});
