/**
 * Avro object container files through `avsc`: the schema is written into the header exactly as given
 * (Iceberg's `field-id` attributes included), no compression, and the sync marker is the caller's
 * (avsc would draw a random one), so the bytes are a function of the records.
 */
import { Readable } from 'node:stream';
import avro from 'avsc';

export async function encodeAvro(
  schema: object,
  records: readonly object[],
  metadata: Readonly<Record<string, string>>,
  syncMarker: Buffer,
): Promise<Buffer> {
  const meta = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v)]));
  const encoder = new avro.streams.BlockEncoder(
    schema as avro.Schema,
    {
      codec: 'null',
      // Eagerly: a file of no records still needs its header.
      writeHeader: 'always',
      syncMarker,
      metadata: meta,
    } as Partial<avro.EncoderOptions>,
  );
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    encoder.on('data', (c: Buffer) => chunks.push(c));
    encoder.on('end', resolve);
    encoder.on('error', reject);
  });
  for (const r of records) encoder.write(r);
  encoder.end();
  await done;
  return Buffer.concat(chunks);
}

export interface AvroContents {
  /** The header's key-value metadata, as text. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly records: readonly Record<string, unknown>[];
}

export async function decodeAvro(bytes: Uint8Array): Promise<AvroContents> {
  const decoder = new avro.streams.BlockDecoder();
  let metadata: Record<string, string> = {};
  decoder.on('metadata', (_type: unknown, _codec: unknown, header: { meta: Record<string, Buffer> }) => {
    metadata = Object.fromEntries(Object.entries(header.meta).map(([k, v]) => [k, v.toString()]));
  });
  const records: Record<string, unknown>[] = [];
  for await (const r of Readable.from([Buffer.from(bytes)]).pipe(decoder))
    records.push(r as Record<string, unknown>);
  return { metadata, records };
}
