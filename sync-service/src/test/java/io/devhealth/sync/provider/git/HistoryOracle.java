package io.devhealth.sync.provider.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import io.devhealth.testengines.Engines;

/**
 * The assertion every git sync test ends with: the live (not tombstoned) {@code commits} and {@code commit_stats}
 * rows of an org equal what git itself prints for the same repository ({@link GitFixture}'s oracle).
 */
public final class HistoryOracle {

    private HistoryOracle() {
    }

    /**
     * @param git   the repository whose history was synced (or one with the same refs)
     * @param query runs SQL with {@code {org:UUID}} bound to the org; answers TabSeparated rows split into fields
     */
    public static void assertHistoryMatches(GitFixture git, UUID org, BiFunction<String, UUID, List<String[]>> query) {
        Map<String, GitFixture.OracleCommit> commits = git.commits();
        Map<String, List<GitFixture.OracleFile>> numstat = git.numstat();
        // Every commit row equals git's metadata and numstat totals.
        List<String[]> rows = query.apply("""
                SELECT sha, arrayStringConcat(parents, ' '), is_merge, base64Encode(author_name), author_email,
                       toUnixTimestamp64Milli(authored_at), author_tz_offset_minutes, committer_email,
                       toUnixTimestamp64Milli(committed_at), committer_tz_offset_minutes, base64Encode(subject),
                       additions, deletions, files_changed
                FROM commits FINAL WHERE org_id = {org:UUID} AND is_deleted = 0""", org);
        assertThat(rows).hasSize(git.revList().size());
        for (String[] r : rows) {
            GitFixture.OracleCommit expected = commits.get(r[0]);
            List<GitFixture.OracleFile> files = numstat.getOrDefault(r[0], List.of());
            assertThat(r[1]).isEqualTo(String.join(" ", expected.parents()));
            assertThat(r[2]).isEqualTo(expected.parents().size() > 1 ? "1" : "0");
            assertThat(decode(r[3])).isEqualTo(expected.authorName());
            assertThat(r[4]).isEqualTo(expected.authorEmail());
            assertThat(Long.parseLong(r[5])).isEqualTo(expected.authorTime() * 1000);
            assertThat(Integer.parseInt(r[6])).isEqualTo(GitFixture.tzMinutes(expected.authorTz()));
            assertThat(r[7]).isEqualTo(expected.committerEmail());
            assertThat(Long.parseLong(r[8])).isEqualTo(expected.committerTime() * 1000);
            assertThat(Integer.parseInt(r[9])).isEqualTo(GitFixture.tzMinutes(expected.committerTz()));
            assertThat(decode(r[10])).isEqualTo(expected.subject());
            assertThat(Long.parseLong(r[11])).isEqualTo(files.stream().mapToLong(GitFixture.OracleFile::additions).sum());
            assertThat(Long.parseLong(r[12])).isEqualTo(files.stream().mapToLong(GitFixture.OracleFile::deletions).sum());
            assertThat(Integer.parseInt(r[13])).isEqualTo(files.size());
        }

        // Every file row equals git's numstat row (paths compared as bytes, base64 through TSV).
        List<String[]> stats = query.apply("""
                SELECT sha, base64Encode(path), change_type, additions, deletions, is_binary
                FROM commit_stats FINAL WHERE org_id = {org:UUID} AND is_deleted = 0""", org);
        Set<String> actual = new HashSet<>();
        for (String[] s : stats) {
            actual.add(String.join("|", s[0], decode(s[1]), s[2], s[3], s[4], s[5]));
        }
        Set<String> expected = new HashSet<>();
        numstat.forEach((sha, files) -> files.forEach(f -> expected.add(String.join("|", sha, f.path(), f.status(),
                Integer.toString(f.additions()), Integer.toString(f.deletions()), f.binary() ? "1" : "0"))));
        assertThat(actual).isEqualTo(expected);
    }

    /** Queries the test ClickHouse {@code database} the way {@link #assertHistoryMatches} wants. */
    public static BiFunction<String, UUID, List<String[]>> clickhouse(String database) {
        return (sql, org) -> {
            String out = Engines.clickhouse().queryWithParams(database, sql, Map.of("org", org.toString()));
            List<String[]> rows = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        };
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
