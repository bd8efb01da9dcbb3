/**
 * Public API of the comparison engine. Pure TypeScript: no web, database or file-system
 * imports; usable from the app, the CLI and the tests alike.
 */
export * from "./normalize.ts";
export { joinSegmented, stem, contentTerms, isStopword } from "./text.ts";
export { BUILTIN_ENTITIES, EntityDictionary, defaultEntities, resolveEntities, type EntityDef, type EntityKind, type EntityMention } from "./entities.ts";
export { compareDetails, extractDetails, type DetailConflict, type DetailKind } from "./details.ts";
export { negationCues, hedgeCues, antonymPairs } from "./cues.ts";
export { ClaimIndex, cleanForMatch, type ClaimIndexOptions, type MatchResult } from "./match.ts";
export { classifyPair, pairFeatures, PAIR_LABELS, type PairLabel, type PairResult, type ClassifyPairOptions } from "./pair.ts";
export { classifyStance, STANCE_LABELS, type StanceLabel, type StanceResult } from "./stance.ts";
export { sameProposition, SAME_MEANING_COSINE, type PropositionInput, type PropositionMatch } from "./proposition.ts";
export { compareEvents, eventSynonyms, type EventComparison, type EventSide } from "./event.ts";
