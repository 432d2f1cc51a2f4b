// A panic's type when its message says which bug it is; the rest are `panic`. Messages as the standard
// library words them (Rust 1.70 to 1.95): bounds checks, overflow checks (on: the engine builds with
// debug assertions), division, and unwrap.
const PANIC_TYPES: readonly [RegExp, string][] = [
  [/^index out of bounds: the len is \d+ but the index is \d+/, 'index-out-of-bounds'],
  [/^range (start|end) index \d+ out of range for slice of length \d+/, 'index-out-of-bounds'],
  [/^slice index starts at \d+ but ends at \d+/, 'index-out-of-bounds'],
  [/^byte index \d+ is out of bounds of /, 'index-out-of-bounds'],
  [/^attempt to [a-z ]+ with overflow/, 'arithmetic-overflow'],
  [/^attempt to (divide by zero|calculate the remainder with a divisor of zero)/, 'division-by-zero'],
  [/^called `Option::unwrap\(\)` on a `None` value/, 'unwrap-none'],
  [/^called `Result::unwrap\(\)` on an `Err` value/, 'unwrap-err'],
];

/**
 * `index-out-of-bounds`, `arithmetic-overflow`, `division-by-zero`, `unwrap-none`, `unwrap-err`, or
 * `panic` for any other message (`panic!`, `expect`, assertions, a str sliced inside a char). Pure.
 */
export function panicType(message: string): string {
  return PANIC_TYPES.find(([pattern]) => pattern.test(message))?.[1] ?? 'panic';
}
