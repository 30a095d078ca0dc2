#!/usr/bin/env node
// Writes one CycloneDX 1.6 SBOM per bundle in dist/, listing exactly the npm packages webpack put inside
// that bundle (its module graph, not package.json: devDependencies and unused dependencies stay out).
// `node scripts/sbom.mjs [name …] [--dist DIR] [--out DIR]` (defaults: dist/, sbom/). Every bundle is
// rebuilt to read its module graph, and must equal the one in DIR, so the SBOM describes that file.
import * as CDX from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { bundle, bundleEntries, packageDirOf, root } from './bundles.mjs';

const SPEC = CDX.Spec.Spec1dot6;

/** The npm packages (name, version, license, path) among a bundle's files; first-party files are the bundle itself. */
export function bundledPackages(files) {
  const byDir = new Map();
  for (const file of files) {
    const dir = packageDirOf(file);
    if (!dir || byDir.has(dir)) continue;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    byDir.set(dir, { dir, manifest });
  }
  return [...byDir.values()];
}

/** A validated CycloneDX JSON document for one bundle. */
export async function bundleSbom({ name, version, bundleFile, packages }) {
  const licenseFactory = new CDX.Contrib.License.Factories.LicenseFactory();
  const builder = new CDX.Contrib.FromNodePackageJson.Builders.ComponentBuilder(
    new CDX.Contrib.FromNodePackageJson.Factories.ExternalReferenceFactory(),
    licenseFactory,
  );
  const bom = new CDX.Models.Bom();
  bom.metadata.component = new CDX.Models.Component(CDX.Enums.ComponentType.Application, `closed-loop-${name}`, {
    version,
    bomRef: `closed-loop-${name}`,
    purl: new PackageURL('npm', undefined, 'closed-loop', version, undefined, `dist/${name}/index.js`).toString(),
    hashes: new CDX.Models.HashDictionary([[CDX.Enums.HashAlgorithm['SHA-256'], createHash('sha256').update(readFileSync(bundleFile)).digest('hex')]]),
  });
  for (const { dir, manifest } of packages) {
    const component = builder.makeComponent(manifest);
    if (!component) throw new Error(`${join(dir, 'package.json')} has no usable name/version`);
    const [scope, bare] = manifest.name.startsWith('@') ? manifest.name.split('/') : [undefined, manifest.name];
    component.purl = new PackageURL('npm', scope, bare, manifest.version).toString();
    component.bomRef.value = `${component.purl}#${relative(root, dir).split(sep).join('/')}`;
    bom.components.add(component);
  }
  const json = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(SPEC)).serialize(bom, { sortLists: true, space: 2 });
  const invalid = await new CDX.Validation.JsonStrictValidator(SPEC.version).validate(json);
  if (invalid) throw new Error(`SBOM for dist/${name} does not validate against CycloneDX ${SPEC.version}: ${JSON.stringify(invalid)}`);
  return json;
}

async function main(args) {
  const option = (flag, fallback) => {
    const i = args.indexOf(flag);
    return i >= 0 ? resolve(args.splice(i, 2)[1]) : fallback;
  };
  const distDir = option('--dist', join(root, 'dist'));
  const outDir = option('--out', join(root, 'sbom'));
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  // Whatever bundles exist: a new action's bundle gets its SBOM without touching this script.
  const entries = bundleEntries().filter((e) => existsSync(join(distDir, e.name, 'index.js')) && (!args.length || args.includes(e.name)));
  if (!entries.length) throw new Error(`no bundles${args.length ? ` named ${args.join(', ')}` : ''} in ${distDir}; run npm run build first.`);
  mkdirSync(outDir, { recursive: true });
  for (const { name, input } of entries) {
    const bundleFile = join(distDir, name, 'index.js');
    const { code, assets, files } = await bundle(input);
    // The chunks index.js loads (N.index.js) are part of what the SBOM describes: each must be fresh too.
    const chunks = Object.entries(assets).filter(([file]) => file.endsWith('.js'));
    for (const [file, text] of [[bundleFile, code], ...chunks.map(([file, { source }]) => [join(distDir, name, file), String(source)])])
      if (!existsSync(file) || text !== readFileSync(file, 'utf8'))
        throw new Error(`${file} is not a fresh build of ${relative(root, input)}; run npm run build first.`);
    const packages = bundledPackages(files);
    const out = join(outDir, `${name}.cdx.json`);
    writeFileSync(out, await bundleSbom({ name, version, bundleFile, packages }));
    console.log(`${relative(process.cwd(), out)}: ${packages.length} packages`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`sbom: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
