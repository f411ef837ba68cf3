export * from './time.js';
export * from './schemas.js';
export * from './rules.js';
export * from './state.js';
