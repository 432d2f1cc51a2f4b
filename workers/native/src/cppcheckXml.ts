/** One `<error>` of a cppcheck XML v2 report, with its `<location>`s in cppcheck's order. */
export interface CppcheckError {
  attributes: Record<string, string>;
  locations: Record<string, string>[];
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Resolves XML character and entity references in an attribute value. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return entities[ref] ?? whole;
  });
}

const attributesOf = (tag: string): Record<string, string> => {
  const attributes: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes[m[1] as string] = decodeXmlText(m[2] ?? m[3] ?? '');
  }
  return attributes;
};

/**
 * Reads the `<error>` elements of cppcheck's `--xml-version=2` report. cppcheck writes it with
 * tinyxml2: flat elements whose attribute values are escaped, so a tag scanner reads it exactly and
 * saves an XML dependency. Throws when the text is not a cppcheck v2 report.
 */
export function readCppcheckXml(xml: string): { version: string | undefined; errors: CppcheckError[] } {
  if (!/<results\b[^>]*\bversion\s*=\s*"2"/.test(xml)) {
    throw new Error('not a cppcheck XML version 2 report (no <results version="2">)');
  }
  const version = /<cppcheck\b([^>]*)>/.exec(xml)?.[1];
  const errors: CppcheckError[] = [];
  // An <error .../> element, or <error ...> ... </error> with <location/> and <symbol> children.
  for (const m of xml.matchAll(/<error\b([^>]*?)(\/>|>([\s\S]*?)<\/error>)/g)) {
    const body = m[3] ?? '';
    const locations = [...body.matchAll(/<location\b([^>]*?)\/?>/g)].map((l) => attributesOf(l[1] ?? ''));
    errors.push({ attributes: attributesOf(m[1] ?? ''), locations });
  }
  return { version: version ? attributesOf(version)['version'] : undefined, errors };
}
