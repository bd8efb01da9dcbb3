/**
 * T17 template lint over views/**\/*.hbs and the Handlebars version/escape set: no triple-stash
 * except {{{body}}} in the layout, no unquoted attribute holding {{ }}, no {{ }} inside
 * <script>, <style> or on* attributes, and every attribute that takes a whole URL from data
 * is one whose value is server-built or validated as http(s).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { viewsDir } from "../../src/http/views.ts";

function templates(dir = viewsDir): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? templates(p) : f.endsWith(".hbs") ? [p] : [];
  });
}

/** Replace every mustache with a placeholder free of quotes and spaces, so HTML attributes parse. */
function mask(src: string): { text: string; found: string[] } {
  const found: string[] = [];
  const text = src.replace(/\{\{\{?[\s\S]*?\}?\}\}/g, (m) => {
    found.push(m);
    return `\u00A7${found.length - 1}\u00A7`;
  });
  return { text, found };
}

/** Attributes whose whole value may come from data, and why that is safe. */
const URL_ATTRIBUTES_FROM_DATA: Record<string, string> = {
  "pages/document.hbs href={{doc.url}}": "document URLs are validated http(s) at input (validation/fields.ts httpUrl)",
  "pages/audit.hbs href={{this.href}}": "built by the audit presenter from entity type and numeric id",
  "partials/audit-entry.hbs href={{e.href}}": "built by presenters/audit-entry.ts from the entity type and a numeric id (or the snapshot's numeric claimId)",
  "pages/dashboard.hbs href={{this.href}}": "the audit presenter's link (entity type + numeric id)",
  "pages/source-form.hbs action={{action}}": "set by the route handler",
  "pages/claim-form.hbs action={{action}}": "set by the route handler (/claims or /claims/:id)",
  "pages/document-form.hbs action={{action}}": "set by the route handler",
  "partials/pagination.hbs href={{pageLink query (add result.page -1)}}": "a query string built by the pageLink helper (URLSearchParams)",
  "partials/pagination.hbs href={{pageLink query (add result.page 1)}}": "a query string built by the pageLink helper (URLSearchParams)",
  "pages/report.hbs href={{base}}?format=csv": "built by the report route from a numeric id or an encoded tag",
  "pages/report.hbs href={{base}}?format=json": "as above",
  "pages/report.hbs href={{base}}?format=claimreview": "as above",
  "pages/report.hbs href={{base}}?format=stix": "as above",
  "partials/lang-switch.hbs href={{href}}":
    "the language switcher: this request's own path and query with lang= set (src/http/locale.ts switchHref, URL-parsed)",
};

describe("template lint (T17)", () => {
  const files = templates();

  it("when the views are scanned, then there are templates to scan", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("when a template uses the triple-stash, then it is only {{{body}}} in the layout", () => {
    const hits = files.flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/\{\{\{\s*([^}]*?)\s*\}\}\}/g)].map((m) => `${relative(viewsDir, f)}: {{{${m[1]}}}}`),
    );
    expect(hits).toEqual(["layouts/main.hbs: {{{body}}}"]);
  });

  it("when attributes hold {{ }}, then every such attribute value is quoted", () => {
    const bad: string[] = [];
    for (const f of files) {
      const { text, found } = mask(readFileSync(f, "utf8"));
      for (const tag of text.match(/<[a-zA-Z][^>]*>/g) ?? []) {
        for (const m of tag.matchAll(/\s([^\s=>"'\u00A7/]+)\s*=\s*([^\s"'>]+)/g)) {
          if (m[2].includes("\u00A7")) bad.push(`${relative(viewsDir, f)}: ${m[1]}=${m[2].replace(/\u00A7(\d+)\u00A7/g, (_x, i) => found[Number(i)])}`);
        }
        // A mustache directly after `=` with no quote at all (e.g. value={{x}}) is caught above;
        // a mustache that opens an attribute name is only allowed for whole boolean attributes.
      }
    }
    expect(bad).toEqual([]);
  });

  it("when a template has <script>, <style> or on* handlers, then none holds {{ }} (there are none at all: CSP forbids inline code)", () => {
    const bad: string[] = [];
    for (const f of files) {
      const src = readFileSync(f, "utf8");
      for (const m of src.matchAll(/<(script|style)\b[^>]*>([\s\S]*?)<\/\1>/gi))
        if (m[2].includes("{{")) bad.push(`${relative(viewsDir, f)}: {{ }} in <${m[1]}>`);
      for (const m of src.matchAll(/<script\b[^>]*>/gi)) if (!/\bsrc=/.test(m[0])) bad.push(`${relative(viewsDir, f)}: inline <script>`);
      const { text } = mask(src);
      for (const tag of text.match(/<[a-zA-Z][^>]*>/g) ?? []) {
        for (const m of tag.matchAll(/\s(on[a-z]+)\s*=/gi)) bad.push(`${relative(viewsDir, f)}: ${m[1]} handler in ${tag.slice(0, 40)}`);
        for (const m of tag.matchAll(/\sstyle\s*=\s*"([^"]*)"/gi))
          if (m[1].includes("\u00A7")) bad.push(`${relative(viewsDir, f)}: {{ }} in a style attribute`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('when an <option> shows a user value (a name, title or label), then it carries dir="auto" (T21: <bdi> cannot go inside <option>)', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(/<option\b([^>]*)>([^<]*\{\{[^<]*)<\/option>/g)) {
        if (/\{\{\s*(this\.)?(name|title|label|displayName|text)\s*\}\}/.test(m[2]) && !/\bdir="auto"/.test(m[1]))
          bad.push(`${relative(viewsDir, f)}: <option${m[1].slice(0, 30)}…>${m[2].slice(0, 40)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("when an href, src or action takes its whole value from data, then it is a known server-built or validated URL", () => {
    const found: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(/\b(href|src|action|formaction)="(\{\{[^"]*)"/g)) found.push(`${relative(viewsDir, f)} ${m[1]}=${m[2]}`);
    }
    expect(found.filter((k) => !(k in URL_ATTRIBUTES_FROM_DATA))).toEqual([]);
  });
});

describe("Handlebars (T17)", () => {
  it("when the installed version is read, then it is at least 4.7.9", () => {
    const require = createRequire(import.meta.url);
    const version = (require("handlebars/package.json") as { version: string }).version;
    const [maj, min, patch] = version.split(".").map(Number);
    expect(maj * 1e6 + min * 1e3 + patch).toBeGreaterThanOrEqual(4_007_009);
    expect(Handlebars.VERSION).toBe(version);
  });

  it("when {{ }} renders the HTML-significant characters, then & < > \" ' ` = are all escaped", () => {
    const out = Handlebars.compile('<p title="{{v}}">{{v}}</p>')({ v: "&<>\"'`=" });
    expect(out).toBe('<p title="&amp;&lt;&gt;&quot;&#x27;&#x60;&#x3D;">&amp;&lt;&gt;&quot;&#x27;&#x60;&#x3D;</p>');
  });
});
