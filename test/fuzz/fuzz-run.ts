/**
 * The seeded HTTP fuzzing run both facades' fuzz tests share: the cases, the rule every answer must keep, the
 * parallel senders and the summary. Each test builds its own app and checks afterwards that it still serves.
 */
import { HttpFuzzer, type FuzzCase } from './http-cases';
import type { FuzzTargets } from './http-request';
import { sendRaw, type RawAnswer } from './raw-http';

export const SEED = Number(process.env.MENTRAOS_FUZZ_SEED ?? 0x0f0_2026);
export const REQUESTS = Number(process.env.MENTRAOS_FUZZ_REQUESTS ?? 1_200);
const PARALLEL = 8;

/** Why an answer breaks the rule, or undefined when it keeps it. */
function verdict(c: FuzzCase, a: RawAnswer): string | undefined {
  if (a.status === 0) return c.mayGoUnanswered ? undefined : `no answer (${a.error ?? 'closed'})`;
  if (a.status >= 500) return c.handlerError && a.status === 500 ? undefined : `HTTP ${a.status}`;
  if (a.status < 400) return undefined;
  if (/^HEAD /.test(c.bytes.subarray(0, 5).toString('latin1'))) return undefined; // no body by definition
  if (!/application\/json/i.test(a.headers['content-type'] ?? ''))
    return `HTTP ${a.status} as ${a.headers['content-type'] ?? 'no content type'}: ${a.body.slice(0, 80)}`;
  let parsed: any;
  try {
    parsed = JSON.parse(a.body);
  } catch {
    return `HTTP ${a.status} with a body that is not JSON: ${a.body.slice(0, 80)}`;
  }
  const reason = parsed?.message ?? parsed?.error;
  return typeof reason === 'string' && reason.length > 0 ? undefined : `HTTP ${a.status} without a reason: ${a.body.slice(0, 80)}`;
}

/**
 * Sends the `REQUESTS` seeded cases that `keep` keeps to `port`, eight at a time, prints what was sent and answered, and returns each
 * kind of answer that broke the rule with its count (empty when every answer kept it).
 */
export async function fuzzRoutes(port: number, targets: FuzzTargets, label: string, keep: (c: FuzzCase) => boolean = () => true): Promise<string[]> {
  const fuzzer = new HttpFuzzer(SEED, targets);
  const cases = Array.from({ length: REQUESTS }, () => fuzzer.next()).filter(keep);
  const counts = new Map<string, number>();
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < cases.length; i = next++) {
      const c = cases[i]!;
      const a = await sendRaw(port, c);
      counts.set(`${c.route}: ${c.kind}`, (counts.get(`${c.route}: ${c.kind}`) ?? 0) + 1);
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      const why = verdict(c, a);
      if (why) failures.push(`${c.route} (${c.kind}): ${why.replace(/\s+/g, ' ').slice(0, 120)}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));

  console.log(
    `HTTP fuzz of ${label}, seed ${SEED}: ${cases.length} requests; answers ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ` +
      `${failures.length} broke the rule\n${[...counts]
        .sort()
        .map(([k, n]) => `  ${k}: ${n}`)
        .join('\n')}`,
  );
  const kinds = new Map<string, number>();
  for (const f of failures) kinds.set(f.slice(0, 90), (kinds.get(f.slice(0, 90)) ?? 0) + 1);
  return [...kinds].map(([k, n]) => `${n} x ${k}`).sort();
}

/** `GET /health` over a raw socket: its status and parsed body. */
export async function health(port: number): Promise<{ status: number; body: any }> {
  const a = await sendRaw(port, { bytes: Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n') });
  return { status: a.status, body: a.status === 200 ? JSON.parse(a.body) : a.body };
}
