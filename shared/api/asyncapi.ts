import { z } from 'zod';

/** The asyncapi.* methods (issue 13): the round-trip check the import dialog shows. */

export const asyncapiMethods = {
  roundtrip: z.object({
    /** the document as the user picked it (AsyncAPI 2.x/3.x, YAML or JSON) */
    text: z.string().max(20 * 1024 * 1024),
    fileName: z.string().max(500).default('document'),
  }),
};

const ConstructKind = z.enum(['document', 'server', 'channel', 'parameter', 'binding', 'operation', 'reply', 'message', 'schema', 'trait']);

export const RoundtripDifference = z.object({
  pointer: z.string(),
  construct: z.string(),
  kind: ConstructKind,
  change: z.enum(['lost', 'changed', 'added']),
  before: z.string().optional(),
  after: z.string().optional(),
  explanation: z.string().optional(),
});

export const RoundtripCheck = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    version: z.string(),
    constructs: z.number().int(),
    kept: z.number().int(),
    explainedLosses: z.number().int(),
    unexplainedLosses: z.number().int(),
    added: z.number().int(),
    /** no unexplained loss */
    everythingKept: z.boolean(),
    /** at most 500 differences; `more` says how many were left out */
    differences: z.array(RoundtripDifference),
    more: z.number().int(),
    /** the summary and one line per difference, as `eventflow roundtrip` prints them */
    lines: z.array(z.string()),
  }),
  z.object({
    ok: z.literal(false),
    /** why the document could not be round-tripped (it does not import) */
    problems: z.array(z.object({ severity: z.enum(['error', 'warning']), message: z.string(), pointer: z.string(), line: z.number().optional(), column: z.number().optional() })),
  }),
]);
export type RoundtripCheck = z.infer<typeof RoundtripCheck>;
