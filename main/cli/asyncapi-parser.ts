/**
 * @asyncapi/parser, loaded at run time from node_modules: esbuild cannot bundle it (its
 * dependencies require files by computed paths), so the module name is built at run time and the
 * bundle leaves the require alone. Returns undefined when the package is not installed.
 */
import { createRequire } from 'node:module';

export interface AsyncApiDiagnostic {
  severity: number;
  code: string;
  message: string;
  path: (string | number)[];
  range?: { start: { line: number; character: number } };
}

interface ParserModule {
  Parser: new () => { validate(text: string): Promise<AsyncApiDiagnostic[]> };
}

export async function asyncApiDiagnostics(text: string): Promise<AsyncApiDiagnostic[] | undefined> {
  let mod: ParserModule;
  try {
    const req = createRequire(typeof __filename === 'string' ? __filename : process.cwd() + '/');
    mod = req(['@asyncapi', 'parser'].join('/')) as ParserModule;
  } catch {
    return undefined;
  }
  return new mod.Parser().validate(text);
}
