export * from './api.js';
export * from './common.js';
export * from './errors.js';
export * from './events.js';
export * from './hall.js';
export * from './socket.js';
export * from './ticket.js';
export * from './window.js';
