import {
  checkSymlinkTarget,
  entrySegments,
  ExtractionBudget,
  ExtractionError,
  hardlinkTargetSegments,
  staysInside,
  type ArchiveEntry,
  type ExtractionLimits,
} from '@fuzzforge/platform/archive';

type Node = 'directory' | 'file' | { link: string };

const corrupt = (name: string, why: string): ExtractionError =>
  new ExtractionError('corrupt-archive', `entry ${JSON.stringify(name)} ${why}`, { entry: name });

/**
 * An archive's tree in memory, built from its entries the way a worker's extraction builds it on disk,
 * so that an upload is judged by the rules its extraction will apply: names through `entrySegments`,
 * links by the same checks, symlinks created only after the last entry (a later real entry wins over
 * one) and then resolved component by component with `staysInside`. Holds one path per entry, so its
 * memory is bounded by the entry limit.
 */
export class ArchiveTree {
  private readonly budget: ExtractionBudget;
  private readonly nodes = new Map<string, Node>();
  private readonly links: { name: string; path: string; target: string }[] = [];

  /** `onContent` sees every content byte, e.g. to judge the compression ratio. */
  constructor(
    limits: ExtractionLimits,
    private readonly onContent: (bytes: number, entry: string) => void = () => undefined,
  ) {
    this.budget = new ExtractionBudget(limits);
  }

  /** Takes the next entry; a file's content is read (and counted) to its end. */
  async add(entry: ArchiveEntry): Promise<void> {
    this.budget.countEntry(entry.name);
    switch (entry.kind) {
      case 'directory':
        this.makeDirectories(entry.name, entrySegments(entry.name));
        return;
      case 'file': {
        const path = this.placeFor(entry.name);
        for await (const chunk of entry.content) {
          this.budget.countBytes(entry.name, chunk.length);
          this.onContent(chunk.length, entry.name);
        }
        this.nodes.set(path, 'file');
        return;
      }
      case 'hardlink': {
        const path = entrySegments(entry.name).join('/');
        const target = hardlinkTargetSegments(entry.name, entry.target).join('/');
        // A worker skips a hardlink to anything but an extracted file; so does the model.
        if (this.nodes.get(target) !== 'file' || path === target) return;
        this.nodes.set(this.placeFor(entry.name), 'file');
        return;
      }
      case 'symlink': {
        const segments = entrySegments(entry.name);
        if (segments.length === 0) throw corrupt(entry.name, 'is a symlink without a name');
        checkSymlinkTarget(entry.name, segments, entry.target);
        this.makeDirectories(entry.name, segments.slice(0, -1));
        this.links.push({ name: entry.name, path: segments.join('/'), target: entry.target });
        return;
      }
      case 'other':
        // A worker skips devices and fifos without writing them; a hostile name is still refused here.
        entrySegments(entry.name);
    }
  }

  /** Places the recorded symlinks where no real entry took the path, then resolves each one. */
  async finish(): Promise<void> {
    const created = this.links.filter((link) => {
      if (this.nodes.has(link.path)) return false;
      this.nodes.set(link.path, { link: link.target });
      return true;
    });
    const readLink = (path: string): Promise<string | undefined> => {
      const node = this.nodes.get(path);
      return Promise.resolve(typeof node === 'object' ? node.link : undefined);
    };
    for (const link of created) {
      if (!(await staysInside(link.path, readLink))) {
        throw new ExtractionError(
          'link-escape',
          `symlink ${link.name} -> ${link.target} does not resolve inside the destination`,
          { entry: link.name },
        );
      }
    }
  }

  private placeFor(name: string): string {
    const segments = entrySegments(name);
    if (segments.length === 0) throw corrupt(name, 'is a file without a name');
    const path = segments.join('/');
    if (this.nodes.get(path) === 'directory') throw corrupt(name, 'would replace a directory');
    this.makeDirectories(name, segments.slice(0, -1));
    return path;
  }

  private makeDirectories(name: string, segments: readonly string[]): void {
    let path = '';
    for (const segment of segments) {
      // Grown one segment at a time: linear in the name's length (itself at most 4096 bytes).
      path = path === '' ? segment : `${path}/${segment}`;
      if (this.nodes.get(path) === 'file') throw corrupt(name, `would be placed under the file ${path}`);
      this.nodes.set(path, 'directory');
    }
  }
}
