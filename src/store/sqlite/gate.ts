/**
 * One holder at a time, first come first served: what keeps two async transactions from interleaving
 * on one SQLite connection. `idle()` waits until nobody holds or waits for the gate.
 */
export class Gate {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  get busy(): boolean {
    return this.waiting > 0;
  }

  async acquire(): Promise<() => void> {
    const previous = this.tail;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.waiting += 1;
    this.tail = previous.then(() => mine);
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.waiting -= 1;
      release();
    };
  }

  async idle(): Promise<void> {
    while (this.waiting > 0) await this.tail;
  }
}
