/**
 * The asyncapi api methods (shared/api/asyncapi.ts): the round-trip check of shared/export, for
 * the import dialog. The document comes as text from the renderer (the file the user picked), so
 * `$ref`s to other files cannot be followed here: they are reported as the import reports them.
 */
import type { MethodHandlers } from '../api/handlers';
import { formatRoundtrip, roundtripAsyncApi } from '../../../shared/export/asyncapi/roundtrip';

type AsyncapiMethod = Extract<keyof MethodHandlers, `asyncapi.${string}`>;

const MAX_DIFFERENCES = 500;

export function asyncapiHandlers(): Pick<MethodHandlers, AsyncapiMethod> {
  return {
    'asyncapi.roundtrip': async ({ text }) => {
      const r = roundtripAsyncApi(text);
      if (!r.ok) return { ok: false, problems: r.problems.filter((p) => p.severity === 'error').slice(0, 50) };
      const rep = r.report;
      return {
        ok: true, version: rep.version, constructs: rep.constructs, kept: rep.kept, explainedLosses: rep.explainedLosses,
        unexplainedLosses: rep.unexplainedLosses, added: rep.added, everythingKept: rep.ok,
        differences: rep.differences.slice(0, MAX_DIFFERENCES), more: Math.max(0, rep.differences.length - MAX_DIFFERENCES),
        lines: formatRoundtrip(rep).slice(0, MAX_DIFFERENCES + 1),
      };
    },
  };
}
