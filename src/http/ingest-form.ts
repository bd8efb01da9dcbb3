/**
 * The ingest pages' input at the edge: the paste/upload form's schema, and the review form's
 * flat fields (`i3_claimText`; urlencoded bodies are parsed with extended:false, so no nested
 * names) rebuilt into items, with the use case's item errors mapped back to the form's names.
 */
import { z } from "zod";
import { t } from "../i18n/index.ts";
import { INGEST_FORMATS } from "../domain/ingest/ingest-report.ts";
import { httpUrl, language, LIMITS, pastDate, text } from "../validation/fields.ts";
import { formInput } from "./schemas.ts";

const optionalId = z.preprocess(
  (v) => (typeof v === "string" && /^\s*\d{1,15}\s*$/.test(v) ? Number(v) : v),
  z
    .number({ error: () => t("validation.chooseSource") })
    .int()
    .positive({ error: () => t("validation.chooseSource") }),
);

export const ingestFormSchema = z.strictObject({
  text: text(LIMITS.documentText * 5, "Text").optional(),
  format: z.enum(INGEST_FORMATS, { error: () => t("validation.format") }).default("text"),
  title: text(LIMITS.title, "Title").optional(),
  url: httpUrl.optional(),
  publisherId: optionalId.optional(),
  publishedAt: pastDate("The publication date").optional(),
  language: language.optional(),
});

const ITEM_FIELD = /^i(\d{1,4})_([A-Za-z]+)$/;

/** Flat review-form fields (`i3_claimText`) → `{ items: [{ index: 3, claimText }] }`, in page order. */
export function itemsFromForm(body: unknown): Record<string, unknown> {
  const flat = formInput(body);
  const byIndex = new Map<number, Record<string, unknown>>();
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) {
    const m = ITEM_FIELD.exec(k);
    if (!m) {
      rest[k] = v;
      continue;
    }
    const index = Number(m[1]);
    const item = byIndex.get(index) ?? { index };
    item[m[2]] = v;
    byIndex.set(index, item);
  }
  const items = [...byIndex.values()].sort((a, b) => (a.index as number) - (b.index as number));
  for (const item of items) {
    // "or claim #" typed by hand wins over the list; an existing speaker makes the new-source fields moot.
    if (item.mergeClaim !== undefined) item.mergeInto = item.mergeClaim;
    delete item.mergeClaim;
    if (item.decision !== "merge") delete item.mergeInto;
    if (item.speakerId !== undefined) {
      delete item.speakerName;
      delete item.speakerKind;
      delete item.speakerParentId;
      delete item.speakerParentName;
      delete item.speakerParentAliases;
    }
  }
  return { ...rest, items };
}

/** Field errors keyed by item position (`items.1.stance`) → the form's names (`i4_stance`). */
export function formErrors(fields: Record<string, string> | undefined, items: { index?: number | string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, msg] of Object.entries(fields ?? {})) {
    const m = /^items\.(\d+)(?:\.(\w+))?/.exec(k);
    const index = m ? items[Number(m[1])]?.index : undefined;
    if (m && index !== undefined) out[`i${String(index)}_${m[2] ?? "decision"}`] ??= msg;
    else if (k !== "items") out[k] ??= msg;
  }
  return out;
}
