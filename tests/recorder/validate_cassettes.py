#!/usr/bin/env python3
"""Validates cassettes against cassettes/cassette.schema.json (JSON Schema 2020-12).

usage: validate_cassettes.py SCHEMA PATH...   (files, or directories searched for *.json)
Exit 0: all valid; 1: a cassette is invalid; 77: the jsonschema module is missing (CTest
reports the test as skipped).
"""
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("SKIP: the Python module jsonschema is not installed (apt-get install python3-jsonschema)")
    sys.exit(77)


def cassettes(paths):
    for path in map(pathlib.Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.json"))
        else:
            yield path


def main():
    schema = json.loads(pathlib.Path(sys.argv[1]).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    count = 0
    for path in cassettes(sys.argv[2:]):
        count += 1
        errors = sorted(validator.iter_errors(json.loads(path.read_text())), key=lambda e: list(e.path))
        for error in errors[:5]:
            location = "/".join(str(part) for part in error.path)
            print(f"{path}: at /{location}: {error.message[:300]}")
        failures += bool(errors)
        print(f"{'FAIL' if errors else 'ok'}: {path}")
    if count == 0:
        print("no cassettes found")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
