// Turns the MIT-licensed npm package hl7-dictionary into the compact definition files embedded in
// IntegrationHub.Hl7 (platform/IntegrationHub.Hl7/Definitions/Data/hl7-<version>.json).
// Usage: npm ci && npm run generate   (see README.md; the output is committed).
//
// Deterministic by construction: keys are sorted, nothing depends on time or environment, and the
// dictionary version is pinned (package.json + package-lock.json) and checked below.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSIONS = ['2.3.1', '2.4', '2.5', '2.5.1', '2.6'];
const EXPECTED_PACKAGE_VERSION = '1.0.1';

const here = dirname(fileURLToPath(import.meta.url));
const outputDir = join(here, '..', '..', 'platform', 'IntegrationHub.Hl7', 'Definitions', 'Data');
const require = createRequire(import.meta.url);

const packageJson = JSON.parse(readFileSync(require.resolve('hl7-dictionary/package.json'), 'utf8'));
if (packageJson.version !== EXPECTED_PACKAGE_VERSION) {
  throw new Error(`hl7-dictionary ${EXPECTED_PACKAGE_VERSION} expected, found ${packageJson.version}; run 'npm ci'.`);
}

const dictionary = require('hl7-dictionary');

// Ordinal comparison, so the order never depends on the locale of the machine.
const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const sortedKeys = (object) => Object.keys(object).sort(ordinal);
const shortText = (text) => (text ?? '').replace(/\s+/g, ' ').trim();

// The dictionary's conventions, checked by inspection of the package:
//   opt  1 = optional, 2 = required, 3 = conditional (components only, from 2.5)
//   rep  1 = not repeating, 0 = unbounded, n > 1 = at most n repetitions
//   len  maximum length; absent for a few fields (written as 0 = unknown)
//   min/max of structure nodes: max 0 = unbounded
// Anything else is reported so a new dictionary release cannot slip in a new meaning silently.
function checkInteger(value, what, allowed) {
  if (!Number.isInteger(value) || (allowed && !allowed.includes(value)) || value < 0) {
    throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
  }
  return value;
}

// Field: [dataType, opt, rep, len] plus table when there is one.
function field(definition, where) {
  const tuple = [
    definition.datatype,
    checkInteger(definition.opt, `opt at ${where}`, [1, 2, 3]),
    checkInteger(definition.rep, `rep at ${where}`),
    definition.len === undefined ? 0 : checkInteger(definition.len, `len at ${where}`),
  ];
  if (definition.table !== undefined) {
    tuple.push(checkInteger(definition.table, `table at ${where}`));
  }
  return tuple;
}

// Component: [dataType, opt, len] plus table; components never repeat in the dictionary.
function component(definition, where) {
  checkInteger(definition.rep, `rep at ${where}`, [1]);
  const [dataType, opt, , len, table] = field(definition, where);
  return table === undefined ? [dataType, opt, len] : [dataType, opt, len, table];
}

// Structure node: [name, min, max] for a segment, [name, min, max, children] for a group,
// [name, min, max, alternatives, 1] for a choice (the dictionary's "compounds": one of the alternatives).
function node(definition, where) {
  const path = `${where}/${definition.name}`;
  const tuple = [
    definition.name,
    checkInteger(definition.min, `min at ${path}`, [0, 1]),
    checkInteger(definition.max, `max at ${path}`),
  ];
  if (definition.children) {
    tuple.push(definition.children.map((child) => node(child, path)));
  } else if (definition.compounds) {
    tuple.push(definition.compounds.map((child) => node(child, path)), 1);
  }
  return tuple;
}

// One entry per line: compact, yet a regenerated file diffs readably.
function section(name, entries) {
  const lines = entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
  return `${JSON.stringify(name)}:{\n${lines.join(',\n')}\n}`;
}

function generate(version) {
  const source = dictionary.definitions[version];
  if (!source) {
    throw new Error(`hl7-dictionary has no version ${version}`);
  }

  const segments = sortedKeys(source.segments).map((id) => {
    const segment = source.segments[id];
    return [id, [shortText(segment.desc), segment.fields.map((f, i) => field(f, `${version} ${id}-${i + 1}`))]];
  });
  const dataTypes = sortedKeys(source.fields).map((id) => {
    const type = source.fields[id];
    return [id, [shortText(type.desc), (type.subfields ?? []).map((c, i) => component(c, `${version} ${id}.${i + 1}`))]];
  });
  const structures = sortedKeys(source.messages).map((id) => {
    const message = source.messages[id];
    return [id, message.segments.segments.map((n) => node(n, `${version} ${id}`))];
  });

  const header = `"format":1,"version":${JSON.stringify(version)},"source":"hl7-dictionary@${packageJson.version} (MIT)"`;
  return `{${header},\n${section('segments', segments)},\n${section('dataTypes', dataTypes)},\n${section('structures', structures)}}\n`;
}

mkdirSync(outputDir, { recursive: true });
let total = 0;
for (const version of VERSIONS) {
  const text = generate(version);
  JSON.parse(text); // the output must be valid JSON
  const file = join(outputDir, `hl7-${version}.json`);
  writeFileSync(file, text, 'utf8');
  total += Buffer.byteLength(text, 'utf8');
  console.log(`${file}: ${Buffer.byteLength(text, 'utf8')} bytes`);
}
console.log(`total: ${total} bytes`);
