import { parseArgs } from 'node:util';
import { printer, when, type Context } from '../context';
import { usageError } from '../exitCodes';
import { formatTable } from '../table';

export const adminDlqUsage = `Usage:
  ff admin dlq list [--consumer NAME] [--subject FILTER] [--since ISO] [--until ISO] [--limit N] [--after ID] [--json]
  ff admin dlq show ID [--json]
  ff admin dlq replay ID [--json]
  ff admin dlq discard ID [--json]

Dead letters are messages a consumer gave up on (FF_DLQ). Replay publishes one again on its original
subject; discard deletes it. Both are audited.`;

const entryId = (raw: string | undefined): number => {
  if (!raw || !/^\d+$/.test(raw))
    throw usageError(`Name one dead letter by its numeric id.\n\n${adminDlqUsage}`);
  return Number(raw);
};

/** `ff admin dlq …`: list, show, replay and discard dead letters through /v1/admin/dlq. */
export async function adminDlq(args: readonly string[], ctx: Context): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      consumer: { type: 'string' },
      subject: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string' },
      after: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const print = printer(ctx, values.json);
  switch (action) {
    case 'list': {
      const { json: _json, ...query } = values;
      const page = await ctx.client.admin.dlq.list(query);
      const rows = page.entries.map((e) => [
        String(e.id),
        e.consumer ?? '-',
        e.originalSubject ?? '-',
        String(e.deliveryCount ?? '-'),
        when(e.failedAt),
        (e.error ?? '').replace(/\s+/g, ' ').slice(0, 80),
      ]);
      const more = page.next === null ? '' : `\nMore: ff admin dlq list --after ${page.next}`;
      print(
        page,
        rows.length > 0
          ? `${formatTable(['ID', 'CONSUMER', 'SUBJECT', 'DELIVERIES', 'FAILED', 'ERROR'], rows)}${more}`
          : `No dead letters (${page.total} stored).`,
      );
      return 0;
    }
    case 'show': {
      const entry = await ctx.client.admin.dlq.get(entryId(positionals[0]));
      print(
        entry,
        [
          `Dead letter ${entry.id} (${entry.consumer ?? 'unknown consumer'})`,
          `  subject:    ${entry.originalSubject ?? '-'} (${entry.originalStream ?? '-'} #${entry.originalSequence ?? '-'})`,
          `  failed:     ${when(entry.failedAt)} after ${entry.deliveryCount ?? '?'} deliveries`,
          `  error:      ${entry.error ?? '-'}`,
          `  payload (${entry.payload.encoding}${entry.payload.truncated ? ', truncated' : ''}):`,
          entry.payload.data,
        ].join('\n'),
      );
      return 0;
    }
    case 'replay': {
      const replayed = await ctx.client.admin.dlq.replay(entryId(positionals[0]));
      print(
        replayed,
        `Replayed dead letter ${replayed.id} into ${replayed.ack.stream} #${replayed.ack.seq}${
          replayed.ack.duplicate ? ' (a duplicate: JetStream had it already)' : ''
        }.`,
      );
      return 0;
    }
    case 'discard': {
      const deleted = await ctx.client.admin.dlq.discard(entryId(positionals[0]));
      print(deleted, `Discarded dead letter ${deleted.id}.`);
      return 0;
    }
    default:
      throw usageError(`${action ? `Unknown action ${action}.\n\n` : ''}${adminDlqUsage}`);
  }
}
