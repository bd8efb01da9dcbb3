/**
 * The benchmark's yardstick: a bare Express + Handlebars page that reads 20 rows from the same
 * SQLite file (better-sqlite3, one prepared statement) and renders them. What the claim page
 * is measured against (`bareRenderReqPerS`). argv: DB_FILE PORT.
 */
import express from "express";
import Handlebars from "handlebars";
import Database from "better-sqlite3";

const [file, port] = process.argv.slice(2);
const db = new Database(file, { readonly: true });
const rows = db.prepare("SELECT id, key, text, language, status, createdAt FROM Claim WHERE id > ? ORDER BY id LIMIT 20");
const page = Handlebars.compile(
  `<!doctype html><html><head><meta charset="utf-8"><title>Claims</title></head><body><main><h1>Claims</h1><table>{{#each rows}}<tr><td>{{id}}</td><td dir="auto" lang="{{language}}">{{text}}</td><td>{{status}}</td><td>{{createdAt}}</td></tr>{{/each}}</table></main></body></html>`,
);
const max = (db.prepare("SELECT max(id) AS m FROM Claim").get() as { m: number }).m;
const app = express();
app.get("/health", (_req, res) => void res.send("ok"));
app.get("/", (_req, res) => void res.type("html").send(page({ rows: rows.all(Math.floor(Math.random() * Math.max(1, max - 20))) })));
app.listen(Number(port), "127.0.0.1");
