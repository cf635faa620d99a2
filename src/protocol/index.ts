export * from './constants.js';
export * from './close-codes.js';
export * from './error-codes.js';
export * from './online-order.js';
export * from './fields.js';
export * from './schemas.js';
export * from './validation.js';
