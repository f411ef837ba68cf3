export * from './staff.js';
export * from './audit.js';
export * from './capacity.js';
export * from './catalogue-admin.js';
