import { sql, type Kysely } from 'kysely';
import type { Logger } from '@fuzzforge/observability';
import type { SecretBox, WebhooksDatabase } from '@fuzzforge/platform';

/**
 * Seals again, with the first key of FF_WEBHOOK_SECRET_KEYS, every stored signing secret that is not
 * sealed with it: plaintext from before sealing existed, or a key being rotated out. Each row changes
 * only if nobody changed it meanwhile (the API rotating it, another webhooks process resealing it). A
 * secret no key opens is left as it is and said loudly: its webhook's attempts record why nothing is
 * sent. Returns how many subscriptions were resealed.
 */
export async function resealSecrets(
  db: Kysely<WebhooksDatabase>,
  box: SecretBox,
  log: Logger,
): Promise<number> {
  const rows = await db
    .selectFrom('ff_webhooks.subscriptions')
    .select(['id', 'secret', 'previous_secret'])
    .execute();
  let resealed = 0;
  for (const row of rows) {
    if (!box.needsReseal(row.secret) && !(row.previous_secret && box.needsReseal(row.previous_secret)))
      continue;
    let secret: string;
    let previous: string | null;
    try {
      secret = box.needsReseal(row.secret) ? box.seal(box.open(row.secret, row.id), row.id) : row.secret;
      previous =
        row.previous_secret && box.needsReseal(row.previous_secret)
          ? box.seal(box.open(row.previous_secret, row.id), row.id)
          : row.previous_secret;
    } catch (err) {
      log.error('a webhook secret does not open with FF_WEBHOOK_SECRET_KEYS: its deliveries are not sent', {
        webhook: row.id,
        error: (err as Error).message,
        fix: 'put the key it was sealed with back in FF_WEBHOOK_SECRET_KEYS (after the current one), or rotate its secret',
      });
      continue;
    }
    const result = await db
      .updateTable('ff_webhooks.subscriptions')
      .set({ secret, previous_secret: previous })
      .where('id', '=', row.id)
      .where('secret', '=', row.secret)
      .where(sql<boolean>`previous_secret is not distinct from ${row.previous_secret}`)
      .executeTakeFirst();
    resealed += Number(result.numUpdatedRows);
  }
  return resealed;
}
