// Parses every .tf file under the given directory (recursively) with @cdktf/hcl2json, offline.
// Prints {"files": {"<relative path>": <parsed JSON>}, "errors": [{"file", "message"}]}; exit 1 on syntax errors.
import { parse } from "@cdktf/hcl2json";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = process.argv[2];
if (!root) {
  console.error("usage: node hcl2json.mjs <directory>");
  process.exit(2);
}

const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  if (name === ".terraform") return [];
  return statSync(path).isDirectory() ? walk(path) : name.endsWith(".tf") ? [path] : [];
});

const result = { files: {}, errors: [] };
for (const file of walk(root).sort()) {
  const name = relative(root, file);
  try {
    result.files[name] = await parse(name, readFileSync(file, "utf8"));
  } catch (error) {
    result.errors.push({ file: name, message: String(error?.message ?? error) });
  }
}

process.stdout.write(JSON.stringify(result));
process.exit(result.errors.length > 0 ? 1 : 0);
