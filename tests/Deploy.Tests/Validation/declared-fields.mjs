// Unknown-field check for kinds whose npm schema accepts any extra field (the CRD models of @kubernetes-models/keda
// and @kubernetes-models/prometheus-operator): the fields each model declares are read from its TypeScript declaration
// file (the generated `export declare class` lists every field, inherited ones included), and every field of the object
// must be one of them. Types imported from other packages (ObjectMeta, LabelSelector, autoscaling types) are not
// followed: their fields are taken as given (the built-in kinds are checked strictly elsewhere).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const classes = new Map();

/** The declared fields of the first class in a .d.ts file: { name, fields: { field: type } }. */
function declaredClass(file) {
  if (classes.has(file)) return classes.get(file);
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const imports = new Map();
  for (const m of text.matchAll(/import \{ (\w+) \} from "(\.[^"]+)";/g)) imports.set(m[1], resolve(dirname(file), m[2].replace(/\.js$/, '.d.ts')));
  const header = text.match(/export declare class (\w+)[^{]*\{/);
  if (!header) throw new Error(`${file}: no class declaration`);
  const body = block(text, header.index + header[0].length - 1);
  const type = { name: header[1], fields: null };
  classes.set(file, type);
  type.fields = fields(body, imports);
  return type;
}

/** The text between the brace at `open` and its match. */
function block(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error('unbalanced braces');
}

/** Statements of a body split at top-level semicolons. */
function statements(body) {
  const out = [];
  let depth = 0, start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if ('{<('.includes(c)) depth++;
    else if ('}>)'.includes(c)) depth--;
    else if (c === ';' && depth === 0) { out.push(body.slice(start, i).trim()); start = i + 1; }
  }
  return out.filter(s => s.length > 0);
}

function fields(body, imports) {
  const result = {};
  for (const s of statements(body)) {
    const m = s.match(/^"([^"]+)"\??:\s*([\s\S]*)$/);
    if (m) result[m[1]] = typeOf(m[2].trim(), imports);
  }
  return result;
}

function typeOf(text, imports) {
  const array = text.match(/^Array<([\s\S]*)>$/);
  if (array) return { array: typeOf(array[1].trim(), imports) };
  if (text.startsWith('{') && text.endsWith('}')) {
    const inner = text.slice(1, -1).trim();
    const map = inner.match(/^\[key: string\]:\s*([\s\S]*?);?$/);
    if (map) return { map: typeOf(map[1].trim(), imports) };
    return { name: 'an inline object', fields: fields(inner, imports) };
  }
  const file = imports.get(text);
  return file && existsSync(file) ? { file } : null;
}

function check(value, type, path, problems) {
  if (!type || value === null || typeof value !== 'object') return;
  if (type.array) { if (Array.isArray(value)) value.forEach((v, i) => check(v, type.array, `${path}/${i}`, problems)); return; }
  if (type.map) { for (const [k, v] of Object.entries(value)) check(v, type.map, `${path}/${k}`, problems); return; }
  const declared = type.file ? declaredClass(type.file) : type;
  if (!declared.fields || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (!(k in declared.fields)) problems.push(`${path}/${k} is not a field of ${declared.name}`);
    else check(v, declared.fields[k], `${path}/${k}`, problems);
  }
}

/** Fields of `object` that the model declared in `modelFile` (its .js) does not have, as "/path is not a field of Type". */
export function unknownFields(object, modelFile) {
  const problems = [];
  check(object, { file: modelFile.replace(/\.js$/, '.d.ts') }, '', problems);
  return problems;
}
