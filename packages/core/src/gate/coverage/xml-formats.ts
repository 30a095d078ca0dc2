import { ConfigurationError } from '../../errors.js';
import { hit, type Coverage, type FileLines } from './types.js';
import { attr, children, parseXml, type XmlNode } from './xml.js';

/** Cobertura (coverage-04.dtd): coverage/sources/source, packages/package/classes/class[@filename]/lines/line[@number,@hits]. */
export function readCobertura(text: string, name: string): Coverage {
  const root = children(parseXml(text, name, 'Cobertura XML'), 'coverage')[0];
  if (!root) throw new ConfigurationError(`${name}: no <coverage> root element; not a Cobertura report.`);
  const byPath = new Map<string, FileLines>();
  for (const pkg of children(children(root, 'packages')[0], 'package')) {
    for (const cls of children(children(pkg, 'classes')[0], 'class')) {
      const path = attr(cls, 'filename');
      if (!path) continue;
      const file = byPath.get(path) ?? { path, lines: [] as number[] };
      byPath.set(path, file);
      for (const line of children(children(cls, 'lines')[0], 'line')) hit(file.lines, Number(attr(line, 'number')), Number(attr(line, 'hits') ?? 0));
    }
  }
  const sources = children(root, 'sources')[0];
  const roots = sources ? ([] as unknown[]).concat(sources.source ?? []).filter((s): s is string => typeof s === 'string') : [];
  return { format: 'cobertura', files: [...byPath.values()], sourceRoots: roots };
}

/** Clover (clover.xsd): coverage/project/(package/)file[@path|@name]/line[@num,@type,@count]; stmt and cond lines count. */
export function readClover(text: string, name: string): Coverage {
  const root = children(parseXml(text, name, 'Clover XML'), 'coverage')[0];
  const project = children(root, 'project')[0];
  if (!project) throw new ConfigurationError(`${name}: no <coverage><project> element; not a Clover report.`);
  const files: FileLines[] = [];
  const fileNodes = [...children(project, 'file'), ...children(project, 'package').flatMap((p) => children(p, 'file'))];
  for (const f of fileNodes) {
    const path = attr(f, 'path') ?? attr(f, 'name');
    if (!path) continue;
    const file: FileLines = { path, lines: [] };
    for (const line of children(f, 'line')) {
      const type = attr(line, 'type');
      if (type === 'method') continue; // a method entry repeats its first statement's line
      const count = attr(line, 'count') ?? String(Number(attr(line, 'truecount') ?? 0) + Number(attr(line, 'falsecount') ?? 0));
      hit(file.lines, Number(attr(line, 'num')), Number(count));
    }
    files.push(file);
  }
  return { format: 'clover', files };
}

/** JaCoCo (report.dtd): report/package[@name]/sourcefile[@name]/line[@nr,@mi,@ci]; covered when ci > 0. */
export function readJacoco(text: string, name: string): Coverage {
  const root = children(parseXml(text, name, 'JaCoCo XML'), 'report')[0];
  if (!root) throw new ConfigurationError(`${name}: no <report> root element; not a JaCoCo report.`);
  const packages = [...children(root, 'package'), ...children(root, 'group').flatMap(function all(g: XmlNode): XmlNode[] {
    return [...children(g, 'package'), ...children(g, 'group').flatMap(all)];
  })];
  const files: FileLines[] = [];
  for (const pkg of packages) {
    const dir = attr(pkg, 'name') ?? '';
    for (const src of children(pkg, 'sourcefile')) {
      const file: FileLines = { path: dir ? `${dir}/${attr(src, 'name') ?? ''}` : (attr(src, 'name') ?? ''), lines: [] };
      for (const line of children(src, 'line')) hit(file.lines, Number(attr(line, 'nr')), Number(attr(line, 'ci') ?? 0));
      files.push(file);
    }
  }
  return { format: 'jacoco', files };
}
