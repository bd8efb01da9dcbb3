import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reportDate, resolveDate } from "../../src/extract/dates.ts";
import { extractSuggestions } from "../../src/extract/extract.ts";

const THURSDAY = "2019-03-28T10:00:00Z";

describe("resolveDate (relative to the publication date)", () => {
  it.each([
    ["اليوم الخميس 28 آذار/ مارس", "2019-03-28"],
    ["يوم السبت الماضي", "2019-03-23"],
    ["مساء الأحد", "2019-03-24"],
    ["أمس", "2019-03-27"],
    ["قبل يومين", "2019-03-26"],
    ["الخميس المقبل", "2019-04-04"],
    ["last Saturday", "2019-03-23"],
    ["March 28", "2019-03-28"],
    ["28 March 2018", "2018-03-28"],
    ["28 كانون الأول", "2018-12-28"],
    // names whose normalised form drops a final hamza (الثلاثاء → الثلاثا) still resolve
    ["يوم الثلاثاء", "2019-03-26"],
    ["الأربعاء الماضي", "2019-03-27"],
    ["16 أيار", "2018-05-16"],
  ])("%s → %s", (expr, day) => {
    expect(resolveDate(expr, THURSDAY)).toBe(day);
  });

  it("leaves vague or time-only expressions unresolved", () => {
    expect(resolveDate("قبل أيام", THURSDAY)).toBeUndefined();
    expect(resolveDate("الساعة الثانية ظهرًا", THURSDAY)).toBeUndefined();
    expect(resolveDate("يوم السبت", "not a date")).toBeUndefined();
  });

  it("with publishedAt, seed 000's 'Saturday' and '28 March' become different days", () => {
    const text = readFileSync(new URL("../fixtures/extract/000_c05d65dbb0b1fda2.txt", import.meta.url), "utf8");
    const r = extractSuggestions({ text, publishedAt: "2019-03-28" });
    const days = r.suggestions.flatMap((s) => s.details.resolvedDates ?? []);
    expect(days).toContainEqual({ text: "اليوم الخميس 28 آذار/ مارس", date: "2019-03-28" });
    expect(days).toContainEqual({ text: "يوم السبت الماضي", date: "2019-03-23" });
    expect(extractSuggestions({ text }).suggestions[0].details.resolvedDates).toBeUndefined();
  });
});

describe("reportDate: the day a report gives itself, when no publication date was sent", () => {
  const now = new Date("2026-12-03T10:00:00Z");
  it("when an Arabic report says «اليوم الخميس 28 آذار/ مارس», then the most recent year whose 28 March is a Thursday (2024)", () => {
    expect(reportDate("أفادت مصادر خاصة، اليوم الخميس 28 آذار/ مارس، أن اجتماعات انعقدت", now)?.date).toBe("2024-03-28");
  });
  it("when an English report says 'today, Tuesday 14 May', then 2024 (14 May 2024 was a Tuesday)", () => {
    expect(reportDate("The ministry said today, Tuesday 14 May, that the crossing is closed.", now)?.date).toBe("2024-05-14");
  });
  it("when the first line is a dateline with a year, then that day", () => {
    expect(reportDate("Raqqa, 16 May 2024 — The council said", now)?.date).toBe("2024-05-16");
    expect(reportDate("٢٠٢٤-٠٥-١٦\nقال المجلس", now)?.date).toBe("2024-05-16");
  });
  it("when the day has no weekday and no year, or lies in the future, or is not 'today', then no day is guessed", () => {
    expect(reportDate("قال المجلس يوم الثلاثاء 14 أيار إن المعبر مغلق", now)).toBeUndefined();
    expect(reportDate("The council said today, 14 May, that", now)).toBeUndefined();
    expect(reportDate("Published today, Monday, March 3, 2099 in", now)).toBeUndefined();
    expect(reportDate("The council met. Later it said on 16 May 2024 that", now)).toBeUndefined();
  });
});
