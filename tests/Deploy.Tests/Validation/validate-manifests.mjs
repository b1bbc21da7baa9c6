// Validates Kubernetes objects against the API schemas of npm kubernetes-models (built-in kinds),
// @kubernetes-models/keda (ScaledObject) and @kubernetes-models/prometheus-operator (ServiceMonitor), offline.
// Usage: node validate-manifests.mjs OBJECTS.json CORE_DIR KEDA_DIR PROMETHEUS_OPERATOR_DIR
// (each *_DIR an npm install prefix). Prints one JSON line per object: {"id", "ok", "problem"}.
// The npm schemas accept unknown fields; for the CRD kinds declared-fields.mjs rejects them.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unknownFields } from './declared-fields.mjs';

const [objectsFile, coreDir, kedaDir, promDir] = process.argv.slice(2);
if (!promDir) {
  console.error('usage: node validate-manifests.mjs OBJECTS.json CORE_DIR KEDA_DIR PROMETHEUS_OPERATOR_DIR');
  process.exit(2);
}

function modelFile(apiVersion, kind) {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (group === 'keda.sh')
    return join(kedaDir, 'node_modules', '@kubernetes-models', 'keda', group, version, `${kind}.js`);
  if (group === 'monitoring.coreos.com')
    return join(promDir, 'node_modules', '@kubernetes-models', 'prometheus-operator', group, version, `${kind}.js`);
  if (group === '' || !group.includes('.') || group.endsWith('.k8s.io'))
    return join(coreDir, 'node_modules', 'kubernetes-models', group || 'v1', group ? version : '', `${kind}.js`);
  return null;
}

const objects = JSON.parse(readFileSync(objectsFile, 'utf8'));
for (const object of objects) {
  const id = `${object.kind}/${object.metadata?.name}`;
  const file = modelFile(String(object.apiVersion ?? ''), String(object.kind ?? ''));
  if (!file || !existsSync(file)) {
    console.log(JSON.stringify({ id, ok: false, problem: `no schema for apiVersion ${object.apiVersion} kind ${object.kind}` }));
    continue;
  }
  const module = await import(pathToFileURL(file).href);
  const Model = module[object.kind];
  try {
    new Model(object).validate();
    const crd = file.startsWith(kedaDir) || file.startsWith(promDir);
    const unknown = crd ? unknownFields(object, file) : [];
    console.log(JSON.stringify(unknown.length === 0 ? { id, ok: true } : { id, ok: false, problem: unknown.join('; ') }));
  } catch (error) {
    const details = (error.details ?? []).map(d => `${d.instancePath || '/'} ${d.message}`).join('; ');
    console.log(JSON.stringify({ id, ok: false, problem: details || error.message }));
  }
}
