import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { connectNats } from '@fuzzforge/platform';
const nc = await connectNats('nats://127.0.0.1:14422', 'scratch');
const jsm = await jetstreamManager(nc);
const js = jetstream(nc);
const big = new Uint8Array(3000).fill(65);
const seqs: number[] = [];
for (let i = 0; i < 5; i++) seqs.push((await js.publish(i % 2 ? 'ff.dlq.a' : 'ff.dlq.b', big)).seq);
console.log(seqs);
const it = await jsm.direct.getBatch('FF_DLQ', { seq: seqs[0]!, batch: 10, next_by_subj: 'ff.dlq.>' });
for await (const m of it) console.log('all', m.seq, m.subject, m.pending, m.lastSequence);
const it2 = await jsm.direct.getBatch('FF_DLQ', { seq: seqs[0]!, batch: 10, next_by_subj: 'ff.dlq.a', max_bytes: 100 });
for await (const m of it2) console.log('a small max_bytes', m.seq, m.subject, m.pending);
const it3 = await jsm.direct.getBatch('FF_DLQ', { seq: seqs[0]!, batch: 10, next_by_subj: 'ff.dlq.a', max_bytes: 7000 });
for await (const m of it3) console.log('a 7000', m.seq, m.subject, m.pending);
console.log('del', await jsm.streams.deleteMessage('FF_DLQ', seqs[1]!));
try { console.log(await jsm.streams.deleteMessage('FF_DLQ', seqs[1]!)); } catch (e) { console.log('del again err', (e as any).code, String(e)); }
console.log('get deleted', await jsm.streams.getMessage('FF_DLQ', { seq: seqs[1]! }));
const t = await jsm.direct.getMessage('FF_DLQ', { start_time: new Date(Date.now() - 2000) });
console.log('start_time', t?.seq, t?.time);
try { console.log(await js.publish('ff.run.x.started', new Uint8Array(1), { expect: { streamName: 'FF_RUNS' } })); } catch (e) { console.log('expect err', (e as any).constructor.name, (e as any).code, String(e)); }
try { console.log(await js.publish('nowhere.at.all', new Uint8Array(1))); } catch (e) { console.log('noresp err', (e as any).constructor.name, (e as any).code, String(e)); }
const ci = await jsm.consumers.info('FF_RUNS', 'dispatcher').catch(() => null);
console.log(JSON.stringify(ci?.delivered));
await nc.close();
