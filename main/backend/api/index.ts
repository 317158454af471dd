export { createBackend } from './backend';
export type { Backend, BackendOptions } from './backend';
export type { BackendEvents, CallContext, HandlerDeps, MethodHandlers, StreamHandlers } from './handlers';
export { StreamHub, toDisposable } from './stream-hub';
export type { Disposable } from './stream-hub';
