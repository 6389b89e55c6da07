package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * Stores work items from many request threads in shared transactions: up to {@code maxItems} items (or
 * {@code maxBytes}) in one commit, so one fsync serves many callers. No thread of its own: a caller that finds a
 * writer slot free becomes the writer for what is queued, the others wait for their own answer. A caller is
 * answered only after the commit that holds its item; when a group fails, each of its items is tried again in a
 * transaction of its own, so one bad item fails only its own caller.
 */
final class GroupCommit<I, O> {
    /** One item's work inside the group's transaction; run again from the start if the transaction is retried. */
    @FunctionalInterface
    interface Step<I, O> {
        O store(Connection connection, I item) throws SQLException;
    }

    private final Database database;
    private final int writers;
    private final int maxItems;
    private final long maxBytes;
    private final ToLongFunction<I> bytes;
    private final Comparator<I> order;
    private final Step<I, O> step;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();
    private int writing;

    /**
     * @param writers  groups written at once (1 for SQLite, which has one writer anyway)
     * @param order    the order items are stored in within a group; it must keep the arrival order of items that
     *                 touch the same rows (a stable sort does), and on PostgreSQL one order for every group keeps
     *                 two groups from locking the same rows in opposite orders (a deadlock)
     */
    GroupCommit(Database database, int writers, int maxItems, long maxBytes, ToLongFunction<I> bytes,
                Comparator<I> order, Step<I, O> step) {
        this.database = database;
        this.writers = writers;
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        this.bytes = bytes;
        this.order = order;
        this.step = step;
    }

    /** Stores the item, in a group with others if any are waiting, and returns its answer after the commit. */
    O store(I item) {
        Pending<I, O> mine = new Pending<>(item);
        lock.lock();
        try {
            queue.add(mine);
            while (!mine.done) {
                if (writing < writers && !queue.isEmpty()) {
                    List<Pending<I, O>> group = take();
                    writing++;
                    lock.unlock();
                    try {
                        write(group);
                    } finally {
                        lock.lock();
                        writing--;
                        changed.signalAll();
                    }
                } else {
                    changed.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.answer;
    }

    /** How many items are queued and not yet taken by a writer (for tests that arrange a group). */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private List<Pending<I, O>> take() {
        List<Pending<I, O>> group = new ArrayList<>();
        long total = 0;
        while (!queue.isEmpty() && group.size() < maxItems) {
            long size = bytes.applyAsLong(queue.peek().item);
            if (!group.isEmpty() && total + size > maxBytes) {
                break;
            }
            total += size;
            group.add(queue.poll());
        }
        group.sort(Comparator.comparing(p -> p.item, order));
        return group;
    }

    // called without the lock; every item of the group is answered or failed before it returns
    private void write(List<Pending<I, O>> group) {
        try {
            writeOrRetryEach(group);
        } finally {
            lock.lock();
            try {
                for (Pending<I, O> pending : group) {
                    if (pending.answer == null && pending.failure == null) {
                        // an Error escaped the store: the caller must not wait for ever
                        pending.failure = new StoreException("The console hit an internal error storing this (see "
                                + "its log); nothing of it was stored: send it again");
                    }
                    pending.done = true;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void writeOrRetryEach(List<Pending<I, O>> group) {
        List<O> answers = null;
        RuntimeException groupFailure = null;
        try {
            answers = database.transaction(connection -> {
                List<O> stored = new ArrayList<>(group.size());
                for (Pending<I, O> pending : group) {
                    stored.add(step.store(connection, pending.item));
                }
                return stored;
            });
        } catch (RuntimeException e) {
            groupFailure = e;
        }
        if (answers != null) {
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer = answers.get(i);
            }
        } else if (group.size() == 1) {
            group.get(0).failure = groupFailure;
        } else {
            // one item's failure rolled back the whole group: each on its own, so only the bad one fails
            for (Pending<I, O> pending : group) {
                try {
                    pending.answer = database.transaction(connection -> step.store(connection, pending.item));
                } catch (RuntimeException e) {
                    pending.failure = e;
                }
            }
        }
    }

    /** An item waiting for its commit; its fields are read and written under the lock or before done is set. */
    private static final class Pending<I, O> {
        final I item;
        O answer;
        RuntimeException failure;
        boolean done;

        Pending(I item) {
            this.item = item;
        }
    }
}
