/** The sentence splitter lives in src/lexicon/sentences.ts (shared with the engine's stance reader). */
export { splitSentences, type SentenceSpan } from "../lexicon/sentences.ts";
