/**
 * The broker URL of this window's session (credentials included): in memory only, gone when
 * the window closes. Never stored in the topology, the database or localStorage.
 */
export const liveSession: { brokerUrl: string; prefix: string } = { brokerUrl: '', prefix: '' };
