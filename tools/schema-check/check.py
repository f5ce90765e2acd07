"""Python's jsonschema: checks a JSON Schema (check_schema), then says of each JSON file whether it
follows it, a line each: "valid<TAB>FILE" or "invalid<TAB>FILE". A schema that check_schema
refuses is an error: exit 1.

    python3 tools/schema-check/check.py SCHEMA.json [FILE.json ...]
"""
import json
import sys

import jsonschema


def read(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


schema_path, files = sys.argv[1], sys.argv[2:]
schema = read(schema_path)
validator = jsonschema.validators.validator_for(schema)
try:
    validator.check_schema(schema)
except jsonschema.SchemaError as error:
    sys.exit(f"{schema_path}: jsonschema's check_schema refuses the schema: {error.message}")
check = validator(schema, format_checker=validator.FORMAT_CHECKER)
for file in files:
    print(f"{'valid' if check.is_valid(read(file)) else 'invalid'}\t{file}")
