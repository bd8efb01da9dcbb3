/** Paging lives in src/shared (storage pages too); re-exported for the domain's callers. */
export * from "../shared/paging.ts";
