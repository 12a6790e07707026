/**
 * Preloaded (`node --require`) into every app process of the benchmark, the same for all three apps.
 * Keeps the process on the loopback interface and records where it tried to go:
 *   - every outgoing TCP connection is recorded; one to a non-loopback host is refused before any DNS
 *     lookup or packet (so a call that ignores the proxy variables shows up here instead of leaving);
 *   - `dns.lookup` of a non-loopback name is refused and recorded;
 *   - a server that listens without a host (all interfaces) is bound to 127.0.0.1 instead.
 * `globalThis.__benchNet.summary()` returns what was seen; the app reports it with its stats.
 */
'use strict';
const net = require('node:net');
const dns = require('node:dns');

const connections = new Map(); // "host:port" -> count
const blocked = new Map(); // "host:port" or "dns:name" -> count
let listensForced = 0;

const bump = (map, key) => map.set(key, (map.get(key) || 0) + 1);

function isLoopback(host) {
  if (!host) return true; // Node's default host is localhost
  const h = String(host)
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || h === '::ffff:127.0.0.1' || /^127(\.\d{1,3}){3}$/.test(h);
}

function targetOf(args) {
  let a = args[0];
  if (Array.isArray(a)) a = a[0]; // net.connect passes normalised [options, cb]
  if (a && typeof a === 'object') return a.path ? { path: a.path } : { host: a.host, port: a.port };
  if (typeof a === 'number' || (typeof a === 'string' && /^\d+$/.test(a))) return { host: typeof args[1] === 'string' ? args[1] : undefined, port: a };
  if (typeof a === 'string') return { path: a };
  return {};
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const t = targetOf(args);
  if (t.path) {
    bump(connections, `unix:${t.path}`);
  } else {
    const key = `${t.host || 'localhost'}:${t.port}`;
    if (!isLoopback(t.host)) {
      bump(blocked, key);
      const err = Object.assign(new Error(`connect ECONNREFUSED ${key} (refused by the benchmark's loopback guard)`), { code: 'ECONNREFUSED' });
      process.nextTick(() => this.destroy(err));
      return this;
    }
    bump(connections, key);
  }
  return connect.apply(this, args);
};

function refuseLookup(hostname, cb) {
  bump(blocked, `dns:${hostname}`);
  const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (refused by the benchmark's loopback guard)`), { code: 'ENOTFOUND', hostname });
  process.nextTick(() => cb(err));
}

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, cb) {
  const callback = typeof options === 'function' ? options : cb;
  if (!isLoopback(hostname) && net.isIP(String(hostname)) === 0) return refuseLookup(hostname, callback);
  return lookup.call(this, hostname, options, cb);
};
const promisesLookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromisesLookup(hostname, options) {
  if (!isLoopback(hostname) && net.isIP(String(hostname)) === 0) {
    return new Promise((_resolve, reject) => refuseLookup(hostname, reject));
  }
  return promisesLookup.call(this, hostname, options);
};

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function guardedListen(...args) {
  const a = args[0];
  if (typeof a === 'number' || (typeof a === 'string' && /^\d+$/.test(a))) {
    if (typeof args[1] !== 'string') {
      listensForced++;
      args.splice(1, 0, '127.0.0.1');
    }
  } else if (a && typeof a === 'object' && !Array.isArray(a) && a.path === undefined && a.host === undefined && a.port !== undefined) {
    listensForced++;
    args[0] = { ...a, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};

globalThis.__benchNet = {
  summary: () => ({
    connections: Object.fromEntries(connections),
    blocked: Object.fromEntries(blocked),
    listensForcedToLoopback: listensForced,
  }),
};
