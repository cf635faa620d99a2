// Fills rooms with history through the server's own send path: one WebSocket per room, its sends
// pipelined, done once every one is acknowledged.
import WebSocket from 'ws';

/** Sends `count` messages to each of `rooms` on `server` (http://…); resolves when all are stored. */
export async function populate(server, rooms, count, users = ['bob', 'carol', 'dave']) {
  await Promise.all(rooms.map((room, r) => fill(server, room, count, users[r % users.length])));
}

function fill(server, room, count, user) {
  return new Promise((resolve, reject) => {
    const url = `${server.replace(/^http/, 'ws')}/ws?room=${room}&user=${user}`;
    const ws = new WebSocket(url, 'termchat.v1');
    let acked = 0;
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'error') return reject(new Error(`${room}: ${frame.code} ${frame.message}`));
      if (frame.type !== 'ack') return;
      if (++acked === count) {
        ws.close(1000);
        resolve();
      }
    });
    ws.on('open', () => {
      for (let i = 1; i <= count; i++) {
        ws.send(JSON.stringify({ type: 'send', clientId: `${room}-${i}`, text: `message number ${i} of #${room}, long enough to look like chat`, sentAt: Date.now() }));
      }
    });
    ws.on('error', reject);
  });
}
