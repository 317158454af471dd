/** Growable FIFO ring buffer: O(1) push/shift without Array.shift's copying. */
export class Ring<T> {
  private items: (T | undefined)[] = new Array(16);
  private head = 0;
  length = 0;

  push(x: T): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length) & (this.items.length - 1)] = x;
    this.length++;
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const x = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
    return x;
  }

  peek(): T | undefined {
    return this.length === 0 ? undefined : this.items[this.head];
  }

  private grow(): void {
    const n = this.items.length;
    const next: (T | undefined)[] = new Array(n * 2);
    for (let i = 0; i < this.length; i++) next[i] = this.items[(this.head + i) & (n - 1)];
    this.items = next;
    this.head = 0;
  }
}
