/** Wire ids for option names: "Level 1 - Business DMZ" → "level-1-business-dmz". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
