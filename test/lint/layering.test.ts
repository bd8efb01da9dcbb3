/**
 * The import boundaries in eslint.config.js hold: a file placed in a layer that imports a layer
 * above it is reported by the project's own ESLint config. Lints in-memory text under a virtual
 * path, so no fixture file is left in src/; only the boundary rule runs (no type information).
 */
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RULE = "import-x/no-restricted-paths";

const eslint = new ESLint({
  cwd: ROOT,
  // The virtual files are in no tsconfig project: parse without types, run the boundary rule only.
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === RULE,
});

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe("layering rules", () => {
  it.each([
    ["src/engine/layering-fixture.ts", 'import { type Db } from "../db/client.ts";', /engine and extractors are pure/],
    ["src/extract/layering-fixture.ts", 'import { createClaim } from "../domain/claims/create-claim.ts";', /engine and extractors are pure/],
    ["src/db/layering-fixture.ts", 'import type { Actor } from "../domain/actor.ts";', /Storage does not call up/],
    ["src/domain/claims/layering-fixture.ts", 'import { requireUser } from "../../http/auth.ts";', /domain knows nothing of HTTP/],
    ["src/presenters/layering-fixture.ts", 'import type { CurrentUser } from "../http/auth.ts";', /do not import the HTTP layer/],
    ["src/audit/layering-fixture.ts", 'import { auditEvents } from "../domain/audit/export-audit.ts";', /audit chain sits below the domain/],
    ["src/shared/layering-fixture.ts", 'import { logger } from "../logger.ts";', /src\/shared is the bottom layer/],
  ])("when %s imports a layer above it, then lint reports it", async (file, imp, message) => {
    const errors = await boundaryErrors(file, `${imp}\nexport const used = [${imp.match(/\{ (?:type )?(\w+)/)?.[1]}];\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it("when a layer imports one below it, then lint is silent", async () => {
    const code = [
      'import type { Tx } from "../../db/client.ts";',
      'import { recordAudit } from "../../audit/record.ts";',
      'import { normalizeText } from "../../engine/normalize.ts";',
      'import type { Actor } from "../../shared/actor.ts";',
      "export type T = [Tx, Actor, typeof recordAudit, typeof normalizeText];",
    ].join("\n");
    expect(await boundaryErrors("src/domain/claims/layering-fixture.ts", code)).toEqual([]);
  });
});
