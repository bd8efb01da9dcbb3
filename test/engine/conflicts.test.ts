/** Stance conflicts on one claim (engine/conflicts.ts): who stands against whom, and why. */
import { describe, expect, it } from "vitest";
import { analyseStances, type AttributionFact, type Stance } from "../../src/engine/conflicts.ts";

let next = 1;
const fact = (sourceId: number, sourceName: string, stance: Stance, day = "2024-03-28"): AttributionFact => ({
  id: next++,
  sourceId,
  sourceName,
  stance,
  statedAt: new Date(`${day}T00:00:00Z`),
  createdAt: new Date(`${day}T00:00:00Z`),
});

describe("analyseStances", () => {
  it("when one source asserts and another denies, then it is an opposite-stances conflict between them", () => {
    const [a, b] = [fact(1, "SDF media centre", "asserted"), fact(2, "Iraqi army", "denied")];
    const [f] = analyseStances(7, [a, b]);
    expect(f).toMatchObject({ kind: "stance", sideA: [a.id], sideB: [b.id], score: 1 });
    expect(f.explanation).toBe("Opposite stances on the same claim: SDF media centre asserted it; Iraqi army denied it.");
  });

  it("when a report relays the claim unconfirmed and another source denies it, then the report and the denial are the two sides", () => {
    const [r, d] = [fact(1, "Private sources (Political Keys)", "unverified"), fact(2, "Iraqi army", "denied")];
    const findings = analyseStances(7, [r, d]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: "stance", fingerprint: "stance:claim:7", sideA: [r.id], sideB: [d.id], score: 0.8 });
    expect(findings[0].explanation).toBe("A report denied: Private sources (Political Keys) reported it without confirming it; Iraqi army denied it.");
  });

  it("when the claim is also asserted, then the conflict is the assertion against the denial, as it always was (its evidence unchanged by unconfirmed reports)", () => {
    const [a, r, d] = [fact(1, "SDF media centre", "asserted"), fact(3, "Private sources", "unverified"), fact(2, "Iraqi army", "denied")];
    const withReport = analyseStances(7, [a, r, d]);
    const without = analyseStances(7, [a, d]);
    expect(withReport).toEqual(without);
    expect(withReport[0].sideA).toEqual([a.id]);
  });

  it("when one source reports and denies, or the claim is only reported, then there is no stance conflict", () => {
    expect(analyseStances(7, [fact(1, "Ministry", "unverified"), fact(1, "Ministry", "denied", "2024-03-29")]).filter((f) => f.kind === "stance")).toEqual([]);
    expect(analyseStances(7, [fact(1, "Outlet A", "unverified"), fact(2, "Outlet B", "unverified")])).toEqual([]);
    // a source that reports and is denied by itself alongside another's denial is still a dispute with the other
    expect(analyseStances(7, [fact(1, "Ministry", "unverified"), fact(2, "Army", "denied")])[0].kind).toBe("stance");
  });
});
