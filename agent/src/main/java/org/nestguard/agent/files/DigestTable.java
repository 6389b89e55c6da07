package org.nestguard.agent.files;

import java.util.Arrays;
import java.util.List;

/**
 * Digests of one length held as one sorted flat byte array, searched by binary search: exactly the digest's
 * length per hash (32 bytes for SHA-256, 20 for SHA-1, 16 for MD5) and no object per hash.
 */
public final class DigestTable {
    private final int width;
    private final byte[] sorted;

    private DigestTable(int width, byte[] sorted) {
        this.width = width;
        this.sorted = sorted;
    }

    /** Sorts and de-duplicates {@code digests}, each {@code width} bytes. */
    public static DigestTable of(int width, List<byte[]> digests) {
        byte[][] all = digests.toArray(new byte[0][]);
        Arrays.sort(all, Arrays::compareUnsigned);
        byte[] flat = new byte[all.length * width];
        int count = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i].length != width) {
                throw new IllegalArgumentException("a " + all[i].length + "-byte digest in a table of " + width);
            }
            if (i > 0 && Arrays.equals(all[i], all[i - 1])) {
                continue;
            }
            System.arraycopy(all[i], 0, flat, count * width, width);
            count++;
        }
        return new DigestTable(width, Arrays.copyOf(flat, count * width));
    }

    /** A table read back from {@link #bytes()}; refuses a table that is not sorted and unique. */
    public static DigestTable fromSorted(int width, byte[] sorted) {
        if (sorted.length % width != 0) {
            throw new IllegalArgumentException("not a whole number of " + width + "-byte digests");
        }
        for (int i = width; i < sorted.length; i += width) {
            if (Arrays.compareUnsigned(sorted, i - width, i, sorted, i, i + width) >= 0) {
                throw new IllegalArgumentException("digests out of order at entry " + i / width);
            }
        }
        return new DigestTable(width, sorted);
    }

    public int width() {
        return width;
    }

    public int size() {
        return sorted.length / width;
    }

    /** The flat sorted array, for storing; not copied. */
    byte[] bytes() {
        return sorted;
    }

    public boolean contains(byte[] digest) {
        if (digest == null || digest.length != width) {
            return false;
        }
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int at = mid * width;
            int c = Arrays.compareUnsigned(sorted, at, at + width, digest, 0, width);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
