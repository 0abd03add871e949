/**
 * The JSON exports: the whole model is exactly `validate --json` without ok/erreurs,
 * each roadmap's file carries that roadmap unchanged, and every published JSON
 * file validates against the published JSON Schema (checked with ajv).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, inject, it } from 'vitest';
import { modelJsonSchema } from '../src/lib/export/model-schema.ts';
import { lastDataChanges } from '../src/lib/export/freshness.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';

const root = join(import.meta.dirname, '..');
const dir = join(inject('siteDir'), 'donnees');
const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
// As `validate --json` and the build give it: with each sheet's last data change from git.
const model = validateProject(root, undefined, undefined, () => lastDataChanges(root, join(root, 'content'))).model;
const schema = read('jalons.schema.json');
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validate = ajv.compile(schema);

describe('JSON exports', () => {
  it('publish the whole model in the format of validate --json', () => {
    const { ok, erreurs, ...expected } = JSON.parse(JSON.stringify({ ok: true, erreurs: [], ...model }));
    expect(ok).toBe(true);
    expect(erreurs).toEqual([]);
    expect(read('jalons.json')).toEqual(expected);
  });

  it('publish each roadmap with the actors it cites', () => {
    for (const rm of model.feuilles_de_route) {
      const data = read(`${rm.id}.json`);
      expect(data.feuilles_de_route).toEqual([JSON.parse(JSON.stringify(rm))]);
      const ids = new Set(data.acteurs.map((a: { id: string }) => a.id));
      for (const f of rm.fiches) for (const p of f.pilotes) if (p.acteur) expect(ids.has(p.acteur)).toBe(true);
      expect(data.acteurs.length).toBeLessThanOrEqual(model.acteurs.length);
    }
  });

  it('validate against the published JSON Schema', () => {
    for (const name of ['jalons.json', ...model.feuilles_de_route.map((r) => `${r.id}.json`)]) {
      const ok = validate(read(name));
      expect(ok, `${name} : ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('has a schema generated from the zod description, strict enough to catch drift', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/\/donnees\/jalons\.schema\.json$/);
    expect(schema).toEqual(modelJsonSchema(schema.$id));
    const data = read('jalons.json');
    data.feuilles_de_route[0].fiches[0].champ_inconnu = 1;
    expect(validate(data)).toBe(false);
    const missing = read('jalons.json');
    delete missing.feuilles_de_route[0].fiches[0].titre;
    expect(validate(missing)).toBe(false);
  });
});
