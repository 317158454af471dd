import { z } from 'zod';

/**
 * The WebSocket wire protocol of the api (main/host <-> renderer/api/ws-transport). JSON text
 * frames, generic over the contract: method and stream names travel as data.
 *   client: {t:'req', id, method, input} | {t:'sub', id, stream, params} | {t:'unsub', id}
 *   server: {t:'res', id, ok:true, result} | {t:'res', id, ok:false, error} | {t:'evt', id, event}
 * A 'sub' is acknowledged with a 'res' (result null) or refused with an error 'res'.
 * A frame the server cannot read gets a 'res' with id null.
 */
export const WIRE_PATH = '/api';
/** Largest frame either side accepts (topologies are capped at 20 MB of JSON). */
export const MAX_FRAME_BYTES = 32 * 1024 * 1024;

const Id = z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]);
const Name = z.string().min(1).max(128);

export const ClientFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('req'), id: Id, method: Name, input: z.unknown() }).strict(),
  z.object({ t: z.literal('sub'), id: Id, stream: Name, params: z.unknown() }).strict(),
  z.object({ t: z.literal('unsub'), id: Id }).strict(),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const WireError = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type WireError = z.infer<typeof WireError>;

export const ServerFrame = z.union([
  z.object({ t: z.literal('res'), id: Id.nullable(), ok: z.literal(true), result: z.unknown() }),
  z.object({ t: z.literal('res'), id: Id.nullable(), ok: z.literal(false), error: WireError }),
  z.object({ t: z.literal('evt'), id: Id, event: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
