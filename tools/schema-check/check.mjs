// ajv (npm), in strict mode: compiles a JSON Schema, then says of each JSON file whether it
// follows it, a line each: "valid<TAB>FILE" or "invalid<TAB>FILE". A schema that strict mode
// refuses (an unknown keyword or format, a loose type) is an error: exit 1.
//
//   npm ci --prefix tools/schema-check     (once; .ci/run does it)
//   node tools/schema-check/check.mjs SCHEMA.json [FILE.json ...]
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const [schemaPath, ...files] = process.argv.slice(2);
const read = (path) => JSON.parse(readFileSync(path, "utf8"));
const ajv = new Ajv2020({ strict: true, allErrors: true });
let validate;
try {
  validate = ajv.compile(read(schemaPath));
} catch (error) {
  console.error(`${schemaPath}: ajv (strict) refuses the schema: ${error.message}`);
  process.exit(1);
}
for (const file of files) {
  console.log(`${validate(read(file)) ? "valid" : "invalid"}\t${file}`);
}
