/**
 * Span attribute names FuzzForge sets. Messaging names follow OTel semantic conventions 1.3x (still
 * "incubating" there, hence spelled out); `fuzzforge.*` are ours, searched by the run drill-down dashboard.
 */
export const ATTR_RUN_ID = 'fuzzforge.run_id';
export const ATTR_TARGET_ID = 'fuzzforge.target_id';
export const ATTR_TOOL = 'fuzzforge.tool';
export const ATTR_VERTICAL = 'fuzzforge.vertical';
export const ATTR_TOOL_EXIT_CODE = 'fuzzforge.tool.exit_code';

export const ATTR_MESSAGING_SYSTEM = 'messaging.system';
export const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
export const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
export const ATTR_MESSAGING_OPERATION_NAME = 'messaging.operation.name';
export const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';
export const ATTR_MESSAGING_CONSUMER_GROUP_NAME = 'messaging.consumer.group.name';
export const ATTR_MESSAGING_BATCH_MESSAGE_COUNT = 'messaging.batch.message_count';
