import { t } from "../i18n/index.ts";
import type { z } from "zod";
import { ValidationError } from "../errors.ts";
import { fieldErrors } from "./fields.ts";

/** What a field is called on the forms, for messages that name it (never the field key): locales/*.json, fieldLabel.*. */
const FIELD_LABELS = new Set([
  "sourceId",
  "outletId",
  "viaId",
  "documentId",
  "publisherId",
  "parentId",
  "claimId",
  "intoId",
  "statedAt",
  "publishedAt",
  "retrievedAt",
  "eventDate",
  "credibilityNote",
  "displayName",
  "twoPersonReview",
  "claimText",
  "speakerId",
  "speakerName",
  "mergeInto",
]);

/** "publishedAt" → "Published"; "items.3.quote" → "Suggestion 4, quote". */
export function fieldLabelOf(key: string): string {
  const item = /^items\.(\d+)(?:\.(\w+))?/.exec(key);
  if (item)
    return t(item[2] ? "fieldLabel.suggestionField" : "fieldLabel.suggestion", {
      n: Number(item[1]) + 1,
      field: item[2] ? fieldLabelOf(item[2]).toLowerCase() : "",
    });
  const top = key.split(".")[0];
  const label = FIELD_LABELS.has(top) ? t(`fieldLabel.${top}`) : top.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** "Source: Choose the source who said it." — or the message alone when it already names the field. */
function inWords(key: string, message: string): string {
  const label = fieldLabelOf(key);
  return message.toLowerCase().includes(label.toLowerCase()) ? message : `${label}: ${message}`;
}

/** Parse `data` with `schema` or throw a 422 ValidationError carrying per-field messages. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    const first = Object.entries(fields)[0];
    const summary = first ? (first[0] === "_form" ? first[1] : inWords(first[0], first[1])) : t("validation.invalid");
    throw new ValidationError(t("validation.summary", { detail: summary }), fields);
  }
  return result.data;
}
