/**
 * The Avro schemas of Iceberg v2 manifests and manifest lists: the fields, field ids, order and
 * required/optional of the spec's v2 columns (as the Java reference writes them, `V2Metadata`), with
 * its record names (`r2`, `r102`, `k117_v118`, …). Optional fields are unions with null, defaulting
 * to null; maps with int keys are arrays of key/value records with the logical type `map`.
 */
import type { PartitionSpec } from './icebergTable.js';

type AvroType = string | object | readonly (string | object)[];

const required = (id: number, name: string, type: AvroType) => ({ name, type, 'field-id': id });
const optional = (id: number, name: string, type: AvroType) => ({
  name,
  type: ['null', type],
  default: null,
  'field-id': id,
});

const map = (keyId: number, valueId: number, value: string) => ({
  type: 'array',
  logicalType: 'map',
  items: {
    type: 'record',
    name: `k${keyId}_v${valueId}`,
    fields: [required(keyId, 'key', 'int'), required(valueId, 'value', value)],
  },
});

const list = (elementId: number, element: string) => ({
  type: 'array',
  items: element,
  'element-id': elementId,
});

/** The partition tuple's record: each field is the transform's result (`day`: a date, `month`: an int). */
function partitionRecord(spec: PartitionSpec) {
  return {
    type: 'record',
    name: 'r102',
    fields: spec.fields.map((f) =>
      optional(f['field-id'], f.name, f.transform === 'day' ? { type: 'int', logicalType: 'date' } : 'int'),
    ),
  };
}

/** `manifest_entry` of a data manifest written with `spec`. */
export function manifestEntrySchema(spec: PartitionSpec): object {
  return {
    type: 'record',
    name: 'manifest_entry',
    fields: [
      required(0, 'status', 'int'),
      optional(1, 'snapshot_id', 'long'),
      optional(3, 'sequence_number', 'long'),
      optional(4, 'file_sequence_number', 'long'),
      required(2, 'data_file', {
        type: 'record',
        name: 'r2',
        fields: [
          required(134, 'content', 'int'),
          required(100, 'file_path', 'string'),
          required(101, 'file_format', 'string'),
          required(102, 'partition', partitionRecord(spec)),
          required(103, 'record_count', 'long'),
          required(104, 'file_size_in_bytes', 'long'),
          optional(108, 'column_sizes', map(117, 118, 'long')),
          optional(109, 'value_counts', map(119, 120, 'long')),
          optional(110, 'null_value_counts', map(121, 122, 'long')),
          optional(137, 'nan_value_counts', map(138, 139, 'long')),
          optional(125, 'lower_bounds', map(126, 127, 'bytes')),
          optional(128, 'upper_bounds', map(129, 130, 'bytes')),
          optional(131, 'key_metadata', 'bytes'),
          optional(132, 'split_offsets', list(133, 'long')),
          optional(135, 'equality_ids', list(136, 'int')),
          optional(140, 'sort_order_id', 'int'),
          optional(143, 'referenced_data_file', 'string'),
        ],
      }),
    ],
  };
}

/** `manifest_file`, one record per manifest of a snapshot's manifest list. */
export const MANIFEST_FILE_SCHEMA: object = {
  type: 'record',
  name: 'manifest_file',
  fields: [
    required(500, 'manifest_path', 'string'),
    required(501, 'manifest_length', 'long'),
    required(502, 'partition_spec_id', 'int'),
    required(517, 'content', 'int'),
    required(515, 'sequence_number', 'long'),
    required(516, 'min_sequence_number', 'long'),
    required(503, 'added_snapshot_id', 'long'),
    required(504, 'added_files_count', 'int'),
    required(505, 'existing_files_count', 'int'),
    required(506, 'deleted_files_count', 'int'),
    required(512, 'added_rows_count', 'long'),
    required(513, 'existing_rows_count', 'long'),
    required(514, 'deleted_rows_count', 'long'),
    optional(507, 'partitions', {
      type: 'array',
      items: {
        type: 'record',
        name: 'r508',
        fields: [
          required(509, 'contains_null', 'boolean'),
          optional(518, 'contains_nan', 'boolean'),
          optional(510, 'lower_bound', 'bytes'),
          optional(511, 'upper_bound', 'bytes'),
        ],
      },
      'element-id': 508,
    }),
    optional(519, 'key_metadata', 'bytes'),
  ],
};
