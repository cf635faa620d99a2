export * from './plain.js';
export * from './schemas.js';
export * from './validation.js';
