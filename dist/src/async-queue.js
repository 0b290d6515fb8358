// Values pushed now and read later with `for await`: the reader waits for more until `end`.
export class AsyncQueue {
    items = [];
    done = false;
    wake;
    push(item) {
        this.items.push(item);
        this.notify();
    }
    end() {
        this.done = true;
        this.notify();
    }
    notify() {
        const w = this.wake;
        this.wake = undefined;
        w?.();
    }
    async *[Symbol.asyncIterator]() {
        for (;;) {
            if (this.items.length) {
                const taken = this.items;
                this.items = [];
                yield* taken;
                continue;
            }
            if (this.done)
                return;
            await new Promise((r) => (this.wake = r));
        }
    }
}
