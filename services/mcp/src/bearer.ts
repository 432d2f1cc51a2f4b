/** The key of an `Authorization: Bearer <key>` header, or undefined when there is none. */
export function bearerKey(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i.exec(header ?? '');
  return match?.[1];
}
