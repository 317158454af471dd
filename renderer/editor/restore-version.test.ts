import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/define';
import { createUiStore } from '../store/ui-store';
import { historyPanel } from './history-state';
import { failureReason, versionTime } from './restore-version';

describe('version history helpers', () => {
  it('words failures to sit inside a sentence', () => {
    expect(failureReason(new ApiError('disconnected', 'socket closed'))).toBe('the connection to the backend was lost');
    expect(failureReason(new ApiError('not-found', 'project "p" has no version 7.'))).toBe('project "p" has no version 7');
    expect(failureReason('Retrying…')).toBe('Retrying');
  });
  it('shows a saved time, or the raw text when it is not a date', () => {
    expect(versionTime({ savedAt: '2026-11-25T09:17:45.000Z' })).toMatch(/2026/);
    expect(versionTime({ savedAt: 'yesterday-ish' })).toBe('yesterday-ish');
  });
  it('keeps one open flag per editor', () => {
    const a = { ui: createUiStore() };
    const b = { ui: createUiStore() };
    historyPanel(a).getState().set(true);
    expect(historyPanel(a).getState().open).toBe(true);
    expect(historyPanel(b).getState().open).toBe(false);
    expect(historyPanel(a)).toBe(historyPanel(a));
  });
});
