/**
 * The acceptance story in miniature, for the export tests: the SDF media centre asserts a
 * joint border centre, the Iraqi army (via Arab media) denies it — a stance conflict; a
 * Political Keys claim resting on anonymous "private sources"; a claim with hostile,
 * formula-looking quotes; reviews on three of the four claims.
 */
import { inTransaction, type Db } from "../../src/db/client.ts";
import { reviewClaim } from "../../src/domain/reviews/review-claim.ts";
import { actorFor, buildAttribution, buildClaim, buildDocument, buildSource, buildUser } from "../helpers.ts";

export const CLAIM_AR = "شكّلت قسد والجيش العراقي مركزاً مشتركاً لتنسيق أمن الحدود";
export const QUOTE_ASSERT = "أعلن المركز الإعلامي لـ«قسد» تشكيل مركز مشترك مع الجيش العراقي لتنسيق أمن الحدود";
export const QUOTE_DENY = "نفى الجيش العراقي تشكيل أي مركز عمليات مشترك";
/** Cells a spreadsheet would run as formulas, each with the prefix expected in the CSV. */
export const HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+972 555", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "\u200F=1+1", "\u2067@cmd", "\u202B\u200E-1"];

export async function buildScenario(db: Db) {
  const reviewer = await buildUser(db, { role: "reviewer", username: "rana" });
  const actor = actorFor(reviewer);

  const khabar = await buildSource(db, { key: "src-khabar", name: "قناة الخبر", kind: "outlet", reliability: "C", aliases: ["Al-Khabar TV"] });
  const politicalKeys = await buildSource(db, { key: "src-pk", name: "Political Keys", kind: "outlet", reliability: "D" });
  const sdf = await buildSource(db, {
    key: "src-sdf",
    name: "المركز الإعلامي لقوات سوريا الديمقراطية",
    kind: "official_body",
    reliability: "B",
    aliases: ["SDF media centre", "قسد"],
  });
  const army = await buildSource(db, { key: "src-army", name: "الجيش العراقي", kind: "official_body", reliability: "B", aliases: ["Iraqi army"] });
  const arabMedia = await buildSource(db, { key: "src-arab", name: "وسائل إعلام عربية", kind: "outlet", reliability: "F", aliases: ["Arab media"] });
  const privateSources = await buildSource(db, { key: "src-private", name: "مصادر خاصة", kind: "anonymous", reliability: "F", parentId: politicalKeys.id });
  const kobani = await buildSource(db, { key: "src-kobani", name: "Jia Kobani", kind: "person", reliability: "C" });

  const doc1 = await buildDocument(db, {
    key: "doc-khabar",
    title: "قسد والجيش العراقي: مركز مشترك لتنسيق أمن الحدود",
    url: "https://khabar.example/news/1",
    publisherId: khabar.id,
    publishedAt: new Date("2019-03-28T09:30:00.000Z"),
    language: "ar",
    text: `${QUOTE_ASSERT}. ${QUOTE_DENY}.`,
  });
  const doc2 = await buildDocument(db, {
    key: "doc-pk",
    title: "Private sources: SDF and coalition form a border force",
    url: "https://politicalkeys.example/p/2",
    publisherId: politicalKeys.id,
    publishedAt: new Date("2019-03-31T18:00:00.000Z"),
    language: "ar",
    text: "قالت مصادر خاصة إن قائد قسد جيا كوباني انتقل من رميلان إلى قاعدة للتحالف",
  });

  const border = await buildClaim(db, {
    key: "clm-border",
    text: CLAIM_AR,
    language: "ar",
    translation: "The SDF and the Iraqi army formed a joint border-coordination centre",
    tags: ["sdf", "iraq", "border"],
  });
  const assert = await buildAttribution(db, {
    claimId: border.id,
    sourceId: sdf.id,
    documentId: doc1.id,
    stance: "asserted",
    quote: QUOTE_ASSERT,
    statedAt: new Date("2019-03-28T08:00:00.000Z"),
    credibility: 3,
  });
  const deny = await buildAttribution(db, {
    claimId: border.id,
    sourceId: army.id,
    viaId: arabMedia.id,
    documentId: doc1.id,
    stance: "denied",
    quote: QUOTE_DENY,
    credibility: 6,
  });

  const moved = await buildClaim(db, {
    key: "clm-kobani",
    text: "انتقل جيا كوباني من رميلان إلى قاعدة للتحالف في ريف الحسكة",
    language: "ar",
    translation: "Jia Kobani moved from Rmeilan to a coalition base in rural Hasakah",
    tags: ["sdf", "coalition"],
  });
  const anon = await buildAttribution(db, {
    claimId: moved.id,
    sourceId: privateSources.id,
    documentId: doc2.id,
    stance: "unverified",
    quote: "قالت مصادر خاصة إن قائد قسد جيا كوباني انتقل من رميلان إلى قاعدة للتحالف",
  });

  const english = await buildClaim(db, { key: "clm-meetings", text: "Meetings ran from 2 pm Saturday to Sunday evening", language: "en", tags: ["coalition"] });
  const meetings = await buildAttribution(db, { claimId: english.id, sourceId: kobani.id, stance: "asserted", quote: "" });

  const hostile = await buildClaim(db, { key: "clm-hostile", text: "-1 is not a formula", language: "en", tags: ["misc"] });
  const hostileAttributions = [];
  for (const quote of HOSTILE) {
    hostileAttributions.push(await buildAttribution(db, { claimId: hostile.id, sourceId: kobani.id, stance: "asserted", quote }));
  }

  await inTransaction(db, (tx) => reviewClaim(tx, actor, { claimId: border.id, status: "verified", rationale: "First look: both sides confirm talks." }));
  await inTransaction(db, (tx) => reviewClaim(tx, actor, { claimId: border.id, status: "disputed", rationale: "The Iraqi army denies it; no third source." }));
  await inTransaction(db, (tx) => reviewClaim(tx, actor, { claimId: moved.id, status: "unverifiable", rationale: "Single anonymous source." }));
  await inTransaction(db, (tx) => reviewClaim(tx, actor, { claimId: english.id, status: "verified", rationale: "Confirmed by the commander on the record." }));

  return {
    reviewer,
    sources: { khabar, politicalKeys, sdf, army, arabMedia, privateSources, kobani },
    documents: { doc1, doc2 },
    claims: { border, moved, english, hostile },
    attributions: { assert, deny, anon, meetings, hostile: hostileAttributions },
  };
}

export type Scenario = Awaited<ReturnType<typeof buildScenario>>;
