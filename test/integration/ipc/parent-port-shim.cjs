// Loaded (--require) into the service host by the bundle test's stand-in utilityProcess: gives a
// Node child process the `process.parentPort` an Electron utility process has (postMessage out,
// MessageEvent-shaped messages in), so the bundled host runs its Electron code path.
const { EventEmitter } = require('node:events');

const port = new EventEmitter();
port.postMessage = (message) => process.send(message);
process.on('message', (message) => port.emit('message', { data: message, ports: [] }));
process.parentPort = port;
