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
  try {
    return (await new mod.Parser().validate(text)).map(oneLine);
  } catch (e) {
    return [{ severity: 0, code: 'parser-failed', message: `@asyncapi/parser failed: ${firstLine(e instanceof Error ? e.message : String(e))}`, path: [] }];
  }
}

const firstLine = (s: string): string => s.split('\n', 1)[0]!.trim();

/** The parser reports its own crashes as an 'uncaught-error' diagnostic with the stack inlined: keep the reason only. */
function oneLine(d: AsyncApiDiagnostic): AsyncApiDiagnostic {
  const message = firstLine(d.message.replace(/,? stack: [\s\S]*$/, ''));
  return message === d.message ? d : { ...d, message };
}
