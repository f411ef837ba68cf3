export * from './errors.js';
export * from './auth.js';
export * from './catalogue.js';
export * from './health.js';
export * from './accounts.js';
export * from './booking/index.js';
export * from './partners.js';
export * from './staff/index.js';
