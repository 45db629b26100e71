package io.devhealth.sync.provider.git;

import java.nio.charset.StandardCharsets;

/**
 * The commits to extract, kept as {@code git rev-list}'s own output: one fixed-length line per commit (41 bytes
 * with SHA-1). 1M commits cost 41 MB instead of ~100 MB as Strings, and chunks go to {@code git log --stdin}
 * as byte slices without re-encoding.
 */
final class CommitList {

    static final CommitList EMPTY = new CommitList(new byte[0], 41, 0);

    private final byte[] lines;
    private final int lineLength;
    private final int size;

    private CommitList(byte[] lines, int lineLength, int size) {
        this.lines = lines;
        this.lineLength = lineLength;
        this.size = size;
    }

    /**
     * @param revListOutput {@code git rev-list} stdout: object names, one per line
     * @throws GitOutputException the lines are not object names of one length
     */
    static CommitList of(byte[] revListOutput) {
        if (revListOutput.length == 0) {
            return EMPTY;
        }
        int first = 0;
        while (first < revListOutput.length && revListOutput[first] != '\n') {
            first++;
        }
        int lineLength = first + 1;
        if ((first != 40 && first != 64) || revListOutput.length % lineLength != 0) {
            throw new GitOutputException("unexpected git rev-list output");
        }
        int size = revListOutput.length / lineLength;
        for (int i = 1; i <= size; i++) {
            if (revListOutput[i * lineLength - 1] != '\n') {
                throw new GitOutputException("unexpected git rev-list output");
            }
        }
        return new CommitList(revListOutput, lineLength, size);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    String sha(int index) {
        return new String(lines, index * lineLength, lineLength - 1, StandardCharsets.US_ASCII);
    }

    /** Lines {@code [from, to)} as {@code git … --stdin} input. */
    byte[] stdin(int from, int to) {
        byte[] out = new byte[(to - from) * lineLength];
        System.arraycopy(lines, from * lineLength, out, 0, out.length);
        return out;
    }

    /** This list followed by the commits of {@code other} it does not hold yet. */
    CommitList union(CommitList other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        if (other.lineLength != lineLength) {
            throw new GitOutputException("object names of two lengths in one repository");
        }
        java.util.Set<String> present = new java.util.HashSet<>(size * 2);
        for (int i = 0; i < size; i++) {
            present.add(sha(i));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(lines.length + other.lines.length);
        out.write(lines, 0, size * lineLength);
        for (int i = 0; i < other.size; i++) {
            if (!present.contains(other.sha(i))) {
                out.write(other.lines, i * lineLength, lineLength);
            }
        }
        return of(out.toByteArray());
    }
}
