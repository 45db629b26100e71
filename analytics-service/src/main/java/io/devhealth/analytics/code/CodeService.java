package io.devhealth.analytics.code;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.code.BusFactors.Author;
import io.devhealth.analytics.code.BusFactors.RepoBusFactor;
import io.devhealth.analytics.code.CodeRepository.AuthorLines;
import io.devhealth.analytics.code.CodeRepository.RepoName;
import io.devhealth.analytics.listing.Listing;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.analytics.repo.RepoRepository;
import io.devhealth.support.problem.ProblemException;

/** Code health over a window of UTC days: hotspots and bus factors (see {@link Hotspots}, {@link BusFactors}). */
@ApplicationScoped
public class CodeService {

    static final String NO_CHANGES = "no line changed in the window";
    /** Contributors listed per repository. */
    static final int TOP_AUTHORS = 10;
    private static final String GIT_KEY = "git:";

    private final OrgAccess orgAccess;
    private final CodeRepository code;
    private final RepoRepository repos;
    private final int maxRangeDays;

    CodeService(OrgAccess orgAccess, CodeRepository code, RepoRepository repos, AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.code = code;
        this.repos = repos;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * @param repo  repository id or full name; null or blank for every repository
     * @param limit 1–200, default 50
     * @throws ProblemException 400 for a bad range or limit; 404 for an organization the caller cannot see or an
     *         unknown repository
     */
    public Hotspots hotspots(String org, String from, String to, String repo, String limit) {
        UUID orgId = orgAccess.readableOrgId(org);
        DayRange range = DayRange.parse(from, to, LocalDate.now(ZoneOffset.UTC), maxRangeDays);
        int rows = Listing.limit(limit);
        String repoFilter = repoFilter(orgId, org, repo);
        return new Hotspots(range.from(), range.to(), repoFilter.isEmpty() ? null : repoFilter,
                code.hotspots(orgId, range, repoFilter, rows));
    }

    /**
     * @param repo  repository id or full name; null or blank for every repository
     * @param limit repositories listed, 1–200, default 50
     * @throws ProblemException as {@link #hotspots}
     */
    public BusFactors busFactors(String org, String from, String to, String repo, String limit) {
        UUID orgId = orgAccess.readableOrgId(org);
        DayRange range = DayRange.parse(from, to, LocalDate.now(ZoneOffset.UTC), maxRangeDays);
        int rows = Listing.limit(limit);
        String repoFilter = repoFilter(orgId, org, repo);
        Map<UUID, List<AuthorLines>> byRepo = code.authorLines(orgId, range, repoFilter).stream()
                .collect(Collectors.groupingBy(AuthorLines::repoId));
        List<RepoBusFactor> result = code.repos(orgId, repoFilter).stream()
                .map(name -> busFactor(name, byRepo.getOrDefault(name.repoId(), List.of())))
                .sorted(Comparator.comparingLong(RepoBusFactor::linesChanged).reversed()
                        .thenComparing(RepoBusFactor::repo))
                .limit(rows)
                .toList();
        return new BusFactors(range.from(), range.to(), result);
    }

    /** The fewest authors, largest first, whose lines are more than half of the repository's. */
    static RepoBusFactor busFactor(RepoName repo, List<AuthorLines> authors) {
        List<AuthorLines> largestFirst = authors.stream()
                .sorted(Comparator.comparingLong(AuthorLines::lines).reversed()
                        .thenComparing(Comparator.comparingLong(AuthorLines::commits).reversed())
                        .thenComparing(AuthorLines::key))
                .toList();
        long total = largestFirst.stream().mapToLong(AuthorLines::lines).sum();
        long commits = largestFirst.stream().mapToLong(AuthorLines::commits).sum();
        if (total == 0) {
            return new RepoBusFactor(repo.repoId(), repo.fullName(), 0, commits, largestFirst.size(), null, NO_CHANGES,
                    List.of());
        }
        int busFactor = 0;
        for (long covered = 0; 2 * covered <= total; busFactor++) {
            covered += largestFirst.get(busFactor).lines();
        }
        List<Author> top = new ArrayList<>();
        for (AuthorLines author : largestFirst.subList(0, Math.min(TOP_AUTHORS, largestFirst.size()))) {
            boolean unmapped = author.key().startsWith(GIT_KEY);
            top.add(new Author(unmapped ? null : UUID.fromString(author.key()), unmapped ? author.email() : null,
                    author.name(), author.lines(), author.commits(), (double) author.lines() / total));
        }
        return new RepoBusFactor(repo.repoId(), repo.fullName(), total, commits, largestFirst.size(), busFactor, null,
                top);
    }

    private String repoFilter(UUID orgId, String org, String repo) {
        String filter = repo == null ? "" : repo.strip();
        if (!filter.isEmpty() && !repos.exists(orgId, filter)) {
            throw ProblemException.notFound("No repository '" + filter + "' in organization '" + org + "'.");
        }
        return filter;
    }
}
