import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ConfigurationError } from '../../errors.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseAttributeValue: false, processEntities: true, ignoreDeclaration: true });

export type XmlNode = Record<string, unknown>;

/** Parses XML into plain objects (attributes as `@name`); a malformed file is one line naming it, the line and the XML error. */
export function parseXml(text: string, name: string, format: string): XmlNode {
  // The parser alone accepts mismatched tags silently; the validator (deprecated in favour of a separate
  // package not yet published as stable) is what reports them with a line number.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- see above
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ConfigurationError(`${name}:${valid.err.line}: not well-formed XML (${valid.err.msg}); cannot read it as ${format}.`);
  return parser.parse(text) as XmlNode;
}

/** Child elements as an array whether the XML had none, one or many. */
export function children(node: unknown, key: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as XmlNode)[key];
  if (value === undefined || value === '') return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is XmlNode => typeof v === 'object' && v !== null);
}

export function attr(node: XmlNode, name: string): string | undefined {
  const value = node[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}
