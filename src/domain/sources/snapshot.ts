/** What the audit trail records of a source (derived search keys left out). */
export function sourceSnapshot(s: {
  id: number;
  key: string;
  name: string;
  kind: string;
  reliability: string;
  notes: string;
  parentId: number | null;
  aliases: { alias: string }[];
}) {
  return {
    id: s.id,
    key: s.key,
    name: s.name,
    kind: s.kind,
    reliability: s.reliability,
    notes: s.notes,
    parentId: s.parentId,
    aliases: s.aliases.map((a) => a.alias),
  };
}
