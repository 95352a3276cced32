import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';

/**
 * DynamoDB's item size: attribute names plus values. Strings are UTF-8 bytes, binary its bytes, numbers
 * about one byte per two significant digits plus one, maps and lists 3 bytes plus their contents.
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html)
 */
export const itemSize = (value: unknown): number => {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number')
    return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').length / 2) + 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce((total: number, item) => total + 1 + itemSize(item), 0);
  return (
    3 +
    Object.entries(value as Record<string, unknown>).reduce(
      (total, [name, inner]) => total + Buffer.byteLength(name) + 1 + itemSize(inner),
      0,
    )
  );
};

const writeUnitsOf = (item: Record<string, unknown>): number => Math.max(1, Math.ceil(itemSize(item) / 1024));

type Item = Record<string, unknown>;

/**
 * A readings table in memory behind the document client interface, enough for DynamoDbReadingStore:
 * Get, Put (conditions are checked by the caller's own read first, so they always pass here), Query on
 * pk with sk BETWEEN, Delete. Puts report ConsumedCapacity as DynamoDB bills it (1 unit per started KB),
 * so the benchmark measures the real store code's write units without a Java process.
 */
export class SizedDocumentClient {
  readonly items = new Map<string, Item>();
  writeUnits = 0;
  puts = 0;

  private keyOf(key: Item): string {
    return `${String(key.pk)}\u0000${String(key.sk)}`;
  }

  async send(command: unknown): Promise<Record<string, unknown>> {
    if (command instanceof GetCommand) {
      const item = this.items.get(this.keyOf(command.input.Key ?? {}));
      return item === undefined ? {} : { Item: structuredClone(item) };
    }
    if (command instanceof PutCommand) {
      const item = structuredClone(command.input.Item ?? {});
      const units = writeUnitsOf(item);
      this.items.set(this.keyOf(item), item);
      this.writeUnits += units;
      this.puts += 1;
      return { ConsumedCapacity: { CapacityUnits: units } };
    }
    if (command instanceof DeleteCommand) {
      this.items.delete(this.keyOf(command.input.Key ?? {}));
      this.writeUnits += 1;
      return { ConsumedCapacity: { CapacityUnits: 1 } };
    }
    if (command instanceof QueryCommand) {
      const values = command.input.ExpressionAttributeValues ?? {};
      const items = [...this.items.values()]
        .filter(
          (item) =>
            item.pk === values[':pk'] &&
            String(item.sk) >= String(values[':lower']) &&
            String(item.sk) <= String(values[':upper']),
        )
        .sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
      return { Items: items.map((item) => structuredClone(item)) };
    }
    throw new Error(`SizedDocumentClient does not handle ${String((command as object).constructor.name)}`);
  }

  /** A DynamoDBDocumentClient in the SDK's eyes (its paginators check the class), answered by this table. */
  asDocumentClient(): DynamoDBDocumentClient {
    const client = Object.create(DynamoDBDocumentClient.prototype) as DynamoDBDocumentClient;
    return Object.assign(client, { send: this.send.bind(this) });
  }
}
