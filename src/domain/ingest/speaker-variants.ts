/**
 * Speakers that are known sources under another name. The extractor matches a speaker to a
 * known source when the source's words are all in the phrase; this pass goes further, and
 * corrects one thing the word test gets wrong:
 *
 * - a new speaker whose name is a variant of a known source (source-variants.ts: another
 *   spelling, the acronym, the same part of the same body, a description, a person's
 *   transliteration) is proposed as that source, the variant kept as an alias on accept;
 * - a speaker matched to a body when the phrase names a part of it («المركز الإعلامي لقسد»
 *   matched to قسد) is the part: the known part if there is one, else a new source that belongs
 *   to the body — a media centre is not the forces it speaks for.
 * Pure: the suggestions and the known sources in, new suggestions out.
 */
import type { KnownSource, Suggestion } from "../../extract/extract.ts";
import { canonicalBodyName } from "../../extract/source-names.ts";
import { SourceVariantIndex, nameKey, partOf } from "../../extract/source-variants.ts";
import { SPEAKER_KIND } from "./proposals.ts";

/** Names of `speaker` worth trying against the known sources (its name, other names, the words as written). */
function namesOf(sp: Suggestion["speaker"]): string[] {
  return [...new Set([sp.name, ...(sp.aliases ?? []), ...(sp.surface && !sp.resolvedFrom ? [sp.surface] : [])].map((n) => n.trim()).filter(Boolean))];
}

/** The names a known source does not have yet (normalised), to keep as its aliases. */
function newNames(names: string[], source: KnownSource): string[] {
  const have = new Set([source.name, ...source.aliases].map(nameKey));
  return names.filter((n) => !have.has(nameKey(n)));
}

export function resolveSpeakerVariants<T extends Suggestion>(suggestions: T[], known: KnownSource[]): T[] {
  const byId = new Map(known.map((k) => [String(k.id), k]));
  let index: SourceVariantIndex<KnownSource> | undefined;
  const variants = () => (index ??= new SourceVariantIndex(known));
  return suggestions.map((s) => {
    const sp = s.speaker;
    if (sp.kind === "anonymous" || sp.matchedVia === "outlet" || sp.matchedVia === "role") return s;
    const kind = SPEAKER_KIND[sp.kind ?? "unknown"] ?? "other";
    if (!sp.isNew && sp.matchedSourceId !== undefined) {
      // the matcher took a part for its whole?
      const whole = byId.get(String(sp.matchedSourceId));
      const surface = sp.surface?.trim();
      if (!whole || !surface || sp.resolvedFrom || ![whole.name, ...whole.aliases].some((n) => partOf(surface, n))) return s;
      const canon = canonicalBodyName(surface);
      const names = [...new Set([canon.name, surface, ...canon.aliases])];
      const part = variants().find(names, { kind, exclude: whole });
      if (part) {
        const aliases = newNames(names, part.source);
        return {
          ...s,
          speaker: {
            ...sp,
            name: part.source.name,
            matchedSourceId: part.source.id,
            matchedSourceName: part.source.name,
            matchedVia: "alias",
            ...(aliases.length ? { aliases } : { aliases: undefined }),
          },
          reasons: [...s.reasons, `speaker: variant of known source «${part.source.name}» (${part.reason}); «${whole.name}» is the body it belongs to`],
        };
      }
      const aliases = names.filter((n) => n !== canon.name);
      return {
        ...s,
        speaker: {
          ...sp,
          name: canon.name,
          isNew: true,
          matchedVia: "role",
          matchedSourceId: whole.id,
          matchedSourceName: whole.name,
          ...(aliases.length ? { aliases } : {}),
        },
        reasons: [...s.reasons, `speaker: «${surface}» is a part of known source «${whole.name}», not the same source: a new source belonging to it`],
      };
    }
    if (!sp.isNew) return s;
    const names = namesOf(sp);
    const v = variants().find(names, { kind });
    // a new body named as part of a known one (its media office): say so, as above
    if (!v && sp.parent?.matchedSourceName !== undefined)
      return {
        ...s,
        reasons: [
          ...s.reasons,
          `speaker: «${sp.surface?.trim() || sp.name}» is a part of known source «${sp.parent.matchedSourceName}», not the same source: a new source belonging to it`,
        ],
      };
    if (!v) return s;
    const aliases = newNames(names, v.source);
    return {
      ...s,
      speaker: {
        ...sp,
        name: v.source.name,
        isNew: false,
        matchedSourceId: v.source.id,
        matchedSourceName: v.source.name,
        matchedVia: "alias",
        ...(aliases.length ? { aliases } : { aliases: undefined }),
      },
      reasons: [...s.reasons, `speaker: variant of known source «${v.source.name}» (${v.reason})`],
    };
  });
}

/** The line the proposal's why gets for a speaker this pass resolved, if any. */
export function variantWhy(s: Suggestion): string[] {
  const line = s.reasons.find((r) => r.startsWith("speaker: variant of known source") || r.includes("is a part of known source"));
  return line ? [`Speaker ${line.slice("speaker: ".length)}.`] : [];
}
