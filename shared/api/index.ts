export * from './client';
export * from './contract';
export * from './define';
export * from './types';
