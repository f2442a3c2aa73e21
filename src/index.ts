export * from './core/index.js';
export * from './market/index.js';
