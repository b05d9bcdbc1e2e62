// What the registry says of each error code; every area of src/domain/errors/ declares its codes
// with it.

export interface ErrorSpec {
  status: number;
  /** Whether the message may be shown to the person who caused it. */
  expose: boolean;
  description: string;
}
