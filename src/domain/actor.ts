/** The actor lives in src/shared (the audit writer records it too); re-exported for the domain's callers. */
export * from "../shared/actor.ts";
