package io.devhealth.sync.provider.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stream parser for {@code git log -z --raw --numstat --no-renames --date=raw --format=<FORMAT>}.
 *
 * <p>With {@code -z} every field, raw entry, path and numstat entry ends with a NUL byte, so paths with spaces,
 * tabs, newlines or any byte but NUL parse exactly. The stream per commit is:
 * <pre>
 *   sha NUL parents NUL an NUL ae NUL "secs ±hhmm" NUL cn NUL ce NUL "secs ±hhmm" NUL subject NUL
 *   [ "\n" ] { ":oldmode newmode oldsha newsha STATUS" NUL path NUL }   -- --raw, one per file
 *           { "added TAB deleted TAB path" NUL }                         -- --numstat, same files
 * </pre>
 * A commit without a diff (merge, empty commit) is followed directly by the next commit's sha. The three kinds
 * of token after a header cannot be confused: raw entries start with ':', numstat entries contain two tabs
 * after digits or '-', and a header starts with a hex object name; raw paths are read positionally.
 *
 * <p>A commit is handed to the consumer only once the next commit's header begins, so a process that dies mid
 * commit never yields a half-parsed commit; {@link #pending()} returns the last commit for the caller to accept
 * when git exited cleanly.
 */
final class GitLogParser {

    /** NUL-separated fields; keep in sync with {@link #readHeader()}. */
    static final String FORMAT = "%H%x00%P%x00%an%x00%ae%x00%ad%x00%cn%x00%ce%x00%cd%x00%s";

    /** {@code git log} arguments producing the stream this parser reads (revisions follow on stdin). */
    static final List<String> LOG_ARGS = List.of("log", "--no-walk=unsorted", "--stdin", "--numstat", "--raw",
            "--no-renames", "--diff-merges=off", "--no-relative", "--no-show-signature", "--no-color",
            "--encoding=UTF-8", "-z", "--date=raw", "--format=" + FORMAT);

    /** Same header, no diff: metadata of commits whose diff cannot be computed. */
    static final List<String> HEADER_ARGS = List.of("log", "--no-walk=unsorted", "--stdin", "--no-show-signature",
            "--no-color", "--encoding=UTF-8", "-z", "--date=raw", "--format=" + FORMAT);

    private static final int HEADER_FIELDS = 9;

    private final NulTokenReader reader;
    private final Consumer<GitCommit> consumer;
    private final boolean withDiff;

    private Header header;
    private final List<byte[]> rawPaths = new ArrayList<>();
    private final List<String> rawStatus = new ArrayList<>();
    private final List<GitFileChange> files = new ArrayList<>();
    private GitCommit pending;
    private long completed;

    GitLogParser(InputStream in, Consumer<GitCommit> consumer, boolean withDiff) {
        this.reader = new NulTokenReader(in);
        this.consumer = consumer;
        this.withDiff = withDiff;
    }

    /**
     * Reads the stream to its end, handing every commit but the last to the consumer.
     *
     * @throws IOException              reading failed
     * @throws GitOutputException       the output is not what the format produces
     */
    void parse() throws IOException {
        boolean haveToken = reader.next();
        while (haveToken) {
            if (reader.truncated()) {
                return; // the process died mid-token; the pending commit stays unconfirmed
            }
            if (header == null) {
                if (!readHeader()) {
                    return;
                }
                haveToken = reader.next();
                continue;
            }
            byte first = reader.byteAt(0);
            int offset = first == '\n' ? 1 : 0;
            if (withDiff && reader.length() > offset && reader.byteAt(offset) == ':') {
                String status = rawStatus(offset);
                if (!reader.next() || reader.truncated()) {
                    return;
                }
                rawPaths.add(reader.copy(0));
                rawStatus.add(status);
            } else if (withDiff && isNumstat()) {
                addNumstat();
            } else {
                completeCommit();
                if (!readHeader()) {
                    return;
                }
            }
            haveToken = reader.next();
        }
        if (header != null) {
            pending = buildCommit();
            header = null;
        }
    }

    /** The last commit read, complete only if git exited with status 0; {@code null} if none. */
    GitCommit pending() {
        return pending;
    }

    /** Commits handed to the consumer so far (not counting {@link #pending()}). */
    long completed() {
        return completed;
    }

    private void completeCommit() {
        consumer.accept(buildCommit());
        completed++;
        header = null;
    }

    /** Reads the nine header fields, the first already being the current token. */
    private boolean readHeader() throws IOException {
        String[] fields = new String[HEADER_FIELDS];
        for (int i = 0; i < HEADER_FIELDS; i++) {
            if (i > 0 && (!reader.next() || reader.truncated())) {
                return false;
            }
            fields[i] = reader.string();
            if (i == 0 && !isObjectName(fields[0])) {
                throw new GitOutputException("unexpected git log output: expected a commit object name, got '"
                        + abbreviate(fields[0]) + "'");
            }
        }
        header = new Header(fields);
        rawPaths.clear();
        rawStatus.clear();
        files.clear();
        return true;
    }

    private GitCommit buildCommit() {
        String[] f = header.fields;
        List<String> parents = f[1].isEmpty() ? List.of() : List.of(f[1].split(" "));
        long[] authored = parseDate(f[4]);
        long[] committed = parseDate(f[7]);
        return new GitCommit(f[0], parents, f[2], f[3], authored[0], (int) authored[1], f[5], f[6], committed[0],
                (int) committed[1], f[8], List.copyOf(files), false);
    }

    /** {@code "1700000000 +0530"} → {epoch millis, offset minutes}. */
    static long[] parseDate(String raw) {
        int space = raw.indexOf(' ');
        if (space < 0) {
            throw new GitOutputException("unexpected git date: '" + abbreviate(raw) + "'");
        }
        long seconds = Long.parseLong(raw.substring(0, space));
        String tz = raw.substring(space + 1).strip();
        int minutes = 0;
        if (tz.length() == 5 && (tz.charAt(0) == '+' || tz.charAt(0) == '-')) {
            int hh = Integer.parseInt(tz.substring(1, 3));
            int mm = Integer.parseInt(tz.substring(3, 5));
            minutes = (hh * 60 + mm) * (tz.charAt(0) == '-' ? -1 : 1);
        }
        return new long[] { seconds * 1000L, minutes };
    }

    /** The status letter of a raw entry {@code ":100644 100644 abc def M"} (scores, e.g. R100, dropped). */
    private String rawStatus(int offset) {
        int end = reader.length();
        int space = end - 1;
        while (space > offset && reader.byteAt(space) != ' ') {
            space--;
        }
        if (space + 1 >= end) {
            throw new GitOutputException("unexpected git raw diff entry");
        }
        byte letter = reader.byteAt(space + 1);
        return switch (letter) {
            case 'A' -> "A";
            case 'M' -> "M";
            case 'D' -> "D";
            case 'T' -> "T";
            default -> String.valueOf((char) letter);
        };
    }

    /** {@code digits-or-'-' TAB digits-or-'-' TAB path}. */
    private boolean isNumstat() {
        int n = reader.length();
        int i = 0;
        for (int field = 0; field < 2; field++) {
            int start = i;
            while (i < n && reader.byteAt(i) != '\t') {
                byte b = reader.byteAt(i);
                if (!(b >= '0' && b <= '9') && b != '-') {
                    return false;
                }
                i++;
            }
            if (i == start || i >= n) {
                return false;
            }
            i++; // tab
        }
        return true;
    }

    private void addNumstat() {
        int tab1 = 0;
        while (reader.byteAt(tab1) != '\t') {
            tab1++;
        }
        int tab2 = tab1 + 1;
        while (reader.byteAt(tab2) != '\t') {
            tab2++;
        }
        boolean binary = reader.byteAt(0) == '-';
        int additions = binary ? 0 : (int) Math.min(Integer.MAX_VALUE, reader.parseLong(0, tab1));
        int deletions = binary ? 0 : (int) Math.min(Integer.MAX_VALUE, reader.parseLong(tab1 + 1, tab2));
        byte[] path = reader.copy(tab2 + 1);
        String status = statusOf(path, files.size());
        files.add(new GitFileChange(path, status, additions, deletions, binary));
    }

    /** Raw and numstat entries come in the same (diff queue) order; fall back to a search if they ever do not. */
    private String statusOf(byte[] path, int index) {
        if (index < rawPaths.size() && Arrays.equals(rawPaths.get(index), path)) {
            return rawStatus.get(index);
        }
        for (int i = 0; i < rawPaths.size(); i++) {
            if (Arrays.equals(rawPaths.get(i), path)) {
                return rawStatus.get(i);
            }
        }
        return "M";
    }

    private static boolean isObjectName(String s) {
        if (s.length() != 40 && s.length() != 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private record Header(String[] fields) {
    }

    /** Splits a stream into NUL-terminated tokens, reusing one growable buffer (no per-token allocation). */
    static final class NulTokenReader {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private byte[] token = new byte[512];
        private int length;
        private boolean truncated;

        NulTokenReader(InputStream in) {
            this.in = in;
        }

        /**
         * Reads the next token. Returns {@code false} at a clean end of stream; a final token without its NUL
         * (the writer died) is returned with {@link #truncated()} set.
         */
        boolean next() throws IOException {
            length = 0;
            truncated = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (length > 0) {
                            truncated = true;
                            return true;
                        }
                        return false;
                    }
                }
                int start = position;
                int end = start;
                while (end < limit && buffer[end] != 0) {
                    end++;
                }
                append(start, end - start);
                if (end < limit) {
                    position = end + 1;
                    return true;
                }
                position = limit;
            }
        }

        private void append(int from, int count) {
            if (length + count > token.length) {
                token = Arrays.copyOf(token, Math.max(token.length * 2, length + count));
            }
            System.arraycopy(buffer, from, token, length, count);
            length += count;
        }

        boolean truncated() {
            return truncated;
        }

        int length() {
            return length;
        }

        byte byteAt(int i) {
            return token[i];
        }

        String string() {
            return new String(token, 0, length, StandardCharsets.UTF_8);
        }

        byte[] copy(int from) {
            return Arrays.copyOfRange(token, from, length);
        }

        long parseLong(int from, int to) {
            long value = 0;
            for (int i = from; i < to; i++) {
                value = value * 10 + (token[i] - '0');
            }
            return value;
        }
    }
}
