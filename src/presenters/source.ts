/** View data for the source pages. */
import { generatedNoteText } from "./reason-text.ts";
import type { getSource, listSources } from "../domain/sources/queries.ts";

type ListRow = Awaited<ReturnType<typeof listSources>>["items"][number];
type SourcePage = Awaited<ReturnType<typeof getSource>>;

const ref = (s: { id: number; name: string } | null) => (s ? { id: s.id, name: s.name } : null);

export function presentSourceRow(s: ListRow) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    reliability: s.reliability,
    aliases: s.aliases.map((a) => a.alias),
    parent: ref(s.parent),
    attributions: s._count.attributions,
  };
}

/** A source with its stances and its track record: of the claims it asserted, how many were later verified or disputed. */
export function presentSourcePage(s: SourcePage) {
  const record = { asserted: 0, denied: 0, unverified: 0, verified: 0, disputed: 0 };
  for (const a of s.attributions) {
    record[a.stance as "asserted" | "denied" | "unverified"] += 1;
    if (a.stance === "asserted" && (a.claim.status === "verified" || a.claim.status === "disputed")) record[a.claim.status] += 1;
  }
  return {
    source: {
      ...presentSourceRow({ ...s, _count: { attributions: s.attributions.length } }),
      key: s.key,
      notes: generatedNoteText(s.notes),
      children: s.children.map((c) => ({ id: c.id, name: c.name, kind: c.kind })),
    },
    record,
    attributions: s.attributions.map((a) => ({
      id: a.id,
      stance: a.stance,
      quote: a.quote,
      statedAt: a.statedAt,
      claim: { id: a.claim.id, text: a.claim.text, status: a.claim.status },
      document: a.document ? { id: a.document.id, title: a.document.title } : null,
    })),
    documents: s.documents.map((d) => ({ id: d.id, title: d.title, publishedAt: d.publishedAt })),
  };
}

/** The edit form's values (aliases one per line). */
export function sourceFormValues(s: SourcePage) {
  return { name: s.name, kind: s.kind, reliability: s.reliability, notes: s.notes, parentId: s.parentId, aliases: s.aliases.map((a) => a.alias).join("\n") };
}
