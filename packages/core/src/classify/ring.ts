/** A fixed-size buffer of the most recent items: the scanner's only memory of lines already read. */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** Oldest first; at most `n` of the newest. */
  last(n = this.size): T[] {
    const count = Math.min(n, this.size);
    const out: T[] = [];
    for (let i = count; i > 0; i--) out.push(this.items[(this.next - i + this.capacity) % this.capacity] as T);
    return out;
  }
}
