import { parseArgs } from 'node:util';
import { CreateApiKeyRequest, type ApiKeyView } from '@fuzzforge/contracts';
import { printer, when, type Context } from '../context';
import { usageError } from '../exitCodes';
import { formatTable } from '../table';

export const adminKeysUsage = `Usage:
  ff admin keys create --name NAME --scope SCOPE [--scope SCOPE ...] [--project P ...]
                       [--rate-limit PER_SECOND/BURST] [--expires ISO-8601] [--json]
  ff admin keys list [--all] [--json]
  ff admin keys revoke KEY_ID [--json]

Scopes: read (every GET), submit (targets, runs, retries, cancels, triage), admin (/v1/admin, and all else).
A key with --project sees and submits only in those projects. The key is printed once, at creation.`;

function keyRows(keys: readonly ApiKeyView[]): string {
  return formatTable(
    ['ID', 'NAME', 'PREFIX', 'SCOPES', 'PROJECTS', 'CREATED', 'LAST USED', 'REVOKED'],
    keys.map((k) => [
      k.id,
      k.name,
      `${k.prefix}…`,
      k.scopes.join(','),
      k.projects?.join(',') ?? '(all)',
      when(k.createdAt),
      when(k.lastUsedAt),
      when(k.revokedAt),
    ]),
  );
}

/** `10/50` → 10 requests/s, bursts of 50. */
function parseRateLimit(raw: string): { perSecond: number; burst: number } {
  const match = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(raw);
  if (!match) throw usageError(`--rate-limit ${raw} is not PER_SECOND/BURST, e.g. --rate-limit 10/50.`);
  return { perSecond: Number(match[1]), burst: Number(match[2]) };
}

/** `ff admin keys …`: create, list and revoke API keys through /v1/admin/keys. */
export async function adminKeys(args: readonly string[], ctx: Context): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      scope: { type: 'string', multiple: true },
      project: { type: 'string', multiple: true },
      'rate-limit': { type: 'string' },
      expires: { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const print = printer(ctx, values.json);

  switch (action) {
    case 'create': {
      const candidate = {
        name: values.name,
        scopes: (values.scope ?? []).flatMap((s) => s.split(',')).filter(Boolean),
        ...(values.project ? { projects: values.project.flatMap((p) => p.split(',')).filter(Boolean) } : {}),
        ...(values['rate-limit'] ? { rateLimit: parseRateLimit(values['rate-limit']) } : {}),
        ...(values.expires ? { expiresAt: values.expires } : {}),
      };
      // Checked here with the API's own schema, so a typo is a usage error before any request.
      const parsed = CreateApiKeyRequest.safeParse(candidate);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'key'}: ${i.message}`);
        throw usageError(`The key request is invalid:\n${problems.join('\n')}\n\n${adminKeysUsage}`);
      }
      const created = await ctx.client.admin.keys.create(parsed.data);
      print(
        created,
        `Created API key ${created.id} (${created.scopes.join(', ')}; projects: ${created.projects?.join(', ') ?? 'all'}).\n\n  ${created.key}\n\nStore it now: FuzzForge keeps only its hash and cannot show it again.`,
      );
      return 0;
    }
    case 'list': {
      const keys = await ctx.client.admin.keys.list({ revoked: values.all ?? false });
      print({ keys }, keys.length > 0 ? keyRows(keys) : 'No API keys.');
      return 0;
    }
    case 'revoke': {
      const [id, ...extra] = positionals;
      if (!id || extra.length > 0) throw usageError(`Name one key to revoke.\n\n${adminKeysUsage}`);
      const revoked = await ctx.client.admin.keys.revoke(id);
      print(revoked, `Revoked API key ${revoked.id} (${revoked.name}) at ${when(revoked.revokedAt)}.`);
      return 0;
    }
    default:
      throw usageError(`${action ? `Unknown action ${action}.\n\n` : ''}${adminKeysUsage}`);
  }
}
