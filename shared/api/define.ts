import type { z } from 'zod';

/** One request/response method of the api: its input and output schemas. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** one line for docs and error messages */
  summary: string;
}

/** One event stream of the api: subscription parameters and the events it pushes. */
export interface StreamSpec<P extends z.ZodType = z.ZodType, E extends z.ZodType = z.ZodType> {
  params: P;
  event: E;
  summary: string;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string): MethodSpec<I, O> => ({ input, output, summary });
export const stream = <P extends z.ZodType, E extends z.ZodType>(params: P, event: E, summary: string): StreamSpec<P, E> => ({ params, event, summary });

/** Error codes every transport carries unchanged to the client. */
export type ApiErrorCode = 'invalid-input' | 'not-found' | 'conflict' | 'unknown-method' | 'refused' | 'internal' | 'disconnected';

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  /** where the input was wrong, e.g. [{ path: 'topology.nodes[2].settings.partitions', message: '...' }] */
  issues?: { path: string; message: string }[];
}

export class ApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toJSON(): ApiErrorShape {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}
