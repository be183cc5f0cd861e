// Preloaded into third-party tools that phone home (update and translation checks): every
// connection beyond loopback fails at once, so their runs are offline and deterministic.
const net = require('node:net');

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', undefined]);
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = args[0];
  const options = first !== null && typeof first === 'object' ? (Array.isArray(first) ? first[0] : first) : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (!options.path && !LOOPBACK.has(options.host)) {
    process.nextTick(() => this.destroy(Object.assign(new Error(`network access is disabled here (${options.host})`), { code: 'ENETUNREACH' })));
    return this;
  }
  return connect.apply(this, args);
};
