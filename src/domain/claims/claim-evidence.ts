/** Independent origins and suggested credibility for one claim's attributions (read-only). */
import type { Tx } from "../../db/client.ts";
import { corroborate, type SourceNode, type StanceRecord } from "../../engine/corroboration.ts";
import { suggestCredibility, type CredibilitySuggestion } from "../../engine/credibility.ts";
import { allSources } from "../sources/source-cache.ts";

export async function sourceNodes(tx: Tx): Promise<SourceNode[]> {
  return allSources(tx);
}

export interface ClaimEvidence {
  summary: string;
  asserted: { label: string; reliability: string; copies: number; carriers: string[] }[];
  denied: { label: string; reliability: string; copies: number; carriers: string[] }[];
  unverified: { label: string; reliability: string; copies: number; carriers: string[] }[];
  suggestions: Map<number, CredibilitySuggestion>;
}

type EvidenceAttribution = { id: number; stance: string; source: SourceNode; outlet: SourceNode | null; via: SourceNode | null };

/** `loaded`: the claim's attributions with source, outlet and via when the caller has them already (the claim page), saving four queries. */
export async function claimEvidence(tx: Tx, claimId: number, loaded?: EvidenceAttribution[]): Promise<ClaimEvidence> {
  const [attributions, nodes] = await Promise.all([
    loaded ?? tx.attribution.findMany({ where: { claimId }, include: { source: true, outlet: true, via: true } }),
    sourceNodes(tx),
  ]);
  const records: StanceRecord[] = attributions.map((a) => ({
    attributionId: a.id,
    stance: a.stance as StanceRecord["stance"],
    speaker: a.source,
    outlet: a.outlet,
    via: a.via,
  }));
  const c = corroborate(records, nodes);
  const suggestions = new Map(records.map((r) => [r.attributionId, suggestCredibility(c, r.attributionId, r.stance)]));
  const shape = (os: typeof c.asserted) =>
    os.map((o) => ({ label: o.label, reliability: o.reliability, copies: o.attributionIds.length, carriers: o.carriers }));
  return { summary: c.summary, asserted: shape(c.asserted), denied: shape(c.denied), unverified: shape(c.unverified), suggestions };
}
