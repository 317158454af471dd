export * from './accelerator';
export * from './keymap';
export * from './registry';
